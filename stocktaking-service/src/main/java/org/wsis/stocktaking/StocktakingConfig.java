package org.wsis.stocktaking;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * stocktaking-service's own settings, under one prefix ({@code stocktaking.}), each default here and only here (the
 * shape of forum's ForumConfig); a deployment sets any of them from the environment
 * ({@code STOCKTAKING_RETENTION_ARCHIVED_CONTACT_DAYS}). Shared settings are service-commons' {@code wsis.*}.
 */
@ConfigMapping(prefix = "stocktaking")
public interface StocktakingConfig {

    Retention retention();

    interface Retention {
        /**
         * Days after an entry was archived (withdrawn from the public) that its contact person's name and e-mail
         * are removed from it and from its revision snapshots (privacy/Retention). The entry, no longer listed,
         * needs no contact; a restore after that asks the owner for one again.
         */
        @WithDefault("730")
        int archivedContactDays();
    }
}
