package org.wsis.commons.audit;

import java.time.OffsetDateTime;

/** What admins filter the audit log by; null: no filter. {@code from} inclusive, {@code to} exclusive. */
public record AuditFilter(String actor, String action, String targetType, String targetId,
                          OffsetDateTime from, OffsetDateTime to) {
}
