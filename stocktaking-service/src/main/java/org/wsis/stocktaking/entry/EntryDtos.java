package org.wsis.stocktaking.entry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What clients send and receive; the entity never leaves the service. */
public final class EntryDtos {
    private EntryDtos() {
    }

    /** A new draft. Owner and status are not accepted from the client: they come from the token and the workflow. */
    public record NewEntry(
            @NotBlank @Size(max = 300) String title,
            @NotBlank @Size(max = 20_000) String description,
            @NotBlank @Size(max = 300) String organisation,
            @NotEmpty @Size(max = 19) List<@NotBlank @Pattern(regexp = "C\\d{1,2}(\\.[A-Z-]+)?", message = "must be an action line code such as C3 or C7.E-HEALTH") String> actionLines) {
    }

    public record EntryView(UUID id, String title, String description, String organisation, List<String> actionLines,
                            EntryStatus status, String ownerId, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                            OffsetDateTime publishedAt, long version) {
        static EntryView of(Entry e) {
            return new EntryView(e.id, e.title, e.description, e.organisation, e.actionLines, e.status, e.ownerId,
                    e.createdAt, e.updatedAt, e.publishedAt, e.version);
        }
    }
}
