import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closed-loop load on one SDMX data URL: N client threads each send the request, wait for the
 * whole body, and send again, for a fixed time after a warm-up. Prints latency percentiles.
 * With gzip=true the client sends "Accept-Encoding: gzip", as SDMX clients do. The first body is inflated and
 * checked; every later one must be the same bytes on the wire (a wrong or cut body is an error), and its
 * latency ends at its last byte. With inflateEach=true every body is also inflated inside its latency: on this
 * 2-core machine the 20 clients' inflating (500 MB/s for generic SDMX-ML) competes with the gateway and the
 * service for the same cores, which a client on its own machine would not.
 * Usage: java SdmxQueryLoad.java URL [threads=20] [seconds=30] [warmupSeconds=5] [accept] [gzip=false] [inflateEach=false]
 */
public class SdmxQueryLoad {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        String accept = args.length > 4 ? args[4] : "application/vnd.sdmx.data+json;version=1.0.0";
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        boolean gzip = args.length > 5 && Boolean.parseBoolean(args[5]);
        boolean inflateEach = args.length > 6 && Boolean.parseBoolean(args[6]);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).timeout(Duration.ofSeconds(30)).GET();
        HttpRequest request = (gzip ? builder.header("Accept-Encoding", "gzip") : builder).build();

        HttpResponse<byte[]> first = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        System.out.printf("probe: HTTP %d, %d bytes on the wire, %d bytes of message (Content-Encoding %s)%n", first.statusCode(),
                first.body().length, body(first).length, first.headers().firstValue("Content-Encoding").orElse("none"));
        if (first.statusCode() != 200) {
            System.out.println(new String(first.body()));
            System.exit(1);
        }
        byte[] message = body(first);
        AtomicInteger differing = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (inflateEach) {
                            body(response);
                        }
                        // a body other than the first (a message stamped anew) is inflated and must be as long
                        boolean same = java.util.Arrays.equals(response.body(), first.body());
                        if (!same) {
                            differing.incrementAndGet();
                        }
                        if (response.statusCode() != 200 || !same && body(response).length != message.length) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (start > warmupEnd) {
                        latencies.add(System.nanoTime() - start);
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + warmup + 60L, TimeUnit.SECONDS);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.println("no completed requests");
            System.exit(1);
        }
        System.out.printf("%s%d threads, %d s measured: %d requests (%.1f/s), %d errors%n", inflateEach ? "every body inflated: " : "", threads, seconds, sorted.size(),
                sorted.size() / (double) seconds, errors.get());
        System.out.printf("%d bodies differed from the first on the wire (inflated and checked)%n", differing.get());
        System.out.printf("latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n", pct(sorted, 50), pct(sorted, 95), pct(sorted, 99),
                sorted.get(sorted.size() - 1) / 1e6);
    }

    /** The message: inflated when it came gzipped. */
    private static byte[] body(HttpResponse<byte[]> response) throws java.io.IOException {
        if (!"gzip".equalsIgnoreCase(response.headers().firstValue("Content-Encoding").orElse(""))) {
            return response.body();
        }
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        }
    }

    private static double pct(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
