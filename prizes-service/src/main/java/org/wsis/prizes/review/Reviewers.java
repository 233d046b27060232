package org.wsis.prizes.review;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.wsis.commons.paging.Page;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.security.CurrentUser;
import org.wsis.prizes.edition.EditionService;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Reviewers are real users. prizes has no Keycloak admin credentials and wants none, so it cannot look a
 * user up; instead it records a prize-reviewer when they call prizes with their own verified token
 * ({@code POST /reviewers/me}, which a front end calls after sign-in, or reading their assignments). The
 * record proves the subject exists in the realm and held the role then; an administrator can only
 * assign a recorded reviewer. A reviewer whose role is later removed can still be assigned, but can
 * never score: scoring itself requires the role in the caller's current token.
 */
@ApplicationScoped
public class Reviewers {
    private final CurrentUser caller;
    private final SecurityIdentity identity;
    private final Clock clock;

    public Reviewers(CurrentUser caller, SecurityIdentity identity, Clock clock) {
        this.caller = caller;
        this.identity = identity;
        this.clock = clock;
    }

    /** Record (or refresh) the calling prize-reviewer from their token. */
    @Transactional
    public ReviewDtos.ReviewerView recordCaller() {
        String subject = caller.subject();
        String username = null;
        String name = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            username = limit(jwt.getClaim("preferred_username"));
            name = limit(jwt.getClaim("name"));
        }
        Review.getEntityManager().createNativeQuery("""
                        INSERT INTO prize_reviewer (user_id, username, display_name, first_seen_at, last_seen_at)
                        VALUES (?1, ?2, ?3, ?4, ?4)
                        ON CONFLICT (user_id) DO UPDATE SET username = excluded.username,
                            display_name = excluded.display_name, last_seen_at = excluded.last_seen_at""")
                .setParameter(1, subject).setParameter(2, username).setParameter(3, name)
                .setParameter(4, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).executeUpdate();
        return find(subject);
    }

    public boolean known(String userId) {
        return find(userId) != null;
    }

    public Page<ReviewDtos.ReviewerView> list(PageParams page) {
        long total = ((Number) Review.getEntityManager().createNativeQuery("SELECT count(*) FROM prize_reviewer")
                .getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Review.getEntityManager().createNativeQuery("""
                        SELECT user_id, username, display_name, first_seen_at, last_seen_at FROM prize_reviewer
                        ORDER BY user_id LIMIT ?1 OFFSET ?2""")
                .setParameter(1, page.size).setParameter(2, (long) page.page * page.size).getResultList();
        return new Page<>(rows.stream().map(Reviewers::view).toList(), page.page, page.size, total);
    }

    private static ReviewDtos.ReviewerView find(String userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Review.getEntityManager().createNativeQuery("""
                        SELECT user_id, username, display_name, first_seen_at, last_seen_at FROM prize_reviewer
                        WHERE user_id = ?1""").setParameter(1, userId).getResultList();
        return rows.isEmpty() ? null : view(rows.get(0));
    }

    private static ReviewDtos.ReviewerView view(Object[] r) {
        return new ReviewDtos.ReviewerView((String) r[0], (String) r[1], (String) r[2],
                EditionService.toOffset(r[3]), EditionService.toOffset(r[4]));
    }

    private static String limit(Object claim) {
        if (claim == null) {
            return null;
        }
        String value = claim.toString().replace("\"", "");
        return value.length() > 200 ? value.substring(0, 200) : value;
    }
}
