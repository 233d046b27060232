package org.wsis.indicators.provider;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.wsis.commons.audit.AuditLog;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which indicators an agency provides (indicator_provider): for the agency in the caller's token, and as ITU staff
 * change it (each grant and revocation audited, in its transaction). Uploads read the table as it is when they
 * validate, so a grant takes effect on the agency's next batch.
 */
@ApplicationScoped
public class ProviderService {
    private final CurrentUser caller;
    private final EntityManager entityManager;
    private final AuditLog audit;

    public ProviderService(CurrentUser caller, EntityManager entityManager, AuditLog audit) {
        this.caller = caller;
        this.entityManager = entityManager;
        this.audit = audit;
    }

    public ProviderResource.ProviderView mine() {
        String agency = caller.agency().orElseThrow(() ->
                ProblemException.forbidden("The token carries no 'agency' claim: only agency clients and agency staff provide data"));
        return of(agency);
    }

    public ProviderResource.ProviderView of(String agency) {
        @SuppressWarnings("unchecked")
        List<String> codes = entityManager.createNativeQuery(
                "SELECT indicator_code FROM indicator_provider WHERE agency = ?1 ORDER BY indicator_code")
                .setParameter(1, agency).getResultList();
        return new ProviderResource.ProviderView(agency, codes);
    }

    /** Every agency with what it provides, by agency code (a few dozen UNGIS members, a few indicators each). */
    public List<ProviderResource.ProviderView> list() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "SELECT agency, indicator_code FROM indicator_provider ORDER BY agency, indicator_code").getResultList();
        Map<String, List<String>> byAgency = new LinkedHashMap<>();
        rows.forEach(r -> byAgency.computeIfAbsent((String) r[0], a -> new ArrayList<>()).add((String) r[1]));
        return byAgency.entrySet().stream().map(e -> new ProviderResource.ProviderView(e.getKey(), e.getValue())).toList();
    }

    /** Every agency with what it provides, by code. */
    public List<AgencyResource.AgencyView> agencies() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT a.code, a.name, coalesce(string_agg(p.indicator_code, ',' ORDER BY p.indicator_code), '')
                FROM agency a LEFT JOIN indicator_provider p ON p.agency = a.code GROUP BY a.code, a.name ORDER BY a.code""").getResultList();
        return rows.stream().map(r -> new AgencyResource.AgencyView((String) r[0], (String) r[1],
                ((String) r[2]).isEmpty() ? List.of() : List.of(((String) r[2]).split(",")))).toList();
    }

    @Transactional
    public AgencyResource.AgencyView createAgency(String code, String name) {
        int inserted = entityManager.createNativeQuery("INSERT INTO agency (code, name) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, code).setParameter(2, name).executeUpdate();
        if (inserted == 0) {
            throw ProblemException.conflict("Agency " + code + " exists");
        }
        audit.record("agency.created", "agency", code, null, AuditLog.state("code", code, "name", name), null);
        return new AgencyResource.AgencyView(code, name, List.of());
    }

    @Transactional
    public AgencyResource.AgencyView renameAgency(String code, String name) {
        @SuppressWarnings("unchecked")
        List<String> names = entityManager.createNativeQuery("SELECT name FROM agency WHERE code = ?1 FOR UPDATE")
                .setParameter(1, code).getResultList();
        if (names.isEmpty()) {
            throw ProblemException.notFound("Agency", code);
        }
        if (!names.get(0).equals(name)) {
            entityManager.createNativeQuery("UPDATE agency SET name = ?2 WHERE code = ?1").setParameter(1, code).setParameter(2, name).executeUpdate();
            audit.record("agency.renamed", "agency", code, AuditLog.state("code", code, "name", names.get(0)),
                    AuditLog.state("code", code, "name", name), null);
        }
        return new AgencyResource.AgencyView(code, name, of(code).indicators());
    }

    /** True when granted now, false when the agency already provided it (nothing changes, nothing is audited). */
    @Transactional
    public boolean grant(String agency, String indicator) {
        requireIndicator(indicator);
        if (((Number) entityManager.createNativeQuery("SELECT count(*) FROM agency WHERE code = ?1")
                .setParameter(1, agency).getSingleResult()).intValue() == 0) {
            throw ProblemException.notFound("Agency", agency);   // add it first: POST /api/v1/agencies
        }
        List<String> before = of(agency).indicators();
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO indicator_provider (indicator_code, agency) VALUES (?1, ?2) ON CONFLICT DO NOTHING""")
                .setParameter(1, indicator).setParameter(2, agency).executeUpdate();
        if (inserted == 0) {
            return false;
        }
        audit.record("provider.indicator-granted", "provider", agency, AuditLog.state("indicators", before),
                AuditLog.state("indicators", of(agency).indicators()), null);
        return true;
    }

    @Transactional
    public void revoke(String agency, String indicator) {
        List<String> before = of(agency).indicators();
        int deleted = entityManager.createNativeQuery("DELETE FROM indicator_provider WHERE indicator_code = ?1 AND agency = ?2")
                .setParameter(1, indicator).setParameter(2, agency).executeUpdate();
        if (deleted == 0) {
            throw ProblemException.notFound("Indicator " + indicator + " provided by agency", agency);
        }
        audit.record("provider.indicator-revoked", "provider", agency, AuditLog.state("indicators", before),
                AuditLog.state("indicators", of(agency).indicators()), null);
    }

    private void requireIndicator(String code) {
        if (((Number) entityManager.createNativeQuery("SELECT count(*) FROM indicator WHERE code = ?1")
                .setParameter(1, code).getSingleResult()).intValue() == 0) {
            throw ProblemException.notFound("Indicator", code);
        }
    }
}
