package org.wsis.indicators;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * All of indicators-service's own settings, under one prefix ({@code indicators.}), each default here and only
 * here (issue 19: one shape). A deployment sets any of them from the environment, e.g.
 * {@code INDICATORS_UPLOAD_MAX_BYTES}. Shared settings (rate limits, inbox, HTTP) are service-commons' {@code wsis.*}.
 */
@ConfigMapping(prefix = "indicators")
public interface IndicatorsConfig {

    Upload upload();

    Jobs jobs();

    Sdmx sdmx();

    Sync sync();

    Idi idi();

    /** Agency uploads (upload/BatchUploads): a body above syncMaxBytes, or sent with Prefer: respond-async, is a job. */
    interface Upload {
        /** The same 20 MB as the gateway's indicator-batches route: the service's own port is no way around it. */
        @WithDefault("20971520")
        long maxBytes();

        @WithDefault("2000000")
        long syncMaxBytes();

        /** An upload file older than this is an orphan of a crashed instance and deleted (upload/UploadFiles). */
        @WithDefault("6H")
        Duration orphanAfter();
    }

    /**
     * Unfinished batches carry a heartbeat from the instance working on them; one nobody has touched for
     * staleAfter (its instance died mid-job) is marked FAILED by any instance's reaper (upload/BatchHeartbeat).
     */
    interface Jobs {
        @WithDefault("20s")
        Duration heartbeatEvery();

        @WithDefault("2M")
        Duration staleAfter();

        @WithDefault("1m")
        Duration reaperEvery();
    }

    interface Sdmx {
        /** Rendered data messages are cached up to this many bytes in all (Caffeine, weighed by body size). */
        @WithDefault("33554432")
        long cacheMaxBytes();
    }

    interface Sync {
        /** An updatedAfter/asOf read waits this long for an in-flight publish to commit, then 503 + Retry-After. */
        @WithDefault("8s")
        Duration publishWait();
    }

    interface Idi {
        /** The methodology that answers when none is named. */
        @WithDefault("IDI2017")
        String defaultMethodology();
    }
}
