package org.wsis.prizes.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.wsis.commons.paging.Page;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.prizes.edition.EditionService;
import org.wsis.prizes.ledger.VoteLedger;
import org.wsis.prizes.voting.VoteScreening;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class VoteAuditService {
    private static final String COLUMNS = """
            category, voter_id, submission_id, client_id, cast_at, client_address, device_hash, account_created_at,
            email_domain, status, reason, decided_by""";

    private final EntityManager entityManager;
    private final EditionService editions;
    private final VoteScreening screening;
    private final VoteLedger ledger;
    private final CurrentUser caller;
    private final Clock clock;
    private final org.wsis.commons.audit.AuditLog audit;

    public VoteAuditService(EntityManager entityManager, EditionService editions, VoteScreening screening, VoteLedger ledger,
                            CurrentUser caller, Clock clock, org.wsis.commons.audit.AuditLog audit) {
        this.audit = audit;
        this.entityManager = entityManager;
        this.editions = editions;
        this.screening = screening;
        this.ledger = ledger;
        this.caller = caller;
        this.clock = clock;
    }

    public Page<VoteAuditDtos.AuditedVote> search(int year, String address, String device, String emailDomain, String status,
                                                  String reason, PageParams page) {
        editions.get(year);
        StringBuilder where = new StringBuilder(" FROM vote WHERE edition_year = :year");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("year", year);
        filter(where, params, "client_address = :address", "address", address);
        filter(where, params, "device_hash = :device", "device", device);
        filter(where, params, "email_domain = :domain", "domain", emailDomain == null ? null : emailDomain.toLowerCase());
        filter(where, params, "status = :status", "status", status);
        filter(where, params, "reason LIKE :reason", "reason", reason == null ? null : "%" + reason.replace("%", "") + "%");
        Query count = entityManager.createNativeQuery("SELECT count(*)" + where);
        Query rows = entityManager.createNativeQuery("SELECT " + COLUMNS + where + " ORDER BY cast_at, voter_id, category")
                .setFirstResult(page.offset()).setMaxResults(page.size);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        @SuppressWarnings("unchecked")
        List<Object[]> result = rows.getResultList();
        return new Page<>(result.stream().map(VoteAuditService::vote).toList(), page.page, page.size,
                ((Number) count.getSingleResult()).longValue());
    }

    private static void filter(StringBuilder where, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            where.append(" AND ").append(clause);
            params.put(name, value);
        }
    }

    public List<VoteAuditDtos.Cluster> clusters(int year, String by) {
        editions.get(year);
        String column = "device".equals(by) ? "device_hash" : "client_address";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT %1$s, count(DISTINCT voter_id), count(*), count(*) FILTER (WHERE status = 'EXCLUDED')
                        FROM vote WHERE edition_year = ?1 AND %1$s IS NOT NULL GROUP BY %1$s
                        ORDER BY 2 DESC, 1 LIMIT 100""".formatted(column)).setParameter(1, year).getResultList();
        List<VoteAuditDtos.Cluster> clusters = new ArrayList<>();
        for (Object[] r : rows) {
            clusters.add(new VoteAuditDtos.Cluster(by, (String) r[0], ((Number) r[1]).longValue(),
                    ((Number) r[2]).longValue(), ((Number) r[3]).longValue()));
        }
        return clusters;
    }

    @Transactional
    public VoteAuditDtos.AuditedVote decide(int year, VoteAuditDtos.Decision decision) {
        editions.getForUpdate(year);
        requireOpenLedger(year);
        List<?> found = entityManager.createNativeQuery("SELECT " + COLUMNS
                        + " FROM vote WHERE edition_year = ?1 AND category = ?2 AND voter_id = ?3 FOR UPDATE")
                .setParameter(1, year).setParameter(2, decision.category()).setParameter(3, decision.voterId()).getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("Vote of " + decision.voterId() + " in category", decision.category());
        }
        VoteAuditDtos.AuditedVote before = vote((Object[]) found.get(0));
        String reason = "EXCLUDED".equals(decision.status())
                ? (before.reason() == null ? "" : before.reason() + "; ") + "admin: " + decision.reason().strip()
                : null;
        entityManager.createNativeQuery("""
                        UPDATE vote SET status = ?4, reason = ?5, decided_by = ?6
                        WHERE edition_year = ?1 AND category = ?2 AND voter_id = ?3""")
                .setParameter(1, year).setParameter(2, decision.category()).setParameter(3, decision.voterId())
                .setParameter(4, decision.status()).setParameter(5, reason).setParameter(6, caller.subject()).executeUpdate();
        entityManager.createNativeQuery("""
                        INSERT INTO vote_decision (edition_year, category, voter_id, before_status, after_status, reason, decided_by, decided_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, year).setParameter(2, decision.category()).setParameter(3, decision.voterId())
                .setParameter(4, before.status()).setParameter(5, decision.status()).setParameter(6, decision.reason().strip())
                .setParameter(7, caller.subject()).setParameter(8, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .executeUpdate();
        // vote_decision is the vote's own record (screening honours it); the audit log has the decision too. Only the
        // status and its reason: the vote's signals (address, device, e-mail domain) stay out of the audit log.
        audit.record("VALID".equals(decision.status()) ? "vote.decided-valid" : "vote.decided-excluded", "vote",
                year + "/" + decision.category() + "/" + decision.voterId(),
                org.wsis.commons.audit.AuditLog.state("status", before.status(), "reason", before.reason()),
                org.wsis.commons.audit.AuditLog.state("status", decision.status(), "reason", reason), decision.reason().strip());
        return vote((Object[]) entityManager.createNativeQuery("SELECT " + COLUMNS
                        + " FROM vote WHERE edition_year = ?1 AND category = ?2 AND voter_id = ?3")
                .setParameter(1, year).setParameter(2, decision.category()).setParameter(3, decision.voterId()).getSingleResult());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Long> screen(int year) {
        editions.getForUpdate(year);
        requireOpenLedger(year);
        screening.screen(year);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "SELECT status, count(*) FROM vote WHERE edition_year = ?1 GROUP BY status ORDER BY status")
                .setParameter(1, year).getResultList();
        Map<String, Long> counts = new LinkedHashMap<>();
        rows.forEach(r -> counts.put((String) r[0], ((Number) r[1]).longValue()));
        audit.record("edition.votes-screened", "edition", year, null, org.wsis.commons.audit.AuditLog.state("votesByStatus", counts), null);
        return counts;
    }

    private void requireOpenLedger(int year) {
        if (ledger.isClosed(year)) {
            throw ProblemException.conflict("The vote ledger of edition " + year + " is closed and published; its votes are final");
        }
    }

    private static VoteAuditDtos.AuditedVote vote(Object[] r) {
        return new VoteAuditDtos.AuditedVote((String) r[0], (String) r[1], (UUID) r[2], (String) r[3],
                EditionService.toOffset(r[4]), (String) r[5], (String) r[6], r[7] == null ? null : EditionService.toOffset(r[7]),
                (String) r[8], (String) r[9], (String) r[10], (String) r[11]);
    }
}
