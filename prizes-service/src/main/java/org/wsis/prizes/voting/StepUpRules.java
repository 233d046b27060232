package org.wsis.prizes.voting;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * When a vote is "risky" in an edition and needs the e-mailed one-time code ({@link StepUp}) instead of a
 * CAPTCHA for everyone. Off unless an administrator sets it on the edition; a threshold of 0 switches its
 * signal off. The signals are those the service already has at vote time (account age from the token,
 * the client address and device hash of {@link ClientSignals}), checked against the votes already stored.
 *
 * @param accountYoungerThanDays the voter's account was created less than this many days before the vote (new-account)
 * @param accountsPerAddress     at least this many other voters voted from the same client address ... (shared-address)
 * @param accountsPerDevice      ... or at least this many from the same device hash ... (shared-device)
 * @param windowMinutes          ... within the last this many minutes
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record StepUpRules(@Min(0) @Max(3650) int accountYoungerThanDays,
                          @Min(0) @Max(1_000_000) int accountsPerAddress,
                          @Min(0) @Max(1_000_000) int accountsPerDevice,
                          @Min(1) @Max(10_080) int windowMinutes) {

    /** Plain JSON of this small record; its own mapper so that entities and DTOs need no injected one. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** No step-up: what an edition without one shows. */
    public static final StepUpRules OFF = new StepUpRules(0, 0, 0, 60);

    @JsonIgnore
    public boolean isOff() {
        return accountYoungerThanDays == 0 && accountsPerAddress == 0 && accountsPerDevice == 0;
    }

    /** What an edition stores: null when no signal is on (no step-up), else the rules as JSON. */
    public static String stored(StepUpRules rules) {
        if (rules == null || rules.isOff()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(rules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rules an edition stored (null: none). */
    public static StepUpRules fromJson(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return JSON.readValue(stored, StepUpRules.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable step-up rules " + stored, e);
        }
    }
}
