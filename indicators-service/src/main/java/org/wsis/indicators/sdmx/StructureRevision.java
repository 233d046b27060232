package org.wsis.indicators.sdmx;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The one counter of structural changes (table structure_revision): every change of an indicator definition, a code
 * list or an agency bumps it in its own transaction, and every instance compares its cached SDMX structures and
 * rendered messages with it, so no instance serves a structure older than the last committed change.
 */
@ApplicationScoped
public class StructureRevision {
    private final EntityManager entityManager;

    public StructureRevision(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Called inside the transaction that changes a structure; the row lock also serialises concurrent changes. */
    public long bump() {
        return ((Number) entityManager.createNativeQuery(
                "UPDATE structure_revision SET revision = revision + 1 RETURNING revision").getSingleResult()).longValue();
    }

    /** A code list's next SDMX minor version (1.n), in the same transaction as the change. */
    public int bumpCodelist(String codelist) {
        bump();
        return ((Number) entityManager.createNativeQuery(
                "UPDATE codelist SET version = version + 1 WHERE id = ?1 RETURNING version")
                .setParameter(1, codelist).getSingleResult()).intValue();
    }

    /** The SDMX version of a code list with this minor version: 1.0 as migrated, 1.1 after the first change... */
    public static String sdmxVersion(int minor) {
        return "1." + minor;
    }
}
