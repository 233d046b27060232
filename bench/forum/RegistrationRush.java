import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registration rush against forum-service: N participants sign up for one session of C seats at
 * once. Run with {@code java bench/forum/RegistrationRush.java --base=... --key=private.pem} (see
 * run.sh, which starts everything). Single-file program, JDK only (HttpClient, fixed thread pool).
 *
 * Tokens: N distinct participants cannot all log in to Keycloak, so this program signs their
 * RS256 JWTs itself (sub, iss, aud wsis-api, exp, realm_access.roles) with a key pair generated
 * for the run; the service verifies them with quarkus.oidc.public-key.
 *
 * Phases: setup (edition, session, N registrations; not part of the rush figures), rush (N
 * sign-ups, timed), verification (exactly C confirmed and N-C waitlisted, waitlist positions
 * 1..N-C matching the organizer's list in arrival order), then K cancellations of confirmed seats
 * and a check that exactly the first K of the waitlist were promoted. Exits 1 on any violation.
 */
public class RegistrationRush {
    static String base;
    static PrivateKey key;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>(Map.of("base", "http://127.0.0.1:11083", "participants", "10000",
                "capacity", "500", "cancellations", "100", "threads", "64", "year", "2027", "key", "private.pem"));
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            opt.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        base = opt.get("base");
        key = loadKey(Path.of(opt.get("key")));
        int n = Integer.parseInt(opt.get("participants"));
        int capacity = Integer.parseInt(opt.get("capacity"));
        int cancellations = Integer.parseInt(opt.get("cancellations"));
        int threads = Integer.parseInt(opt.get("threads"));
        int year = Integer.parseInt(opt.get("year"));
        String organizer = token("bench-organizer", "forum-organizer");
        System.out.printf("Registration rush: %d participants, %d seats, %d cancellations, %d client threads, %s%n",
                n, capacity, cancellations, threads, base);

        // --- setup
        Result edition = call("POST", "/api/v1/editions", organizer, """
                {"year": %d, "title": "WSIS Forum %d (bench)", "startsOn": "%d-07-06", "endsOn": "%d-07-10",
                 "venue": "CICG, Geneva", "hybrid": true}""".formatted(year, year, year, year));
        require(edition.status == 201 || edition.status == 409, "edition: " + edition);
        Result session = call("POST", "/api/v1/editions/" + year + "/sessions", organizer, """
                {"kind": "HIGH_LEVEL_POLICY", "title": "Opening ceremony (bench %s)", "room": "Main hall",
                 "startsAt": "%d-07-06T08:00:00Z", "endsAt": "%d-07-06T09:30:00Z", "capacity": %d}"""
                .formatted(Instant.now(), year, year, capacity));
        require(session.status == 201, "session: " + session);
        String sessionId = field(session.body, "id");
        String[] tokens = new String[n];
        for (int i = 0; i < n; i++) {
            tokens[i] = token("bench-p-" + i, "forum-participant");
        }
        String[] stakeholderTypes = {"GOVERNMENT", "PRIVATE_SECTOR", "CIVIL_SOCIETY", "INTERNATIONAL_ORGANISATION", "ACADEMIA", "TECHNICAL_COMMUNITY"};
        String[] countries = {"CHE", "KEN", "BRA", "IND", "EGY", "RUS", "USA", "JPN"};
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long setupStart = System.nanoTime();
        List<Future<Result>> registrations = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int p = i;
            registrations.add(pool.submit(() -> call("POST", "/api/v1/editions/" + year + "/registrations/me", tokens[p], """
                    {"attendance": "IN_PERSON", "fullName": "Participant %d", "organisation": "Bench org",
                     "stakeholderType": "%s", "country": "%s", "consent": true}"""
                    .formatted(p, stakeholderTypes[p % stakeholderTypes.length], countries[p % countries.length]))));
        }
        for (Future<Result> r : registrations) {
            require(r.get().status == 201, "registration: " + r.get());
        }
        System.out.printf("Setup: %d registrations in %.1f s%n", n, (System.nanoTime() - setupStart) / 1e9);

        // --- the rush
        List<Future<Result>> signups = new ArrayList<>(n);
        long rushStart = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int p = i;
            signups.add(pool.submit(() -> call("POST", "/api/v1/sessions/" + sessionId + "/signups", tokens[p], null)));
        }
        Result[] results = new Result[n];
        for (int i = 0; i < n; i++) {
            results[i] = signups.get(i).get();
        }
        double rushSeconds = (System.nanoTime() - rushStart) / 1e9;
        long[] latencies = Arrays.stream(results).mapToLong(r -> r.nanos).sorted().toArray();
        int errors = 0;
        int confirmed = 0;
        int waitlisted = 0;
        Map<Integer, Integer> positionOf = new HashMap<>(); // participant -> waitlist position reported to them
        for (int i = 0; i < n; i++) {
            Result r = results[i];
            if (r.status != 201) {
                errors++;
                if (errors <= 5) {
                    System.out.println("  error: " + r);
                }
                continue;
            }
            String status = field(r.body, "status");
            if ("CONFIRMED".equals(status)) {
                confirmed++;
            } else if ("WAITLISTED".equals(status)) {
                waitlisted++;
                positionOf.put(i, Integer.parseInt(field(r.body, "waitlistPosition")));
            }
        }
        System.out.printf("Rush: %d sign-ups in %.2f s = %.0f req/s; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                n, rushSeconds, n / rushSeconds, pct(latencies, 50), pct(latencies, 95), pct(latencies, 99),
                latencies[latencies.length - 1] / 1e6);
        System.out.printf("Rush outcome: %d confirmed, %d waitlisted, %d error responses%n", confirmed, waitlisted, errors);
        boolean ok = true;
        ok &= check(errors == 0, "no error responses");
        ok &= check(confirmed == Math.min(capacity, n), "exactly " + Math.min(capacity, n) + " confirmed");
        ok &= check(waitlisted == Math.max(0, n - capacity), "exactly " + Math.max(0, n - capacity) + " waitlisted");
        Set<Integer> positions = new HashSet<>(positionOf.values());
        int waitlistLength = waitlisted;
        ok &= check(positions.size() == waitlisted && positions.stream().allMatch(p -> p >= 1 && p <= waitlistLength),
                "waitlist positions are exactly 1.." + waitlisted);

        // the organizer's view (database truth): counts and the waitlist in arrival (sign-up id) order
        Result counts = call("GET", "/api/v1/sessions/" + sessionId + "/attendees/counts", organizer, null);
        ok &= check(counts.status == 200 && field(counts.body, "confirmed").equals(String.valueOf(confirmed))
                && field(counts.body, "waitlisted").equals(String.valueOf(waitlisted)), "organizer counts agree: " + counts.body);
        List<String[]> waitlist = csv(call("GET", "/api/v1/sessions/" + sessionId + "/attendees/export.csv?status=WAITLISTED", organizer, null).body);
        boolean inOrder = waitlist.size() == waitlisted;
        long previousId = -1;
        for (String[] row : waitlist) { // signupId, registrationId, status, waitlistPosition, fullName, ...
            long signupId = Long.parseLong(row[0]);
            int participant = Integer.parseInt(row[4].substring("Participant ".length()));
            inOrder &= signupId > previousId && Integer.valueOf(Integer.parseInt(row[3])).equals(positionOf.get(participant));
            previousId = signupId;
        }
        ok &= check(inOrder, "waitlist in arrival order: each participant's reported position = their place by sign-up id");

        // --- cancellations: K confirmed participants cancel, the first K of the waitlist move up
        int k = Math.min(cancellations, Math.min(confirmed, waitlisted));
        Set<Integer> expectedPromoted = new HashSet<>();
        positionOf.forEach((p, pos) -> {
            if (pos <= k) {
                expectedPromoted.add(p);
            }
        });
        List<Integer> cancelling = new ArrayList<>();
        for (int i = 0; i < n && cancelling.size() < k; i++) {
            if (!positionOf.containsKey(i) && results[i].status == 201) {
                cancelling.add(i);
            }
        }
        long cancelStart = System.nanoTime();
        List<Future<Result>> cancels = new ArrayList<>();
        for (int p : cancelling) {
            cancels.add(pool.submit(() -> call("DELETE", "/api/v1/sessions/" + sessionId + "/signups/me", tokens[p], null)));
        }
        int cancelErrors = 0;
        for (Future<Result> c : cancels) {
            cancelErrors += c.get().status == 204 ? 0 : 1;
        }
        System.out.printf("Cancellations: %d in %.2f s%n", k, (System.nanoTime() - cancelStart) / 1e9);
        ok &= check(cancelErrors == 0, "cancellations answered 204");
        List<Future<Result>> after = new ArrayList<>();
        for (int p : expectedPromoted) {
            after.add(pool.submit(() -> call("GET", "/api/v1/sessions/" + sessionId + "/signups/me", tokens[p], null)));
        }
        int promoted = 0;
        for (Future<Result> a : after) {
            promoted += "OFFERED".equals(field(a.get().body, "status")) ? 1 : 0; // issue 20: offered, held for them
        }
        List<Future<Result>> accepting = new ArrayList<>();
        for (int p : expectedPromoted) {
            accepting.add(pool.submit(() -> call("POST", "/api/v1/sessions/" + sessionId + "/signups/me/acceptance", tokens[p], null)));
        }
        for (Future<Result> a : accepting) {
            promoted -= "CONFIRMED".equals(field(a.get().body, "status")) ? 0 : 1;
        }
        Result countsAfter = call("GET", "/api/v1/sessions/" + sessionId + "/attendees/counts", organizer, null);
        ok &= check(promoted == k, "the first " + k + " of the waitlist were offered the seats and accepted them (" + promoted + ")");
        ok &= check(field(countsAfter.body, "confirmed").equals(String.valueOf(confirmed))
                && field(countsAfter.body, "waitlisted").equals(String.valueOf(waitlisted - k)),
                "still " + confirmed + " confirmed, " + (waitlisted - k) + " waitlisted: " + countsAfter.body);
        pool.shutdown();
        System.out.println(ok ? "RESULT: PASS" : "RESULT: FAIL");
        System.exit(ok ? 0 : 1);
    }

    record Result(int status, String body, long nanos) {
        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) : body);
        }
    }

    static Result call(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Result(response.statusCode(), response.body(), System.nanoTime() - start);
        } catch (Exception e) {
            return new Result(-1, e.toString(), System.nanoTime() - start);
        }
    }

    static String token(String subject, String role) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload = "{\"sub\":\"" + subject + "\",\"iss\":\"https://bench.wsis.local/realms/wsis\",\"aud\":\"wsis-api\","
                + "\"iat\":" + now + ",\"exp\":" + (now + 7200) + ",\"realm_access\":{\"roles\":[\"" + role + "\"]}}";
        String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(rsa.sign());
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static PrivateKey loadKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    /** A top-level scalar of a flat JSON object (enough for our responses; no JSON library in a single-file program). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|[^,}\\s]+)").matcher(json);
        if (!m.find()) {
            return "";
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    static List<String[]> csv(String text) {
        List<String[]> rows = new ArrayList<>();
        String[] lines = text.split("\r\n");
        for (int i = 1; i < lines.length; i++) { // our names and ids contain no commas or quotes
            rows.add(lines[i].split(",", -1));
        }
        return rows;
    }

    static double pct(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    static boolean check(boolean condition, String what) {
        System.out.println((condition ? "  ok    " : "  FAIL  ") + what);
        return condition;
    }

    static void require(boolean condition, String what) {
        if (!condition) {
            System.out.println("Setup failed: " + what);
            System.exit(2);
        }
    }
}
