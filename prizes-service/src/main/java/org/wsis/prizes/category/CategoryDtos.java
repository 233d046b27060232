package org.wsis.prizes.category;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class CategoryDtos {
    /** Special prize codes: "SP." and upper-case words joined by hyphens, e.g. SP.HEALTHY-AGEING. */
    public static final String SPECIAL_PRIZE_CODE = "^SP\\.[A-Z0-9]+(-[A-Z0-9]+)*$";

    private CategoryDtos() {
    }

    public record SpecialPrizeRequest(@NotBlank @Size(max = 200) String name,
                                      @Schema(nullable = true) @Size(max = 2000) String description) {
    }

    /** kind: ACTION_LINE (one of the 18 default categories) or SPECIAL_PRIZE. */
    public record EditionCategoryView(String code, String name,
                                      @Schema(enumeration = {"ACTION_LINE", "SPECIAL_PRIZE"}) String kind,
                                      @Schema(nullable = true) String description) {
        public static EditionCategoryView of(EditionCategory c) {
            return new EditionCategoryView(c.code, c.name, c.kind, c.description);
        }
    }
}
