package org.wsis.prizes.voting;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The detection rules of an edition, tuned to the known vote-farming scripts (a Python voter rotating
 * accounts, 2021; a browser userscript, 2024). A vote is EXCLUDED when any rule fires on it; each
 * excluded vote names the rules that fired. A threshold of 0 switches its rule off.
 *
 * @param maxAccountsPerAddress   more distinct voters than this from one client address: all their votes (many-accounts-per-address)
 * @param maxAccountsPerDeviceSubnet more voters than this on one device hash within one /24 (IPv4) or /48 (IPv6) subnet (shared-device)
 * @param fastCategories          a voter casting at least this many votes ...
 * @param fastSeconds             ... within this many seconds (all-categories-fast)
 * @param identicalAccounts       at least this many voters with the very same choices ...
 * @param identicalMinVotes       ... of at least this many votes each (identical-sequence)
 * @param burstAccounts           at least this many voters whose accounts were created ...
 * @param burstSeconds            ... within the same window of this many seconds (account-burst)
 * @param regularMinVotes         a voter with at least this many votes ...
 * @param regularMaxJitterMillis  ... whose gaps between votes vary by less than this (standard deviation, regular-timing)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ScreeningRules(@Min(0) int maxAccountsPerAddress,
                             @Min(0) int maxAccountsPerDeviceSubnet,
                             @Min(0) @Max(100) int fastCategories,
                             @Min(1) int fastSeconds,
                             @Min(0) int identicalAccounts,
                             @Min(1) int identicalMinVotes,
                             @Min(0) int burstAccounts,
                             @Min(1) int burstSeconds,
                             @Min(0) int regularMinVotes,
                             @Min(0) int regularMaxJitterMillis) {

    /** Every rule switched off: the edition is not screened while voting (every vote becomes VALID at the close). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isOff() {
        return maxAccountsPerAddress == 0 && maxAccountsPerDeviceSubnet == 0 && fastCategories == 0
                && identicalAccounts == 0 && burstAccounts == 0 && regularMinVotes == 0;
    }

    /** The defaults: a person votes in a handful of categories over minutes; the scripts vote in all 18 in seconds. */
    public static ScreeningRules defaults() {
        return new ScreeningRules(30, 10, 12, 60, 10, 8, 20, 60, 10, 250);
    }
}
