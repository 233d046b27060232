import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Load driver for the prizes vote benchmark (run with: java bench/prizes/VoteLoad.java ...).
 * Not part of the Maven build: JDK only.
 *
 *   keygen DIR                      writes DIR/public.b64 (X.509) and DIR/private.b64 (PKCS#8), RSA 2048
 *   load   KEYDIR NOMINEES URL YEAR VOTES VOTERS CONCURRENCY
 *          NOMINEES: lines "category,submissionId"; URL: e.g. http://127.0.0.1:10080/api/prizes/v1
 *
 * Voter v's k-th vote goes to category (v + 7k) mod 18 (7 and 18 are coprime, so a voter never
 * votes twice in a category), for a nominee picked with a skew so tallies differ. By default each
 * client thread is one voter's session at a time: the voter casts their votes one after another, as
 * a person signed in on the website does, then the next voter comes. ORDER=spread instead sends every
 * voter's first vote, then every voter's second, ..., so a voter (and their token) comes back only once
 * per round of all voters: the worst case for anything remembered per voter. Every request
 * carries an Idempotency-Key; transport errors, 5xx and 429 are retried with the same key, so a
 * vote is counted exactly once even when a response is lost.
 */
public class VoteLoad {
    static final int CATEGORIES = 18;

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "keygen" -> keygen(Path.of(args[1]));
            case "load" -> load(Path.of(args[1]), Path.of(args[2]), args[3], Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]));
            default -> {
                System.err.println("usage: keygen DIR | load KEYDIR NOMINEES URL YEAR VOTES VOTERS CONCURRENCY");
                System.exit(2);
            }
        }
    }

    static void keygen(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("public.b64"), Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        Files.writeString(dir.resolve("private.b64"), Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
    }

    static void load(Path keyDir, Path nomineesFile, String baseUrl, int year, int votes, int voters, int concurrency)
            throws Exception {
        boolean spread = "spread".equals(System.getenv("ORDER"));
        if (votes > (long) voters * CATEGORIES) {
            throw new IllegalArgumentException("at most 18 votes per voter");
        }
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(Files.readString(keyDir.resolve("private.b64")).trim())));
        Map<String, List<String>> nominees = new TreeMap<>();
        for (String line : Files.readAllLines(nomineesFile)) {
            if (!line.isBlank()) {
                String[] parts = line.trim().split(",");
                nominees.computeIfAbsent(parts[0], c -> new ArrayList<>()).add(parts[1]);
            }
        }
        List<List<String>> byCategory = new ArrayList<>(nominees.values());
        if (byCategory.size() != CATEGORIES) {
            throw new IllegalStateException("expected nominees in 18 categories, got " + byCategory.size());
        }

        // 1. Tokens: one per voter, signed before the clock starts (signing is the identity provider's cost, not ours).
        long signStart = System.nanoTime();
        String[] tokens = new String[voters];
        ExecutorService signers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        String[] clients = {"wsis-frontend", "wsis-frontend", "wsis-frontend", "wsis-mobile"};
        for (int chunk = 0; chunk < voters; chunk += 1000) {
            int from = chunk;
            signers.submit(() -> {
                try {
                    Signature rsa = Signature.getInstance("SHA256withRSA");
                    for (int v = from; v < Math.min(from + 1000, voters); v++) {
                        tokens[v] = sign(rsa, key, "bench-voter-" + v, clients[v % clients.length]);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
        }
        signers.shutdown();
        signers.awaitTermination(1, TimeUnit.HOURS);
        System.out.printf("signed %d voter tokens in %.1f s%n", voters, (System.nanoTime() - signStart) / 1e9);
        double cpuAfterSigning = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);

        // 2. The season: VOTES requests over CONCURRENCY connections.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI voteUri = URI.create(baseUrl + "/editions/" + year + "/votes");
        long[] latencies = new long[votes];
        AtomicLongArray statusCounts = new AtomicLongArray(600);
        AtomicLong retries = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        Map<String, AtomicLong> problems = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        // One vote: index i is voter i % voters' k-th vote, k = i / voters (the same set in either order).
        java.util.function.IntConsumer castVote = i -> {
            int voter = i % voters;
            int k = i / voters;
            List<String> categoryNominees = byCategory.get((voter + 7 * k) % CATEGORIES);
            // skewed choice: the first nominees of a category get more votes
            double u = ((voter * 2654435761L + k * 40503L) & 0xffff) / 65536.0;
            String nominee = categoryNominees.get((int) (u * u * categoryNominees.size()));
            HttpRequest request = HttpRequest.newBuilder(voteUri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + tokens[voter])
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "bench-" + year + "-" + i)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"submissionId\":\"" + nominee + "\"}"))
                    .build();
            long start = System.nanoTime();
            int status = -1;
            for (int attempt = 0; attempt < 20; attempt++) {
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    status = response.statusCode();
                    if (status == 429 || status >= 500) {
                        retries.incrementAndGet();
                        long wait = response.headers().firstValueAsLong("Retry-After").orElse(0) * 1000;
                        Thread.sleep(Math.max(50L * (attempt + 1), wait));
                        continue;
                    }
                    if (status != 201) {
                        problems.computeIfAbsent(status + " " + response.body(), p -> new AtomicLong()).incrementAndGet();
                    }
                    break;
                } catch (IOException e) {
                    retries.incrementAndGet();
                    sleep(50L * (attempt + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            latencies[i] = System.nanoTime() - start;
            sent.incrementAndGet();
            if (status > 0) {
                statusCounts.incrementAndGet(status);
            } else {
                failures.incrementAndGet();
            }
        };
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            pool.submit(() -> {
                if (spread) {
                    // every voter's first vote, then every voter's second, ...: a voter comes back once per round
                    for (int i = next.getAndIncrement(); i < votes && !Thread.currentThread().isInterrupted();
                         i = next.getAndIncrement()) {
                        castVote.accept(i);
                    }
                } else {
                    // sessions: a client thread is one voter at a time, who casts their votes one after another
                    for (int voter = next.getAndIncrement(); voter < voters && !Thread.currentThread().isInterrupted();
                         voter = next.getAndIncrement()) {
                        for (int i = voter; i < votes && !Thread.currentThread().isInterrupted(); i += voters) {
                            castVote.accept(i);
                        }
                    }
                }
            });
        }
        pool.shutdown();
        while (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            System.out.printf("  %s: %d of %d sent%n", Instant.now(), sent.get(), votes);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        Arrays.sort(latencies);
        System.out.printf("order=%s votes=%d voters=%d concurrency=%d elapsed=%.1fs throughput=%.0f votes/s%n",
                spread ? "spread" : "sessions", votes, voters, concurrency, seconds, votes / seconds);
        System.out.printf("latency ms (incl. retries): p50=%.1f p95=%.1f p99=%.1f max=%.1f%n",
                pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), latencies[votes - 1] / 1e6);
        StringBuilder statuses = new StringBuilder();
        for (int s = 0; s < 600; s++) {
            if (statusCounts.get(s) > 0) {
                statuses.append(' ').append(s).append('=').append(statusCounts.get(s));
            }
        }
        System.out.printf("final statuses:%s; retried attempts=%d; gave up=%d%n", statuses, retries.get(), failures.get());
        problems.forEach((p, n) -> System.out.printf("  %d x %s%n", n.get(), p.length() > 300 ? p.substring(0, 300) : p));
        System.out.println("ACCEPTED=" + statusCounts.get(201));
        // The driver's own CPU over the season (signing excluded), for the per-vote CPU breakdown in run.sh.
        double cpuSeconds = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
        System.out.printf("LOADER_CPU_SECONDS=%.3f%n", cpuSeconds - cpuAfterSigning);
    }

    static String sign(Signature rsa, PrivateKey key, String subject, String client) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String payload = b64(("{\"iss\":\"wsis-bench\",\"aud\":\"wsis-api\",\"sub\":\"%s\",\"azp\":\"%s\",\"iat\":%d,"
                + "\"exp\":%d,\"realm_access\":{\"roles\":[\"prize-voter\"]}}").formatted(subject, client, now, now + 4 * 3600));
        rsa.initSign(key);
        rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
