package org.wsis.prizes.contest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.UUID;

/** Editions for the tests of voting, written straight into the database (ContestFlowTest covers the flows that make them). */
public final class VotingEditions {
    private VotingEditions() {
    }

    /**
     * A year in [from, to) that no edition has yet: tests share one database, and a random year collided with another
     * test's edition. Years before 3000 are real contests (their rules freeze when voting opens), later ones rehearsals.
     */
    public static int freeYear(EntityManager entityManager, int from, int to) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                        SELECT y FROM generate_series(?1, ?2 - 1) y WHERE NOT EXISTS (SELECT 1 FROM edition WHERE year = y)
                        ORDER BY random() LIMIT 1""")
                .setParameter(1, from).setParameter(2, to).getSingleResult()).intValue());
    }

    /**
     * An edition voting since yesterday until in 30 days, its ceremony a day later, its nominees announced:
     * {@code nominees} per category, the first submitted latest. Step-up and screening rules as JSON (null: none,
     * and the service's default screening).
     */
    public static void votingEdition(EntityManager entityManager, int year, List<String> categories, int nominees,
                                     String stepUpRules, String screeningRules) {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("""
                    INSERT INTO edition (year, submission_opens, review_opens, nomination_opens, voting_opens, results_open,
                                         ceremony_at, champions_per_category, nominees_announced_at, step_up_rules, screening_rules)
                    VALUES (?1, now() - interval '40 days', now() - interval '30 days', now() - interval '20 days',
                            now() - interval '1 day', now() + interval '30 days', now() + interval '31 days', 2,
                            now() - interval '2 days', ?2, ?3)""")
                    .setParameter(1, year).setParameter(2, stepUpRules).setParameter(3, screeningRules).executeUpdate();
            for (String category : categories) {
                for (int n = 0; n < nominees; n++) {
                    UUID entry = UUID.randomUUID();
                    entityManager.createNativeQuery("""
                            INSERT INTO eligible_entry (entry_id, owner_id, title, organisation, action_lines, published_at)
                            VALUES (?1, ?2, ?3, 'Org', ARRAY[?4], now())""")
                            .setParameter(1, entry).setParameter(2, "owner-" + entry).setParameter(3, "Nominee " + n)
                            .setParameter(4, category.startsWith("C7") ? "C7" : category).executeUpdate();
                    entityManager.createNativeQuery("""
                            INSERT INTO submission (id, edition_year, entry_id, category, owner_id, organisation, title, summary,
                                                    status, submitted_at, updated_at)
                            VALUES (gen_random_uuid(), ?1, ?2, ?3, ?4, 'Org', ?5, 'Nominee', 'NOMINATED',
                                    now() - (?6 || ' minutes')::interval, now())""")
                            .setParameter(1, year).setParameter(2, entry).setParameter(3, category)
                            .setParameter(4, "owner-" + entry).setParameter(5, "Nominee " + n)
                            .setParameter(6, String.valueOf(10 - n)).executeUpdate();
                }
            }
            entityManager.createNativeQuery("""
                    INSERT INTO vote_tally (submission_id, edition_year, category, votes)
                    SELECT id, edition_year, category, 0 FROM submission WHERE edition_year = ?1""")
                    .setParameter(1, year).executeUpdate();
        });
    }
}
