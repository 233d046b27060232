package org.wsis.commons.i18n;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.wsis.commons.text.PlainText;

/**
 * A language version of a title and description, as its owner sends it (PUT .../translations/{lang}): the text and
 * its origin, OWNER (they wrote it), HUMAN (a person translated it) or MACHINE (machine translated). No control
 * characters ({@link PlainText}; line breaks allowed in the description): the same 400 in every service.
 */
@Schema(name = "NewTranslation")
public record NewTranslation(
        @NotBlank @Size(max = 300)
        @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String title,
        @Schema(nullable = true) @Size(max = 20_000)
        @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String description,
        @NotNull(message = "must be OWNER, HUMAN or MACHINE") TranslationOrigin origin) {
}
