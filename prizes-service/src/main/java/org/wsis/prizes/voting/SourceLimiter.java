package org.wsis.prizes.voting;

import org.wsis.prizes.PrizesConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.wsis.commons.problem.ProblemException;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per client address and per device (hash), so one machine cannot cast votes for many
 * accounts at speed. The address is the one resolved through the trusted proxies (ClientSignals), so a
 * forged X-Forwarded-For does not give a script fresh buckets. In memory and per instance, like RateLimiter.
 */
@ApplicationScoped
public class SourceLimiter {
    private final double addressCapacity;
    private final double addressPerSecond;
    private final double deviceCapacity;
    private final double devicePerSecond;
    private final ConcurrentHashMap<String, double[]> addresses = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, double[]> devices = new ConcurrentHashMap<>();

    public SourceLimiter(PrizesConfig config) {
        this.addressCapacity = config.voting().rateLimit().address().capacity();
        this.addressPerSecond = config.voting().rateLimit().address().perSecond();
        this.deviceCapacity = config.voting().rateLimit().device().capacity();
        this.devicePerSecond = config.voting().rateLimit().device().perSecond();
    }

    /** @param address null when the client's address is unknown (the request came from a trusted proxy without a forwarded client) */
    public void acquire(String address, String device) {
        if (address != null) {
            take(addresses, address, addressCapacity, addressPerSecond, "address");
        }
        take(devices, device, deviceCapacity, devicePerSecond, "device");
    }

    /** bucket = {tokens, last refill in nanos}; a bucket is only touched under its own lock. */
    private static void take(ConcurrentHashMap<String, double[]> buckets, String key, double capacity, double perSecond,
                             String what) {
        double[] bucket = buckets.computeIfAbsent(key, k -> new double[]{capacity, System.nanoTime()});
        double wait;
        synchronized (bucket) {
            long now = System.nanoTime();
            bucket[0] = Math.min(capacity, bucket[0] + (now - bucket[1]) / 1e9 * perSecond);
            bucket[1] = now;
            if (bucket[0] >= 1) {
                bucket[0] -= 1;
                return;
            }
            wait = (1 - bucket[0]) / perSecond;
        }
        long retryAfter = Math.max(1, (long) Math.ceil(wait));
        throw ProblemException.tooManyRequests("Too many votes from this " + what + "; retry in " + retryAfter + " s", retryAfter);
    }

    @Scheduled(every = "1m", delayed = "1m")
    void forgetIdleBuckets() {
        long now = System.nanoTime();
        addresses.values().removeIf(b -> (now - b[1]) / 1e9 * addressPerSecond >= addressCapacity);
        devices.values().removeIf(b -> (now - b[1]) / 1e9 * devicePerSecond >= deviceCapacity);
    }
}
