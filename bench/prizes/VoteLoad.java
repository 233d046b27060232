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
            case "token" -> System.out.println(token(Path.of(args[1]), args[2], args[3]));
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

    /** A token for an administrator (or any subject and role), e.g. to ask for a screening pass. */
    static String token(Path keyDir, String subject, String role) throws Exception {
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(Files.readString(keyDir.resolve("private.b64")).trim())));
        long now = Instant.now().getEpochSecond();
        return sign(Signature.getInstance("SHA256withRSA"), key, ("{\"iss\":\"wsis-bench\",\"aud\":\"wsis-api\",\"sub\":\"%s\","
                + "\"azp\":\"wsis-frontend\",\"iat\":%d,\"exp\":%d,\"realm_access\":{\"roles\":[\"%s\"]}}")
                .formatted(subject, now, now + 4 * 3600, role));
    }

    static void load(Path keyDir, Path nomineesFile, String baseUrl, int year, int votes, int voters, int concurrency)
            throws Exception {
        boolean spread = "spread".equals(System.getenv("ORDER"));
        // The scripted campaign (issue 18): CAMPAIGN accounts, created in bursts of CAMPAIGN_BURST within a
        // minute, each voting in all 18 categories for the campaign's nominees within seconds, from addresses
        // rotating over four /24 subnets, with the same HTTP client. Mixed among the organic sessions.
        int campaign = Integer.parseInt(System.getenv().getOrDefault("CAMPAIGN", "0"));
        int burst = Integer.parseInt(System.getenv().getOrDefault("CAMPAIGN_BURST", "100"));
        String prefix = System.getenv().getOrDefault("PREFIX", "bench");
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
        String[] campaignTokens = new String[campaign];
        long nowMillis = System.currentTimeMillis();
        ExecutorService signers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        String[] clients = {"wsis-frontend", "wsis-frontend", "wsis-frontend", "wsis-mobile"};
        for (int chunk = 0; chunk < voters; chunk += 1000) {
            int from = chunk;
            signers.submit(() -> {
                try {
                    Signature rsa = Signature.getInstance("SHA256withRSA");
                    for (int v = from; v < Math.min(from + 1000, voters); v++) {
                        // organic accounts: created at any time in the three years before voting opened (yesterday)
                        long created = nowMillis - 2 * 86_400_000L - Math.floorMod(v * 2654435761L, 3L * 365 * 86_400_000L);
                        tokens[v] = sign(rsa, key, voterClaims(prefix + "-voter-" + v, clients[v % clients.length], created));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
        }
        for (int c = 0; c < campaign; c++) {
            // bursts: CAMPAIGN_BURST accounts half a second apart, a burst every hour, in the days before voting
            long created = nowMillis - 3 * 86_400_000L + (c / burst) * 3_600_000L + (c % burst) * 500L;
            campaignTokens[c] = sign(Signature.getInstance("SHA256withRSA"), key,
                    voterClaims(prefix + "-campaign-" + c, "wsis-frontend", created));
        }
        signers.shutdown();
        signers.awaitTermination(1, TimeUnit.HOURS);
        System.out.printf("signed %d voter tokens in %.1f s%n", voters, (System.nanoTime() - signStart) / 1e9);
        double cpuAfterSigning = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);

        // 2. The season: VOTES requests over CONCURRENCY connections.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI voteUri = URI.create(baseUrl + "/editions/" + year + "/votes");
        int campaignVotes = campaign * CATEGORIES;
        long[] latencies = new long[votes + campaignVotes];
        AtomicLongArray statusCounts = new AtomicLongArray(600);
        AtomicLong retries = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        Map<String, AtomicLong> problems = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        // Sends one request (retried with the same key); slot = where its latency goes.
        java.util.function.BiConsumer<Integer, HttpRequest> send = (i, request) -> {
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
        // One vote: index i is voter i % voters' k-th vote, k = i / voters (the same set in either order).
        java.util.function.IntConsumer castVote = i -> {
            int voter = i % voters;
            int k = i / voters;
            List<String> categoryNominees = byCategory.get((voter + 7 * k) % CATEGORIES);
            // skewed choice: the first nominees of a category get more votes
            double u = ((voter * 2654435761L + k * 40503L) & 0xffff) / 65536.0;
            String nominee = categoryNominees.get((int) (u * u * categoryNominees.size()));
            // an organic voter: their own address and one of many browsers
            long h = (voter + 1) * 0x9E3779B97F4A7C15L;
            String address = (1 + Math.floorMod(h >>> 40, 223)) + "." + Math.floorMod(h >>> 32, 256) + "."
                    + Math.floorMod(h >>> 24, 256) + "." + (1 + Math.floorMod(h >>> 16, 254));
            HttpRequest request = HttpRequest.newBuilder(voteUri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + tokens[voter])
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", prefix + "-" + year + "-" + i)
                    .header("X-Forwarded-For", address)
                    .header("User-Agent", "Mozilla/5.0 (bench; browser " + Math.floorMod(h >>> 8, 5000) + ")")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"submissionId\":\"" + nominee + "\"}"))
                    .build();
            send.accept(i, request);
        };
        java.util.function.IntConsumer castCampaignVote = j -> {
            int account = j / CATEGORIES;
            int k = j % CATEGORIES;
            List<String> categoryNominees = byCategory.get(k);
            String nominee = categoryNominees.get(categoryNominees.size() - 1); // the campaign's nominee: the least popular
            String address = "185.220." + (100 + (account + k) % 4) + "." + (1 + (account * CATEGORIES + k) % 254);
            HttpRequest request = HttpRequest.newBuilder(voteUri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + campaignTokens[account])
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", prefix + "-campaign-" + year + "-" + j)
                    .header("X-Forwarded-For", address)
                    .header("User-Agent", "python-requests/2.31.0")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"submissionId\":\"" + nominee + "\"}"))
                    .build();
            send.accept(votes + j, request);
        };
        // sessions: organic voters (>= 0) and campaign accounts (< 0), in a fixed shuffled order
        int[] sessions = new int[voters + campaign];
        for (int s = 0; s < voters; s++) {
            sessions[s] = s;
        }
        for (int c = 0; c < campaign; c++) {
            sessions[voters + c] = -1 - c;
        }
        java.util.Random shuffle = new java.util.Random(42);
        for (int s = sessions.length - 1; s > 0; s--) {
            int r = shuffle.nextInt(s + 1);
            int t = sessions[s];
            sessions[s] = sessions[r];
            sessions[r] = t;
        }
        AtomicInteger nextCampaign = new AtomicInteger();
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            pool.submit(() -> {
                if (spread) {
                    // every voter's first vote, then every voter's second, ...: a voter comes back once per round
                    for (int i = next.getAndIncrement(); i < votes && !Thread.currentThread().isInterrupted();
                         i = next.getAndIncrement()) {
                        castVote.accept(i);
                    }
                    for (int j = nextCampaign.getAndIncrement(); j < campaignVotes && !Thread.currentThread().isInterrupted();
                         j = nextCampaign.getAndIncrement()) {
                        castCampaignVote.accept(j);
                    }
                } else {
                    // sessions: a client thread is one voter at a time, who casts their votes one after another
                    for (int s = next.getAndIncrement(); s < sessions.length && !Thread.currentThread().isInterrupted();
                         s = next.getAndIncrement()) {
                        int voter = sessions[s];
                        if (voter < 0) { // a campaign account: all 18 categories, back to back
                            int account = -1 - voter;
                            for (int k = 0; k < CATEGORIES && !Thread.currentThread().isInterrupted(); k++) {
                                castCampaignVote.accept(account * CATEGORIES + k);
                            }
                            continue;
                        }
                        for (int i = voter; i < votes && !Thread.currentThread().isInterrupted(); i += voters) {
                            castVote.accept(i);
                        }
                    }
                }
            });
        }
        pool.shutdown();
        while (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            System.out.printf("  %s: %d of %d sent%n", Instant.now(), sent.get(), votes + campaignVotes);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        Arrays.sort(latencies);
        int total = votes + campaignVotes;
        System.out.printf("order=%s votes=%d (organic %d, campaign %d from %d accounts) voters=%d concurrency=%d elapsed=%.1fs throughput=%.0f votes/s%n",
                spread ? "spread" : "sessions", total, votes, campaignVotes, campaign, voters, concurrency, seconds, total / seconds);
        System.out.printf("latency ms (incl. retries): p50=%.1f p95=%.1f p99=%.1f max=%.1f%n",
                pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), latencies[total - 1] / 1e6);
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

    /** A prize voter's claims, as the realm issues them: role, verified e-mail, the account's creation time. */
    static String voterClaims(String subject, String client, long createdMillis) {
        long now = Instant.now().getEpochSecond();
        return ("{\"iss\":\"wsis-bench\",\"aud\":\"wsis-api\",\"sub\":\"%s\",\"azp\":\"%s\",\"iat\":%d,"
                + "\"exp\":%d,\"realm_access\":{\"roles\":[\"prize-voter\"]},\"email_verified\":true,"
                + "\"email\":\"%s@example.org\",\"account_created_at\":%d}")
                .formatted(subject, client, now, now + 4 * 3600, subject, createdMillis);
    }

    static String sign(Signature rsa, PrivateKey key, String claims) throws Exception {
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String payload = b64(claims);
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
