package org.wsis.commons.audit;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.text.PlainText;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The audit log's query parameters ({@code @BeanParam @Valid}); bad values are a 400 naming the parameter. */
public class AuditQuery {
    @QueryParam("actor")
    @Parameter(description = "The deciding caller's token subject")
    @Size(min = 1, max = 255, message = "must be 1 to 255 characters")
    @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE)
    public String actor;

    @QueryParam("action")
    @Parameter(description = "An action, e.g. entry.published")
    @Size(max = 100, message = "must be at most 100 characters")
    @Pattern(regexp = "[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+", message = "must look like entry.published")
    public String action;

    @QueryParam("targetType")
    @Parameter(description = "A kind of target, e.g. entry")
    @Size(max = 100, message = "must be at most 100 characters")
    @Pattern(regexp = "[a-z][a-z0-9-]*", message = "must be a lower-case word, e.g. entry")
    public String targetType;

    @QueryParam("targetId")
    @Parameter(description = "A target's id (with or without targetType)")
    @Size(min = 1, max = 255, message = "must be 1 to 255 characters")
    @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE)
    public String targetId;

    @QueryParam("from")
    @Parameter(description = "Decisions at or after this instant (ISO-8601 with offset, e.g. 2026-12-01T00:00:00Z)",
            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @Size(max = 64, message = "must be at most 64 characters")
    public String from;

    @QueryParam("to")
    @Parameter(description = "Decisions before this instant (ISO-8601 with offset)",
            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @Size(max = 64, message = "must be at most 64 characters")
    public String to;

    public AuditFilter toFilter() {
        OffsetDateTime since = instant("from", from);
        OffsetDateTime until = instant("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        return new AuditFilter(actor, action, targetType, targetId, since, until);
    }

    private static OffsetDateTime instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            OffsetDateTime instant = OffsetDateTime.parse(value);
            // what PostgreSQL's timestamptz holds, with room for any offset
            if (instant.getYear() < 1 || instant.getYear() > 9999) {
                throw ProblemException.malformed(name, "must be a date-time between the years 1 and 9999");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw ProblemException.malformed(name, "must be an ISO-8601 date-time with an offset, e.g. 2026-12-01T00:00:00Z");
        }
    }
}
