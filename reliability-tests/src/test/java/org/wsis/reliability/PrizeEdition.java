package org.wsis.reliability;

import org.wsis.localstack.testing.PrizeTexts;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.wsis.localstack.PlatformService;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wsis.reliability.Platform.awaitUntil;
import static org.wsis.reliability.Platform.sqlList;

/**
 * A WSIS Prizes edition driven through the gateway as its administrator does it: created in the
 * submission phase, the owner's published stocktaking entries submitted (two per category),
 * every submission validated as a nominee and announced, then the dates moved to open voting.
 * Phases are dated around "now" (see {@link #phaseDates}), as prizes-service's ContestFlowTest does.
 */
final class PrizeEdition {
    /** A short description prizes accepts (ITU's rules: 150 to 200 English words). */
    static final String SUMMARY = PrizeTexts.SHORT_DESCRIPTION;

    /** The categories the tests vote in: six, so a voter casts six votes per edition (gateway burst 10, service burst 18). */
    static final List<String> CATEGORIES = List.of("C1", "C2", "C3", "C4", "C5", "C6");
    static final int NOMINEES_PER_CATEGORY = 2;

    final int year;
    /** Nominee submission ids by category. */
    final Map<String, List<String>> nominees = new LinkedHashMap<>();
    /** The stocktaking entry behind each nominee submission. */
    final Map<String, String> entryOfSubmission = new LinkedHashMap<>();

    private final Platform platform;
    private final String admin;

    private PrizeEdition(Platform platform, String admin, int year) {
        this.platform = platform;
        this.admin = admin;
        this.year = year;
    }

    /**
     * Published stocktaking entries of the owner, tagged with every test category, once they are
     * eligible in prizes-service (which learns them from stocktaking.entries: Kafka must be up).
     * An entry can be submitted once per edition, and never again after it won one (ITU's rules).
     */
    static List<String> eligibleEntries(Platform platform, String owner, String moderator, String run) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CATEGORIES.size() * NOMINEES_PER_CATEGORY; i++) {
            String body = """
                    {"title": "Prize nominee %s #%d", "description": "Reliability-suite nominee.",
                     "organisation": "Nominee org %d", "actionLines": [%s]}"""
                    .formatted(run, i, i, String.join(",", CATEGORIES.stream().map(c -> "\"" + c + "\"").toList()));
            // the suite's editor writes many entries: past stocktaking's per-person write limit (issue 17) it
            // waits as told, as any client does
            String id = Platform.retryOn429(() -> platform.as(owner).contentType(ContentType.JSON).body(body)
                    .post("/api/stocktaking/v1/entries")).then().statusCode(201).extract().path("id");
            platform.submitAndPublish(owner, moderator, id);
            ids.add(id);
        }
        String idList = sqlList(ids);
        awaitUntil(Duration.ofSeconds(90), () -> platform.count(PlatformService.PRIZES,
                "SELECT count(*) FROM eligible_entry WHERE entry_id::text IN (" + idList + ")") == ids.size(),
                "the nominees' entries eligible in prizes-service");
        return ids;
    }

    /** Creates the edition, submits the entries (two per category), nominates them all, announces, opens voting. */
    static PrizeEdition openVoting(Platform platform, String admin, String owner, int year, List<String> entries) {
        PrizeEdition edition = new PrizeEdition(platform, admin, year);
        platform.as(admin).contentType(ContentType.JSON).body(phaseDates(1)).put("/api/prizes/v1/editions/" + year)
                .then().statusCode(201).body("phase", equalTo("SUBMISSION"));
        for (int i = 0; i < entries.size(); i++) {
            String category = CATEGORIES.get(i % CATEGORIES.size());
            String submission = platform.as(owner).contentType(ContentType.JSON)
                    .body(Map.of("entryId", entries.get(i), "category", category, "summary", SUMMARY))
                    .post("/api/prizes/v1/editions/" + year + "/submissions").then().statusCode(201).extract().path("id");
            edition.nominees.computeIfAbsent(category, c -> new ArrayList<>()).add(submission);
            edition.entryOfSubmission.put(submission, entries.get(i));
        }
        edition.moveToPhase(3);
        for (String submission : edition.entryOfSubmission.keySet()) {
            platform.as(admin).put("/api/prizes/v1/editions/" + year + "/nominees/" + submission).then().statusCode(200);
        }
        platform.as(admin).post("/api/prizes/v1/editions/" + year + "/nominees/announce").then().statusCode(200);
        edition.moveToPhase(4);
        return edition;
    }

    /** The administrator moves the dates so that "now" falls in phase n (1 submission ... 5 results). */
    void moveToPhase(int phase) {
        String etag = platform.gateway().get("/api/prizes/v1/editions/" + year).then().statusCode(200).extract().header("ETag");
        platform.as(admin).header("If-Match", etag).contentType(ContentType.JSON).body(phaseDates(phase))
                .put("/api/prizes/v1/editions/" + year).then().statusCode(200);
    }

    /** A vote as the caller, with an Idempotency-Key when one is given. */
    Response vote(String token, String submission, String idempotencyKey) {
        var request = platform.as(token).contentType(ContentType.JSON).body(Map.of("submissionId", submission));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/api/prizes/v1/editions/" + year + "/votes");
    }

    /**
     * Results phase: the most voted nominee of each category wins; then {@code requests} publish
     * requests are sent at the same moment (a double click). Returns their statuses, sorted.
     */
    List<Integer> publishResults(int requests) throws Exception {
        moveToPhase(5);
        List<Map<String, Object>> standings = platform.as(admin).get("/api/prizes/v1/editions/" + year + "/results")
                .then().statusCode(200).extract().path("results");
        for (String category : CATEGORIES) {
            Object leader = standings.stream().filter(r -> category.equals(r.get("category"))).findFirst()
                    .orElseThrow().get("submissionId");
            platform.as(admin).contentType(ContentType.JSON).body(Map.of("submissionId", leader))
                    .put("/api/prizes/v1/editions/" + year + "/results/winners/" + category).then().statusCode(200);
        }
        ExecutorService clicks = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(clicks.submit(() -> {
                    start.await();
                    return platform.as(admin).post("/api/prizes/v1/editions/" + year + "/results/publish");
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get(60, TimeUnit.SECONDS);
                if (response.statusCode() != 200) {
                    assertTrue(response.contentType().startsWith("application/problem+json"), response.asString());
                }
                statuses.add(response.statusCode());
            }
            return statuses.stream().sorted().toList();
        } finally {
            clicks.shutdown();
        }
    }

    static Map<String, Object> phaseDates(int phase) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // phase i starts (i - phase) * 10 days from now, minus one day: now is inside phase `phase`
        OffsetDateTime[] starts = new OffsetDateTime[5];
        for (int i = 1; i <= 5; i++) {
            starts[i - 1] = now.plusDays((i - phase) * 10L - 1);
        }
        return Map.of("submissionOpens", starts[0].toString(), "reviewOpens", starts[1].toString(),
                "nominationOpens", starts[2].toString(), "votingOpens", starts[3].toString(),
                "resultsOpen", starts[4].toString(), "championsPerCategory", NOMINEES_PER_CATEGORY,
                // a rehearsal edition (see Platform.start): moving its dates after voting opened needs a reason
                "changeReason", "reliability suite moves its rehearsal edition to phase " + phase,
                // every voter of the suite votes from this machine with the same HTTP client: the rules on
                // shared addresses and devices would exclude them all, so they are off for these editions
                "screeningRules", Map.of("maxAccountsPerAddress", 0, "maxAccountsPerDeviceSubnet", 0,
                        "fastCategories", 12, "fastSeconds", 60, "identicalAccounts", 10, "identicalMinVotes", 8,
                        "burstAccounts", 20, "burstSeconds", 60, "regularMinVotes", 10, "regularMaxJitterMillis", 250));
    }

    static String uniqueRun() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
