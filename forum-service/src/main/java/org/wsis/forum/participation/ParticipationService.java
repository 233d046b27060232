package org.wsis.forum.participation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.wsis.commons.reference.Countries;
import org.wsis.forum.ForumConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Public participation figures for a country (the gateway's country profile): confirmed registrations per edition,
 * counted in the database. A count below {@code forum.country-participation.minimum-count} is withheld: with
 * small numbers, a count and public facts (a delegation's size, a speaker list) can point at a person.
 */
@ApplicationScoped
public class ParticipationService {
    private final EntityManager entityManager;
    private final int minimumCount;

    public ParticipationService(EntityManager entityManager, ForumConfig config) {
        this.entityManager = entityManager;
        this.minimumCount = config.countryParticipation().minimumCount();
    }

    /** 400 for a malformed code, 422 for a code no country has; a country nobody came from has no editions. */
    public CountryParticipation of(String code) {
        String country = Countries.require("country", code).alpha3();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT edition_year, count(*) FROM registration
                        WHERE country = ?1 AND status = 'APPROVED'
                        GROUP BY edition_year ORDER BY edition_year""")
                .setParameter(1, country).getResultList();
        List<CountryParticipation.Edition> editions = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            long count = ((Number) row[1]).longValue();
            boolean suppressed = count < minimumCount;
            editions.add(new CountryParticipation.Edition(((Number) row[0]).intValue(), suppressed ? null : count, suppressed));
        }
        return new CountryParticipation(country, minimumCount, editions);
    }
}
