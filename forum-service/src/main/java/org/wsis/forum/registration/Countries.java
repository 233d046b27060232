package org.wsis.forum.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** ISO 3166-1 alpha-3 validation (from the JDK) and the ITU region of a country (table country_region). */
@ApplicationScoped
public class Countries {
    private static final Set<String> ISO_ALPHA3 = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3);

    private final EntityManager entityManager;

    public Countries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public static boolean isIsoAlpha3(String code) {
        return code != null && ISO_ALPHA3.contains(code);
    }

    /** @return the ITU region, or null for a valid code outside the table (a territory) */
    public String regionOf(String country) {
        List<?> rows = entityManager.createNativeQuery("SELECT region FROM country_region WHERE country = ?1")
                .setParameter(1, country).getResultList();
        return rows.isEmpty() ? null : rows.get(0).toString();
    }
}
