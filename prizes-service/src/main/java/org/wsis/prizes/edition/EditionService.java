package org.wsis.prizes.edition;

import org.wsis.prizes.PrizesConfig;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.wsis.commons.audit.AuditEntry;
import org.wsis.commons.audit.AuditLog;
import org.wsis.commons.http.Preconditions;
import org.wsis.commons.problem.Problem;
import org.wsis.commons.problem.ProblemException;


import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Editions and the phase rules every other feature asks about. */
@ApplicationScoped
public class EditionService {
    private final Clock clock;
    private final int rehearsalFromYear;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;
    private final AuditLog audit;

    /** What the audit log calls a change made once voting has opened (getPrizeEditionAudit lists these). */
    static final String CHANGED_AFTER_VOTING_OPENED = "edition.changed-after-voting-opened";

    public EditionService(Clock clock, com.fasterxml.jackson.databind.ObjectMapper mapper, AuditLog audit,
                          PrizesConfig config) {
        this.audit = audit;
        this.clock = clock;
        this.rehearsalFromYear = config.editions().rehearsalFromYear();
        this.mapper = mapper;
    }

    /**
     * Rehearsal editions (year >= prizes.editions.rehearsal-from-year; no real contest has such a year) may
     * have their dates moved freely, so whole-platform tests can drive an edition through its phases on the
     * real clock. Every change of theirs after voting opened is still audited.
     */
    public boolean isRehearsal(int year) {
        return year >= rehearsalFromYear;
    }

    public Phase phaseNow(Edition edition) {
        return edition.phaseAt(clock.instant());
    }

    public Edition get(int year) {
        Edition edition = Edition.findById(year);
        if (edition == null) {
            throw ProblemException.notFound("Edition", year);
        }
        return edition;
    }

    /** The edition, locked for the rest of the transaction (serialises results work on one edition). */
    public Edition getForUpdate(int year) {
        Edition edition = Edition.findById(year, LockModeType.PESSIMISTIC_WRITE);
        if (edition == null) {
            throw ProblemException.notFound("Edition", year);
        }
        return edition;
    }

    /** 409 unless the edition is in the given phase now. */
    public Edition requirePhase(int year, Phase wanted, String action) {
        Edition edition = get(year);
        requirePhase(edition, wanted, action);
        return edition;
    }

    public void requirePhase(Edition edition, Phase wanted, String action) {
        Phase now = phaseNow(edition);
        if (now != wanted) {
            throw wrongPhase(edition.year, now, wanted, action);
        }
    }

    public static ProblemException wrongPhase(int year, Phase now, Phase wanted, String action) {
        return new ProblemException(Problem.of(409, "wrong-phase", "Not allowed in this phase",
                "Edition " + year + " is in phase " + now + "; " + action + " is allowed only in phase " + wanted));
    }

    public List<Edition> list() {
        return Edition.listAll(Sort.descending("year"));
    }

    @Transactional
    public Edition create(EditionDtos.EditionRequest request, int year) {
        if (Edition.findById(year) != null) {
            throw ProblemException.conflict("Edition " + year + " already exists");
        }
        Edition edition = new Edition();
        edition.year = year;
        apply(edition, request);
        edition.persist();
        audit.record("edition.created", "edition", year, null, auditState(edition), null);
        return edition;
    }

    /** Administrators set and move the phase dates (optimistic: If-Match with the edition's ETag). */
    @Transactional
    public Edition update(int year, EditionDtos.EditionRequest request, String ifMatch) {
        Edition edition = editable(year, ifMatch);
        if (edition.resultsPublishedAt != null) {
            throw ProblemException.conflict("Edition " + year + " results are published; its dates are final");
        }
        java.util.Map<String, Object> before = auditState(edition);
        boolean frozen = phaseNow(edition).compareTo(Phase.VOTING) >= 0;
        if (frozen) {
            changeFrozenRules(edition, request);
        } else {
            apply(edition, request);
        }
        Edition.flush(); // bumps the @Version now, so the response carries the new ETag
        audit.record(frozen ? CHANGED_AFTER_VOTING_OPENED : "edition.updated", "edition", year, before, auditState(edition),
                request.changeReason() == null || request.changeReason().isBlank() ? null : request.changeReason().strip());
        return edition;
    }

    /** An edition's rules and dates, as the audit log records them before and after a change. */
    static java.util.Map<String, Object> auditState(Edition e) {
        return AuditLog.state("submissionOpens", e.submissionOpens.toInstant(), "reviewOpens", e.reviewOpens.toInstant(),
                "nominationOpens", e.nominationOpens.toInstant(), "votingOpens", e.votingOpens.toInstant(),
                "resultsOpen", e.resultsOpen.toInstant(), "ceremonyAt", e.ceremony().toInstant(),
                "voterAccountsBefore", e.accountCutoff().toInstant(), "championsPerCategory", e.championsPerCategory,
                "screeningRules", e.screeningRules, "stepUpRules", e.stepUpRules);
    }

    /** The edition as an update finds it (404, 428/412 If-Match): what a PUT starts from. */
    public Edition editable(int year, String ifMatch) {
        Edition edition = get(year);
        Preconditions.requireIfMatch(ifMatch, Preconditions.etag(edition.year, edition.version));
        return edition;
    }

    /**
     * Once voting has opened, the contest's rules are frozen: the number of champions, the voters' account
     * cut-off and every start date up to the opening of voting stay as they were; the close of voting and the
     * ceremony may only move later (an extension), with a reason. Each change is audited (who, when, why,
     * before and after: {@link #update} records it in the audit log).
     */
    private void changeFrozenRules(Edition edition, EditionDtos.EditionRequest request) {
        if (request.changeReason() == null || request.changeReason().isBlank()) {
            throw ProblemException.invalid("changeReason", "is required to change an edition whose voting has opened");
        }
        if (isRehearsal(edition.year)) {
            apply(edition, request);
        } else {
            List<String> violations = new ArrayList<>();
            sameInstant(violations, "submissionOpens", edition.submissionOpens, request.submissionOpens());
            sameInstant(violations, "reviewOpens", edition.reviewOpens, request.reviewOpens());
            sameInstant(violations, "nominationOpens", edition.nominationOpens, request.nominationOpens());
            sameInstant(violations, "votingOpens", edition.votingOpens, request.votingOpens());
            if (request.voterAccountsBefore() != null) {
                sameInstant(violations, "voterAccountsBefore", edition.accountCutoff(), request.voterAccountsBefore());
            }
            int champions = request.championsPerCategory() == null ? edition.championsPerCategory : request.championsPerCategory();
            if (champions != edition.championsPerCategory) {
                violations.add("championsPerCategory is fixed once voting has opened");
            }
            if (request.screeningRules() != null && !Objects.equals(rulesJson(request), edition.screeningRules)) {
                violations.add("screeningRules are fixed once voting has opened");
            }
            if (request.stepUp() != null && !Objects.equals(org.wsis.prizes.voting.StepUpRules.stored(request.stepUp()),
                    edition.stepUpRules)) {
                violations.add("stepUp is fixed once voting has opened");
            }
            if (earlier(request.resultsOpen(), edition.resultsOpen)) {
                violations.add("resultsOpen (the close of voting) may only be moved later once voting has opened");
            }
            OffsetDateTime ceremony = request.ceremonyAt() == null ? edition.ceremony() : request.ceremonyAt();
            if (earlier(ceremony, edition.ceremony())) {
                violations.add("ceremonyAt may only be moved later once voting has opened");
            }
            if (!violations.isEmpty()) {
                throw new ProblemException(Problem.of(409, "rules-frozen", "The rules of this edition are frozen",
                        "Edition " + edition.year + " has opened its voting: " + String.join("; ", violations)));
            }
            request.requireOrderedPhases();
            edition.resultsOpen = request.resultsOpen();
            edition.ceremonyAt = ceremony;
        }
    }

    private static void sameInstant(List<String> violations, String field, OffsetDateTime current, OffsetDateTime requested) {
        if (Math.abs(java.time.Duration.between(current.toInstant(), requested.toInstant()).toNanos()) >= 1_000) {
            violations.add(field + " is fixed once voting has opened");
        }
    }

    /**
     * Earlier by a microsecond or more: the database keeps microseconds (rounded), so a date sent back
     * unchanged with nanoseconds must not count as moved.
     */
    private static boolean earlier(OffsetDateTime requested, OffsetDateTime current) {
        return java.time.Duration.between(requested.toInstant(), current.toInstant()).toNanos() >= 1_000;
    }

    /**
     * The changes made after voting opened, oldest first: the audit log's entries of this edition with that action
     * (the platform's one audit mechanism; V7 moved the rows of the former edition_audit table into it).
     */
    public List<EditionDtos.AuditEntry> audit(int year) {
        get(year);
        return audit.trail(CHANGED_AFTER_VOTING_OPENED, "edition", String.valueOf(year)).stream()
                .map(this::auditView).toList();
    }

    private EditionDtos.AuditEntry auditView(AuditEntry entry) {
        try {
            return new EditionDtos.AuditEntry(entry.id(), entry.actor().subject(), entry.occurredAt(), entry.reason(),
                    mapper.writeValueAsString(entry.before()), mapper.writeValueAsString(entry.after()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static OffsetDateTime toOffset(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.withOffsetSameInstant(ZoneOffset.UTC);
        } else if (value instanceof java.time.Instant instant) {
            return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        } else if (value instanceof java.sql.Timestamp ts) {
            return OffsetDateTime.ofInstant(ts.toInstant(), ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }

    private String rulesJson(EditionDtos.EditionRequest request) {
        try {
            return request.screeningRules() == null ? null : mapper.writeValueAsString(request.screeningRules());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void apply(Edition edition, EditionDtos.EditionRequest request) {
        request.requireOrderedPhases();
        edition.submissionOpens = request.submissionOpens();
        edition.reviewOpens = request.reviewOpens();
        edition.nominationOpens = request.nominationOpens();
        edition.votingOpens = request.votingOpens();
        edition.resultsOpen = request.resultsOpen();
        edition.championsPerCategory = request.championsPerCategory() == null ? 5 : request.championsPerCategory();
        edition.voterAccountsBefore = request.voterAccountsBefore();
        edition.ceremonyAt = request.ceremonyAt();
        if (request.screeningRules() != null) {
            edition.screeningRules = rulesJson(request);
        }
        if (request.stepUp() != null) { // absent keeps what is set; {"windowMinutes":1} (all 0) switches it off
            edition.stepUpRules = org.wsis.prizes.voting.StepUpRules.stored(request.stepUp());
        }
    }
}
