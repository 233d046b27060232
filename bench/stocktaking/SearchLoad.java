import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load generator: N clients, each sending the next search as soon as the last
 * answered, for a fixed time after a warm-up. Prints throughput and latency percentiles.
 *
 *   java SearchLoad.java BASE_URL CLIENTS SECONDS WARMUP_SECONDS queries.txt
 *   e.g. java SearchLoad.java http://127.0.0.1:9080/api/stocktaking/v1/search 50 30 5 queries.txt
 *
 * Each request is ?q=WORD&region=REGION&actionLine=CODE (text + two filters; facets are on by default).
 * Output (one line): name=value pairs, parsed by run.sh.
 */
public class SearchLoad {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        int clients = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        List<String> urls = Files.readAllLines(Path.of(args[4])).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.trim().split("\\s+"))
                .map(p -> base + "?q=" + enc(p[0]) + "&region=" + enc(p[1]) + "&actionLine=" + enc(p[2]))
                .toList();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        // sanity check: the first search must answer 200
        HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(urls.get(0))).build(), HttpResponse.BodyHandlers.ofString());
        if (first.statusCode() != 200) {
            System.err.println("GET " + urls.get(0) + " -> " + first.statusCode() + ": " + first.body());
            System.exit(1);
        }
        long warmupEnd = System.nanoTime() + warmup * 1_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        int[] counts = new int[clients];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] latencies = new long[2_000_000];
            perClient.add(latencies);
            int client = c;
            Thread thread = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (true) {
                    long start = System.nanoTime();
                    if (start >= end) {
                        return;
                    }
                    String url = urls.get(random.nextInt(urls.size()));
                    try {
                        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
                        long took = System.nanoTime() - start;
                        if (start >= warmupEnd) {
                            if (response.statusCode() != 200) {
                                errors.incrementAndGet();
                            } else if (counts[client] < latencies.length) {
                                latencies[counts[client]++] = took;
                            }
                        }
                    } catch (Exception e) {
                        if (start >= warmupEnd) {
                            errors.incrementAndGet();
                        }
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(perClient.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        System.out.printf("requests=%d errors=%d throughput=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f%n",
                total, errors.get(), total / (double) seconds, pct(all, 50), pct(all, 95), pct(all, 99));
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
