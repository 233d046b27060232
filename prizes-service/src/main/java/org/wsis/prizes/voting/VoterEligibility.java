package org.wsis.prizes.voting;

import org.wsis.prizes.PrizesConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.wsis.commons.problem.Problem;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.Roles;

import static org.wsis.commons.security.CurrentUser.claim;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may vote: a person (never a machine client), holding the realm role {@code prize-voter}, with a
 * verified e-mail, whose account existed before the edition's cut-off (by default the opening of voting,
 * so accounts farmed once voting is under way count for nothing). Each refusal is a 403 problem naming
 * the rule. The account's creation time comes from the token: the realm maps Keycloak's user property
 * {@code createdTimestamp} to the claim {@value #ACCOUNT_CREATED_CLAIM} (milliseconds since the epoch;
 * see deploy/keycloak/wsis-realm.json).
 */
@ApplicationScoped
public class VoterEligibility {
    public static final String ACCOUNT_CREATED_CLAIM = "account_created_at";
    static final String EMAIL_VERIFIED_CLAIM = "email_verified";
    /** Keycloak puts it in tokens of client-credentials (service account) grants. */
    static final String SERVICE_ACCOUNT_CLIENT_CLAIM = "client_id";

    private final List<String> machineClients;

    public VoterEligibility(PrizesConfig config) {
        this.machineClients = config.voting().machineClients();
    }

    /** What the token says about the voter's account, once they are found eligible. */
    public record Voter(Instant accountCreatedAt, String emailDomain) {
    }

    /** @return the voter's account facts; 403 problem when the caller may not vote in an edition with this cut-off */
    public Voter check(SecurityIdentity identity, String client, Instant accountCutoff) {
        if (!identity.hasRole(Roles.PRIZE_VOTER)) {
            throw refuse("not-a-voter", "Not a voter", "Voting needs the role prize-voter");
        }
        String username = claim(identity, "preferred_username").orElse("");
        if (claim(identity, SERVICE_ACCOUNT_CLIENT_CLAIM).isPresent() || username.startsWith("service-account-")
                || isMachineClient(client)) {
            throw refuse("machine-client", "Machine clients do not vote",
                    "Client " + client + " signs in as a system, not a person; only people vote");
        }
        if (!claim(identity, EMAIL_VERIFIED_CLAIM).map("true"::equals).orElse(false)) {
            throw refuse("email-not-verified", "E-mail not verified", "Verify your account's e-mail address before voting");
        }
        Optional<String> created = claim(identity, ACCOUNT_CREATED_CLAIM);
        if (created.isEmpty()) {
            throw refuse("account-age-unknown", "Account age unknown",
                    "The token does not say when the account was created (claim " + ACCOUNT_CREATED_CLAIM + ")");
        }
        Instant createdAt;
        try {
            createdAt = Instant.ofEpochMilli(Long.parseLong(created.get()));
        } catch (NumberFormatException e) {
            throw refuse("account-age-unknown", "Account age unknown", "Claim " + ACCOUNT_CREATED_CLAIM + " is not a time");
        }
        if (!createdAt.isBefore(accountCutoff)) {
            throw refuse("account-too-new", "Account too new",
                    "Only accounts created before " + accountCutoff + " may vote in this edition");
        }
        String email = claim(identity, "email").orElse("");
        int at = email.lastIndexOf('@');
        return new Voter(createdAt, at < 0 ? null : email.substring(at + 1).toLowerCase(Locale.ROOT));
    }

    private boolean isMachineClient(String client) {
        return machineClients.stream().anyMatch(pattern -> pattern.endsWith("*")
                ? client.startsWith(pattern.substring(0, pattern.length() - 1)) : client.equals(pattern));
    }

    private static ProblemException refuse(String kind, String title, String detail) {
        return new ProblemException(Problem.of(403, kind, title, detail));
    }
}
