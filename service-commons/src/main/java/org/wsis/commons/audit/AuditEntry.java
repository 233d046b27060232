package org.wsis.commons.audit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One recorded admin or moderator decision: what {@code GET /api/v1/audit} lists and what the
 * {@code org.wsis.audit.entry.recorded.v1} event carries (schema: service-commons {@code events/audit-entry-recorded.v1}).
 */
@Schema(name = "AuditEntry", description = "An admin or moderator decision: who, when, what, before and after, why")
public record AuditEntry(
        @Schema(description = "The entry's id") UUID id,
        @Schema(description = "The service that recorded it, e.g. stocktaking-service") String service,
        @Schema(description = "When the decision was committed (UTC)") OffsetDateTime occurredAt,
        @Schema(description = "Who decided: the token's subject and the realm roles held then") Actor actor,
        @Schema(description = "What was decided, <target>.<verb>, e.g. entry.published", example = "entry.published") String action,
        @Schema(description = "The kind of thing decided on, e.g. entry, edition, session", example = "entry") String targetType,
        @Schema(description = "Its id (a UUID, a year, a code...)") String targetId,
        // a Map, not a JsonNode: JsonNode is Iterable, and OpenAPI would call it an array
        @Schema(nullable = true, description = "The decided-on state before (null when the decision created it)") Map<String, Object> before,
        @Schema(nullable = true, description = "The decided-on state after (null when the decision removed it)") Map<String, Object> after,
        @Schema(nullable = true, description = "The reason the decider gave, when the operation takes one") String reason) {

    @Schema(name = "AuditActor")
    public record Actor(@Schema(description = "The token's subject: never a name or an e-mail") String subject,
                        @Schema(description = "The realm roles of the caller's token") List<String> roles) {
    }
}
