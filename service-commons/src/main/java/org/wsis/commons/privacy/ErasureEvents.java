package org.wsis.commons.privacy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.wsis.commons.events.IncomingEventData;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * The two events of a platform-wide erasure, published by every service on its own topic {@code <service>.privacy}
 * and consumed by every service from all four (schemas: service-commons {@code events/privacy-erasure-*.v1}).
 */
public final class ErasureEvents {
    /** A person asked for erasure at {@code origin}: every service erases what it holds on them and confirms. */
    public static final String REQUESTED = "org.wsis.privacy.erasure.requested.v1";
    /** A service erased what it held on the person of an erasure. */
    public static final String CONFIRMED = "org.wsis.privacy.erasure.confirmed.v1";

    private ErasureEvents() {
    }

    /** stocktaking-service publishes on stocktaking.privacy. */
    public static String topicOf(String service) {
        return service.replaceFirst("-service$", "") + ".privacy";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Requested(UUID erasureId, String subjectHash, String origin, OffsetDateTime requestedAt) implements IncomingEventData {
        @Override
        public void requireComplete() {
            if (erasureId == null || subjectHash == null || !subjectHash.matches("[0-9a-f]{64}") || origin == null || requestedAt == null) {
                throw new IllegalArgumentException("erasure request lacks erasureId, subjectHash (SHA-256 hex), origin or requestedAt");
            }
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Confirmed(UUID erasureId, String subjectHash, String service, OffsetDateTime confirmedAt,
                            Map<String, Integer> erased) implements IncomingEventData {
        @Override
        public void requireComplete() {
            if (erasureId == null || subjectHash == null || !subjectHash.matches("[0-9a-f]{64}") || service == null || confirmedAt == null) {
                throw new IllegalArgumentException("erasure confirmation lacks erasureId, subjectHash, service or confirmedAt");
            }
        }
    }
}
