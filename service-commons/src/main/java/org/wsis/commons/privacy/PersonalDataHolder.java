package org.wsis.commons.privacy;

import java.util.Map;
import java.util.Set;

/**
 * What one feature of a service holds about a person: implemented by each service's {@code privacy/} bean (one or
 * more per service), called by service-commons' {@link PersonalDataExports} (the export) and {@link Erasures} (the
 * erasure, in the transaction that records the service's confirmation).
 */
public interface PersonalDataHolder {

    /** The person's data, by section name ({@code registrations}, {@code entries}...), each a list of records. */
    Map<String, Object> export(String subject);

    /**
     * Erases or pseudonymises everything held about the person whose subject hashes to {@code subjectHash}
     * ({@link SubjectHash#matches} finds their rows), in the caller's transaction.
     *
     * @return what was changed (counts per kind) and the identifiers found on the way (the subject, names,
     * e-mail addresses as they were stored): the shared stores (published outbox rows, stored idempotent
     * responses) are then cleared of them
     */
    Erased erase(String subjectHash);

    /**
     * The person withdrew their consent to {@code purpose} (e.g. {@code stocktaking.contact}), in the caller's
     * transaction: stop what that consent allowed (hide what it made public...). What was done under it before stays
     * lawful and is not undone; nothing by default (a holder that collects under no consent).
     */
    default void consentWithdrawn(String subject, String purpose) {
    }

    /** What an erasure changed in one holder. */
    record Erased(Map<String, Integer> counts, Set<String> identifiers) {
        public static Erased nothing() {
            return new Erased(Map.of(), Set.of());
        }
    }
}
