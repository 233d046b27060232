package org.wsis.forum.proposal;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.wsis.commons.i18n.LanguagePreference;
import org.wsis.commons.i18n.NewTranslation;
import org.wsis.commons.i18n.StoredTranslation;
import org.wsis.commons.i18n.UnLanguage;
import org.wsis.commons.i18n.TranslationOrigin;
import org.wsis.commons.paging.Page;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.ratelimit.WriteRateLimits;
import org.wsis.commons.security.CurrentUser;
import org.wsis.forum.ForumRoles;
import org.wsis.commons.time.ServiceClock;
import org.wsis.forum.ForumConfig;
import org.wsis.forum.session.ForumSession;
import org.wsis.forum.session.SessionDtos;
import org.wsis.forum.session.SessionKind;
import org.wsis.forum.session.SessionService;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The rules and transactions of session proposals: who may propose and how many, who sees which, and the
 * one-time review (accept schedules the session, session.scheduled.v1, in the proposal's language with the proposer's
 * translations; decline keeps the reason).
 */
@ApplicationScoped
public class ProposalService {
    private final SessionService sessions;
    private final CurrentUser caller;
    private final WriteRateLimits limits;
    private final Clock clock;
    private final int maxPerProposer;
    private final org.wsis.commons.audit.AuditLog audit;

    public ProposalService(SessionService sessions, CurrentUser caller, WriteRateLimits limits, Clock clock,
                           ForumConfig config, org.wsis.commons.audit.AuditLog audit) {
        this.audit = audit;
        this.sessions = sessions;
        this.caller = caller;
        this.limits = limits;
        this.clock = clock;
        this.maxPerProposer = config.proposals().maxPerProposer();
    }

    @Transactional
    public SessionProposal propose(int year, ProposalResource.NewProposal request) {
        SessionService.requireEdition(year);
        if (request.kind() == SessionKind.PRIZE_CEREMONY) {
            throw ProblemException.invalid("kind", "the prize ceremony is scheduled from the prize results, not proposed");
        }
        limits.acquire("forum-proposals", caller.subject(), "proposals");
        requireBelowCap(year);
        SessionProposal proposal = new SessionProposal();
        proposal.id = UUID.randomUUID();
        proposal.editionYear = year;
        proposal.proposerId = caller.subject();
        proposal.kind = request.kind();
        proposal.title = request.title().strip();
        proposal.description = request.description();
        proposal.track = request.track();
        proposal.actionLines = request.actionLines() == null ? List.of() : request.actionLines().stream().distinct().sorted().toList();
        proposal.speakers = request.speakers() == null ? List.of() : request.speakers();
        proposal.status = SessionProposal.Status.SUBMITTED;
        proposal.submittedAt = ServiceClock.utcNow(clock);
        // not given: the language of the text's script (Arabic, Chinese, Russian), else English, as entries do
        proposal.language = request.language() != null ? request.language()
                : UnLanguage.ofScript(request.title() + " " + request.description()).code();
        proposal.translations = ownTranslations(request, proposal.language, proposal.submittedAt);
        proposal.persist();
        return proposal;
    }

    /**
     * The proposer's own versions of title and description (origin OWNER, given by them when proposing). A text in the
     * proposal's own language is the proposal itself, never also one of its translations: 422, as a session's is.
     */
    private Map<String, StoredTranslation> ownTranslations(ProposalResource.NewProposal request, String language,
                                                           OffsetDateTime at) {
        Map<String, StoredTranslation> translations = new TreeMap<>();
        if (request.translations() == null) {
            return translations;
        }
        if (request.translations().containsKey(language)) {
            throw ProblemException.invalid("translations[" + language + "]", "the proposal is written in " + language
                    + ": its title and description are the proposal's own, not a translation");
        }
        request.translations().forEach((code, t) -> translations.put(code, StoredTranslation.of(
                new NewTranslation(t.title(), t.description(), TranslationOrigin.OWNER), caller.subject(), at)));
        return translations;
    }

    /**
     * A person proposes at most max-per-proposer sessions per edition (one participant filed 40 in
     * under a second). Proposals of one person and edition are counted under a transaction-scoped
     * advisory lock, so simultaneous requests cannot all slip under the cap.
     */
    private void requireBelowCap(int year) {
        var em = SessionProposal.getEntityManager();
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(?1), ?2)) locked")
                .setParameter(1, "proposals:" + caller.subject()).setParameter(2, year).getSingleResult();
        long mine = SessionProposal.count("editionYear = ?1 and proposerId = ?2", year, caller.subject());
        if (mine >= maxPerProposer) {
            throw ProblemException.conflict("You have " + mine + " proposals for the " + year
                    + " forum; at most " + maxPerProposer + " per person");
        }
    }

    /** Proposals of an edition: all for organizers, one's own otherwise. */
    public Page<ProposalResource.ProposalView> list(int year, SessionProposal.Status status, PageParams page,
                                                    LanguagePreference preference) {
        SessionService.requireEdition(year);
        StringBuilder query = new StringBuilder("editionYear = :year");
        Map<String, Object> params = new HashMap<>();
        params.put("year", year);
        if (!caller.hasRole(ForumRoles.ORGANIZER)) {
            query.append(" and proposerId = :me");
            params.put("me", caller.subject());
        }
        if (status != null) {
            query.append(" and status = :status");
            params.put("status", status);
        }
        var found = SessionProposal.<SessionProposal>find(query.toString(), Sort.by("submittedAt").and("id"), params);
        var items = found.page(page.page, page.size).list().stream().map(p -> ProposalResource.ProposalView.of(p, preference)).toList();
        return new Page<>(items, page.page, page.size, found.count());
    }

    /** One proposal, for its proposer or an organizer; to anyone else it does not exist. */
    public SessionProposal visible(UUID id) {
        SessionProposal proposal = SessionProposal.findById(id);
        if (proposal == null || !(caller.hasRole(ForumRoles.ORGANIZER) || caller.subject().equals(proposal.proposerId))) {
            throw ProblemException.notFound("Proposal", id); // others' proposals are not disclosed
        }
        return proposal;
    }

    @Transactional
    public SessionProposal accept(UUID id, ProposalResource.Acceptance request) {
        SessionProposal proposal = pendingForReview(id);
        ForumSession session = sessions.schedule(proposal.editionYear, new SessionDtos.NewSession(proposal.kind,
                proposal.title, proposal.description, proposal.track, proposal.actionLines, request.room(),
                request.onlineLink(), request.startsAt(), request.endsAt(), proposal.speakers, request.capacity(), proposal.language),
                proposal.id, caller.subject(), proposal.translations);
        proposal.status = SessionProposal.Status.ACCEPTED;
        proposal.sessionId = session.id;
        markReviewed(proposal);
        audit.record("proposal.accepted", "proposal", proposal.id, reviewState(SessionProposal.Status.SUBMITTED, null),
                reviewState(proposal.status, SessionService.auditState(session)), null);
        return proposal;
    }

    @Transactional
    public SessionProposal decline(UUID id, ProposalResource.Decline request) {
        SessionProposal proposal = pendingForReview(id);
        proposal.status = SessionProposal.Status.DECLINED;
        proposal.declineReason = request.reason().strip();
        markReviewed(proposal);
        audit.record("proposal.declined", "proposal", proposal.id, reviewState(SessionProposal.Status.SUBMITTED, null),
                reviewState(proposal.status, null), proposal.declineReason);
        return proposal;
    }

    /** A review decision as the audit log records it: the proposal's status and, once accepted, its session. */
    private static Map<String, Object> reviewState(SessionProposal.Status status, Map<String, Object> session) {
        return org.wsis.commons.audit.AuditLog.state("status", status, "session", session);
    }

    /** Locks the proposal, so two organizers reviewing at once cannot both decide it. */
    private SessionProposal pendingForReview(UUID id) {
        SessionProposal proposal = SessionProposal.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (proposal == null) {
            throw ProblemException.notFound("Proposal", id);
        }
        if (proposal.status != SessionProposal.Status.SUBMITTED) {
            throw ProblemException.conflict("The proposal was already " + proposal.status.name().toLowerCase());
        }
        return proposal;
    }

    private void markReviewed(SessionProposal proposal) {
        proposal.reviewedBy = caller.subject();
        proposal.reviewedAt = ServiceClock.utcNow(clock);
    }
}
