package org.wsis.stocktaking.reference;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference tables loaded by migration, read once and kept in memory: they only change with a
 * new migration, i.e. a new deployment. Every validation of codes goes through here.
 */
@ApplicationScoped
public class ReferenceData {
    public record Code(String code, String name) {
    }

    public record SdgTarget(String code, int sdg) {
    }

    public record Country(String alpha2, String alpha3, String m49, String name, @Schema(nullable = true) String ituRegion) {
    }

    public record Sdg(int number, String name, List<String> targets) {
    }

    /** Everything, built on first use. */
    record Snapshot(Map<String, Code> stakeholderTypes, Map<String, Code> targetGroups, Map<String, Code> regions,
                    Map<String, Country> countries, Map<String, Country> countriesByAnyCode,
                    Map<String, SdgTarget> sdgTargets, List<Sdg> sdgs, Set<String> actionLines) {
    }

    private final EntityManager entityManager;
    private volatile Snapshot snapshot;

    public ReferenceData(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Map<String, Code> stakeholderTypes() {
        return data().stakeholderTypes();
    }

    public Map<String, Code> targetGroups() {
        return data().targetGroups();
    }

    public Map<String, Code> regions() {
        return data().regions();
    }

    public Map<String, Country> countries() {
        return data().countries();
    }

    /**
     * The country a caller means by an ISO 3166-1 alpha-3 code (canonical, e.g. KEN), an alpha-2 code
     * (KE, what entries store) or a UN M49 number (404, also unpadded as SDG data writes it: 4 for
     * Afghanistan); letters in any case. Null when the code names no country. The one conversion
     * table of the service: every country parameter goes through here.
     */
    public Country country(String code) {
        return code == null ? null : data().countriesByAnyCode().get(code.strip().toUpperCase(java.util.Locale.ROOT));
    }

    public Map<String, SdgTarget> sdgTargets() {
        return data().sdgTargets();
    }

    public List<Sdg> sdgs() {
        return data().sdgs();
    }

    public Set<String> actionLines() {
        return data().actionLines();
    }

    private Snapshot data() {
        Snapshot current = snapshot;
        if (current == null) {
            synchronized (this) {
                if (snapshot == null) {
                    snapshot = load();
                }
                current = snapshot;
            }
        }
        return current;
    }

    private Snapshot load() {
        Map<String, SdgTarget> targets = new LinkedHashMap<>();
        for (Object[] row : rows("SELECT code, sdg_number FROM sdg_target ORDER BY sdg_number, length(code), code")) {
            targets.put((String) row[0], new SdgTarget((String) row[0], ((Number) row[1]).intValue()));
        }
        List<Sdg> sdgs = rows("SELECT number, name FROM sdg ORDER BY number").stream().map(row -> {
            int number = ((Number) row[0]).intValue();
            return new Sdg(number, (String) row[1],
                    targets.values().stream().filter(t -> t.sdg() == number).map(SdgTarget::code).toList());
        }).toList();
        Map<String, Country> countries = new LinkedHashMap<>();
        for (Object[] row : rows("SELECT alpha2, alpha3, m49, name, itu_region FROM country ORDER BY alpha2")) {
            countries.put((String) row[0], new Country((String) row[0], (String) row[1], (String) row[2],
                    (String) row[3], (String) row[4]));
        }
        Map<String, Country> byAnyCode = new java.util.HashMap<>();
        for (Country country : countries.values()) {
            byAnyCode.put(country.alpha2(), country);
            byAnyCode.put(country.alpha3(), country);
            byAnyCode.put(country.m49().strip(), country);
            byAnyCode.put(String.valueOf(Integer.parseInt(country.m49().strip())), country);
        }
        Set<String> actionLines = Set.copyOf(rows("SELECT code, code FROM action_line").stream()
                .map(row -> (String) row[0]).toList());
        return new Snapshot(codes("stakeholder_type"), codes("target_group"), codes("itu_region"), countries,
                Map.copyOf(byAnyCode), targets, sdgs, actionLines);
    }

    private Map<String, Code> codes(String table) {
        Map<String, Code> codes = new LinkedHashMap<>();
        for (Object[] row : rows("SELECT code, name FROM " + table + " ORDER BY code")) {
            codes.put((String) row[0], new Code((String) row[0], (String) row[1]));
        }
        return java.util.Collections.unmodifiableMap(codes);
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return entityManager.createNativeQuery(sql).getResultList();
    }
}
