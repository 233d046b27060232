package org.wsis.localstack.demo;

import org.wsis.localstack.StackException;
import org.wsis.localstack.testing.RealmTokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * {@code ./run-local --demo}: a realistic data set loaded through the gateway's public API as the
 * realm's test users and an agency client (never SQL, so every event flows as in real use):
 * <ul>
 *   <li>28 stocktaking entries over all action lines, six ITU regions and the six UN languages, 26
 *       published by a moderator and 2 waiting in the moderation queue ({@code demo/entries.json});</li>
 *   <li>the WSIS Prizes edition {@code year} in its voting phase: the published entries submitted by
 *       their owners, validated as nominees, announced, with some public votes;</li>
 *   <li>the WSIS Forum edition {@code year} with eight sessions, four registered participants and
 *       their sign-ups (one small session full, with a waitlist);</li>
 *   <li>five ITU indicators for every economy of the country table, 2019-2024, uploaded as a batch by
 *       {@code agency-itu}: synthetic values, marked estimated and noted as such.</li>
 * </ul>
 * Idempotent: whatever exists (found by title, entry, year) is kept, so a second run adds nothing.
 */
public final class DemoData {

    /** What one run did; the "created" figures are 0 on a second run. */
    public record Counts(int entries, int entriesCreated, int entriesPublished, int submissions, int submissionsCreated,
                         int sessions, int sessionsCreated, int registrationsCreated, int economies, int observations,
                         int observationsChanged) {
    }

    static final List<String> INDICATORS = List.of("IT_USE_ii99", "IT_HH_NET", "IT_MOB_OWN", "IT_MBB_SUBS", "IT_POP_4G");
    static final int FIRST_PERIOD = 2019;
    static final int LAST_PERIOD = 2024;
    private static final List<String> PARTICIPANTS = List.of("participant", "editor", "editor2", "voter");
    // prize voters of the realm: role prize-voter, verified e-mail, accounts older than any voting cut-off
    private static final List<String> VOTERS = List.of("voter", "voter01", "voter02", "voter03", "voter04");

    private final GatewayClient gateway;
    private final RealmTokens realm;
    private final int year;
    private final PrintStream log;
    private final Map<String, String> tokens = new HashMap<>();

    public DemoData(String gatewayUrl, String realmUrl, int year, PrintStream log) {
        this.gateway = new GatewayClient(gatewayUrl);
        this.realm = new RealmTokens(realmUrl);
        this.year = year;
        this.log = log;
    }

    /** The edition year {@code ./run-local --demo} uses: next year's Prizes are voted on now. */
    public static int defaultYear() {
        return OffsetDateTime.now(ZoneOffset.UTC).getYear() + 1;
    }

    public Counts load() {
        EntriesLoaded entries = entries();
        int[] submissions = prizes(entries.forPrizes());
        int[] forum = forum();
        int[] indicators = indicators();
        return new Counts(entries.total(), entries.created(), entries.published(), submissions[0], submissions[1],
                forum[0], forum[1], forum[2], indicators[0], indicators[1], indicators[2]);
    }

    // --- stocktaking -------------------------------------------------------------------------------

    private record PrizeCandidate(String entryId, String owner, String category, String summary) {
    }

    /**
     * The prize short description: ITU's rules ask for 150 to 200 words in English (prizes-service refuses
     * anything else), whatever the language of the entry itself. About 160 words around the entry's
     * title, organisation and (English) description.
     */
    static String prizeSummary(String title, String organisation, String language, String description) {
        String own = "en".equals(language) && description != null ? description.strip() + " " : "";
        return ("The project \"" + title + "\" is run by " + organisation + ". " + own
                + "It brings digital services to people who have been left behind by the information society, and it "
                + "was designed together with the communities it serves, who chose the services they needed most and "
                + "trained their own volunteers to run them. "
                + "Its volunteers also teach digital skills to older people, women and young people in every village. The results are measured every year, and the reports are "
                + "published for everyone to read. The work rests on partnerships between government, the private "
                + "sector, civil society and academia, and each partner pays a fair share of the costs, so the project "
                + "does not depend on a single donor and will continue after its first grant ends. It contributes to "
                + "the Sustainable Development Goals and to its WSIS action line. Other countries have asked for the "
                + "model, and the team has written an open guide so that they can replicate it with their own "
                + "communities and partners.").replaceAll("\\s+", " ");
    }

    private record EntriesLoaded(int total, int created, int published, List<PrizeCandidate> forPrizes) {
    }

    @SuppressWarnings("unchecked")
    private EntriesLoaded entries() {
        List<Object> specs = Json.array(resource("/demo/entries.json"));
        Map<String, Map<String, Map<String, Object>>> mineByOwner = new HashMap<>();
        int created = 0;
        int published = 0;
        List<PrizeCandidate> candidates = new ArrayList<>();
        for (Object item : specs) {
            Map<String, Object> spec = (Map<String, Object>) item;
            String owner = (String) spec.get("owner");
            String title = (String) spec.get("title");
            Map<String, Object> entry = mineByOwner.computeIfAbsent(owner, this::entriesOf).get(title);
            if (entry == null) {
                Map<String, Object> body = new LinkedHashMap<>(spec);
                body.keySet().removeAll(List.of("owner", "publish", "prizeCategory"));
                entry = gateway.post("/api/stocktaking/v1/entries", token(owner), body).expect(201).object();
                created++;
            }
            String id = (String) entry.get("id");
            String status = (String) entry.get("status");
            if ("DRAFT".equals(status)) {
                status = (String) gateway.post("/api/stocktaking/v1/entries/" + id + "/submit", token(owner), null)
                        .expect(200).object().get("status");
            }
            if ("SUBMITTED".equals(status) && !Boolean.FALSE.equals(spec.get("publish"))) {
                status = (String) gateway.post("/api/stocktaking/v1/entries/" + id + "/publish", token("moderator"), null)
                        .expect(200).object().get("status");
            }
            if ("PUBLISHED".equals(status)) {
                published++;
                if (spec.get("prizeCategory") != null) {
                    candidates.add(new PrizeCandidate(id, owner, (String) spec.get("prizeCategory"),
                            prizeSummary(title, (String) spec.get("organisation"), (String) spec.get("language"),
                                    (String) spec.get("description"))));
                }
            }
        }
        log.printf("  stocktaking: %d entries (%d new), %d published, %d in the moderation queue%n",
                specs.size(), created, published, specs.size() - published);
        return new EntriesLoaded(specs.size(), created, published, candidates);
    }

    /** The owner's entries by title, every page. */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> entriesOf(String owner) {
        Map<String, Map<String, Object>> byTitle = new HashMap<>();
        for (int page = 0; ; page++) {
            List<Object> items = gateway.get("/api/stocktaking/v1/entries/mine?size=100&page=" + page, token(owner))
                    .expect(200).items();
            items.forEach(e -> byTitle.putIfAbsent((String) ((Map<String, Object>) e).get("title"), (Map<String, Object>) e));
            if (items.size() < 100) {
                return byTitle;
            }
        }
    }

    // --- prizes ------------------------------------------------------------------------------------

    /** {submissions, created}. */
    @SuppressWarnings("unchecked")
    private int[] prizes(List<PrizeCandidate> candidates) {
        String edition = "/api/prizes/v1/editions/" + year;
        GatewayClient.Reply current = gateway.get(edition, null).expect(200, 404);
        if (current.status() == 404) {
            gateway.put(edition, token("prize-admin"), phaseDates(1), Map.of()).expect(201);
            current = gateway.get(edition, null).expect(200);
        }
        int created = 0;
        List<String> submissionIds = new ArrayList<>();
        if (current.object().get("nomineesAnnouncedAt") == null) {
            movePhase(1);
            for (PrizeCandidate candidate : candidates) {
                await("entry " + candidate.entryId() + " to reach prizes (stocktaking.entries event)", () ->
                        gateway.get("/api/prizes/v1/eligible-entries/" + candidate.entryId(), null).status() == 200);
                String existing = submissionOf(candidate);
                if (existing == null) {
                    existing = (String) gateway.post(edition + "/submissions", token(candidate.owner()),
                            Map.of("entryId", candidate.entryId(), "category", candidate.category(),
                                    "summary", candidate.summary())).expect(201).object().get("id");
                    created++;
                }
                submissionIds.add(existing);
            }
            movePhase(3);
            for (String id : submissionIds) {
                gateway.put(edition + "/nominees/" + id, token("prize-admin"), Map.of(), Map.of()).expect(200);
            }
            gateway.post(edition + "/nominees/announce", token("prize-admin"), null).expect(200);
        }
        movePhase(4);
        List<Object> nominees = gateway.get(edition + "/nominees", null).expect(200).items();
        int votes = 0;
        for (int v = 0; v < VOTERS.size(); v++) {
            // each voter votes for a few nominees (one per category: a repeat is a 409, and the
            // gateway's vote rate limit may answer 429 on a quick second run; both leave the votes as they are)
            for (int n = v; n < nominees.size(); n += 2 + v) {
                Map<String, Object> nominee = (Map<String, Object>) nominees.get(n);
                Object submissionId = nominee.containsKey("submissionId") ? nominee.get("submissionId") : nominee.get("id");
                if (gateway.post(edition + "/votes", token(VOTERS.get(v)), Map.of("submissionId", submissionId))
                        .expect(201, 409, 429).status() == 201) {
                    votes++;
                }
            }
        }
        log.printf("  prizes: edition %d in its voting phase, %d nominees (%d new submissions), %d new votes%n",
                year, nominees.size(), created, votes);
        return new int[] {nominees.size(), created};
    }

    @SuppressWarnings("unchecked")
    private String submissionOf(PrizeCandidate candidate) {
        List<Object> mine = gateway.get("/api/prizes/v1/editions/" + year + "/submissions?size=100", token(candidate.owner()))
                .expect(200).items();
        return mine.stream().map(s -> (Map<String, Object>) s)
                .filter(s -> candidate.entryId().equals(s.get("entryId")) && !"WITHDRAWN".equals(s.get("status")))
                .map(s -> (String) s.get("id")).findFirst().orElse(null);
    }

    /** Moves the edition's dates so that now falls in phase n (1 = submission ... 5 = results), as an administrator does. */
    private void movePhase(int phase) {
        String edition = "/api/prizes/v1/editions/" + year;
        GatewayClient.Reply current = gateway.get(edition, null).expect(200);
        String wanted = List.of("SUBMISSION", "REVIEW", "NOMINATION", "VOTING", "RESULTS").get(phase - 1);
        if (!wanted.equals(current.object().get("phase"))) {
            gateway.put(edition, token("prize-admin"), phaseDates(phase), Map.of("If-Match", current.header("ETag")))
                    .expect(200);
        }
    }

    private static Map<String, Object> phaseDates(int phase) {
        OffsetDateTime today = OffsetDateTime.now(ZoneOffset.UTC).withHour(0).withMinute(0).withSecond(0).withNano(0);
        String[] names = {"submissionOpens", "reviewOpens", "nominationOpens", "votingOpens", "resultsOpen"};
        Map<String, Object> dates = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            // phase i opens (i - phase) * 30 days from today, minus one day: today lies inside `phase`
            dates.put(names[i - 1], today.plusDays((i - phase) * 30L - 1).toString());
        }
        dates.put("championsPerCategory", 3);
        return dates;
    }

    // --- forum -------------------------------------------------------------------------------------

    /**
     * A session takes sign-ups at a limited pace (at most half its seats at once, then the rest over a
     * minute: one person with many accounts cannot take every seat), so a small session answers 429 with
     * Retry-After to a quick run of sign-ups: wait as told and try again, as a browser would.
     */
    private void signUp(String sessionId, String who) {
        for (int attempt = 0; ; attempt++) {
            GatewayClient.Reply reply = gateway.post("/api/forum/v1/sessions/" + sessionId + "/signups", token(who), null)
                    .expect(200, 201, 429);
            if (reply.status() != 429) {
                return;
            }
            if (attempt == 5) {
                throw new org.wsis.localstack.StackException("Demo data: session " + sessionId + " kept refusing sign-ups (429)");
            }
            String retryAfter = reply.header("Retry-After");
            long seconds = retryAfter == null ? 5 : Math.min(65, Math.max(1, Long.parseLong(retryAfter.trim())));
            try {
                Thread.sleep(seconds * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.wsis.localstack.StackException("Demo data: interrupted while waiting to sign up", e);
            }
        }
    }

    private record SessionSpec(String kind, String title, String room, int day, int startHour, int hours, int capacity,
                               List<String> actionLines) {
    }

    private static final List<SessionSpec> SESSIONS = List.of(
            new SessionSpec("HIGH_LEVEL_POLICY", "High-level policy session: connecting the next billion", "Room A", 0, 9, 2, 800, List.of("C1", "C2")),
            new SessionSpec("THEMATIC_WORKSHOP", "Artificial intelligence for sustainable development", "Room B", 0, 14, 2, 120, List.of("C7.E-SCI", "C10")),
            new SessionSpec("ACTION_LINE_FACILITATION", "Action line C5: building confidence and security in ICTs", "Room C", 1, 9, 2, 80, List.of("C5")),
            new SessionSpec("THEMATIC_WORKSHOP", "Digital health after the pandemic", "Room B", 1, 11, 2, 100, List.of("C7.E-HEALTH")),
            new SessionSpec("INTERACTIVE", "Youth and digital skills: open discussion", "Room D", 2, 10, 1, 60, List.of("C4")),
            new SessionSpec("EXHIBITION", "WSIS Stocktaking exhibition", "Hall 1", 2, 9, 8, 500, List.of()),
            new SessionSpec("HACKATHON", "Hackathon: open data for climate resilience", "Lab 1", 3, 9, 7, 3, List.of("C7.E-ENV")),
            new SessionSpec("ACTION_LINE_FACILITATION", "Action line C8: cultural and linguistic diversity online", "Room C", 3, 14, 2, 80, List.of("C8")));

    /** {sessions, sessions created, registrations created}. */
    @SuppressWarnings("unchecked")
    private int[] forum() {
        String edition = "/api/forum/v1/editions/" + year;
        if (gateway.get(edition, null).expect(200, 404).status() == 404) {
            gateway.post("/api/forum/v1/editions", token("organizer"), Map.of("year", year, "title", "WSIS Forum " + year,
                    "startsOn", year + "-07-06", "endsOn", year + "-07-10", "venue", "CICG, Geneva", "hybrid", true)).expect(201);
        }
        Map<String, String> sessionIds = new HashMap<>();
        for (Object s : gateway.get(edition + "/sessions?size=100", null).expect(200).items()) {
            Map<String, Object> session = (Map<String, Object>) s;
            sessionIds.put((String) session.get("title"), (String) session.get("id"));
        }
        int created = 0;
        for (SessionSpec spec : SESSIONS) {
            if (!sessionIds.containsKey(spec.title())) {
                OffsetDateTime starts = OffsetDateTime.of(year, 7, 6 + spec.day(), spec.startHour(), 0, 0, 0, ZoneOffset.UTC);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("kind", spec.kind());
                body.put("title", spec.title());
                body.put("description", spec.title() + ". Open to in-person and remote participants.");
                body.put("actionLines", spec.actionLines());
                body.put("room", spec.room());
                body.put("startsAt", starts.toString());
                body.put("endsAt", starts.plusHours(spec.hours()).toString());
                body.put("speakers", List.of("Moderator from ITU", "Speaker from a UNGIS agency"));
                body.put("capacity", spec.capacity());
                sessionIds.put(spec.title(), (String) gateway.post(edition + "/sessions", token("organizer"), body)
                        .expect(201).object().get("id"));
                created++;
            }
        }
        int registered = 0;
        String[] countries = {"KEN", "FRA", "BRA", "IND"};
        for (int p = 0; p < PARTICIPANTS.size(); p++) {
            String who = PARTICIPANTS.get(p);
            GatewayClient.Reply mine = gateway.get(edition + "/registrations/me", token(who)).expect(200, 404);
            Map<String, Object> registration;
            if (mine.status() == 404) {
                registration = gateway.post(edition + "/registrations/me", token(who), Map.of("attendance", p % 2 == 0 ? "IN_PERSON" : "REMOTE",
                        "fullName", "Demo " + who, "stakeholderType", p % 2 == 0 ? "CIVIL_SOCIETY" : "ACADEMIA",
                        "country", countries[p], "consent", true)).expect(201).object();
                registered++;
            } else {
                registration = mine.object();
            }
            // issue 20: a registration is an accreditation request; the organizer approves the demo participants
            if ("REQUESTED".equals(registration.get("status"))) {
                gateway.post("/api/forum/v1/registrations/" + registration.get("id") + "/approval", token("organizer"), Map.of())
                        .expect(200);
            }
            // sign-ups answer 200 with the existing one when asked again
            for (SessionSpec spec : List.of(SESSIONS.get(0), SESSIONS.get(6))) {
                signUp(sessionIds.get(spec.title()), who);
            }
        }
        log.printf("  forum: edition %d, %d sessions (%d new), %d participants (%d new), the hackathon full with a waitlist%n",
                year, SESSIONS.size(), created, PARTICIPANTS.size(), registered);
        return new int[] {SESSIONS.size(), created, registered};
    }

    // --- indicators --------------------------------------------------------------------------------

    /** {economies, observations, changed}. */
    @SuppressWarnings("unchecked")
    private int[] indicators() {
        List<String> economies = new ArrayList<>();
        for (Object c : gateway.get("/api/stocktaking/v1/reference/countries", null).expect(200).items()) {
            economies.add((String) ((Map<String, Object>) c).get("alpha3"));
        }
        String csv = observationsCsv(economies);
        int rows = economies.size() * INDICATORS.size() * (LAST_PERIOD - FIRST_PERIOD + 1);
        GatewayClient.Reply upload = gateway.send("POST", "/api/indicators/v1/batches", agencyToken(), "text/csv", csv, Map.of())
                .expect(201, 202);
        Map<String, Object> batch = upload.object();
        if (upload.status() == 202) {
            String location = upload.header("Location");
            String path = location.substring(location.indexOf("/api/"));
            await("indicator batch to be published", () -> {
                Map<String, Object> b = gateway.get(path.startsWith("/api/indicators/") ? path
                        : "/api/indicators" + path.substring(4), agencyToken()).expect(200).object();
                batch.putAll(b);
                return List.of("PUBLISHED", "REJECTED", "FAILED").contains(b.get("status"));
            });
            if (!"PUBLISHED".equals(batch.get("status"))) {
                throw new StackException("Demo data: the indicator batch ended " + batch.get("status") + ": " + batch.get("failure"));
            }
        }
        int changed = ((Number) batch.getOrDefault("changedCount", 0)).intValue();
        log.printf("  indicators: %s for %d economies, %d-%d (%d observations, %d new or changed; synthetic values)%n",
                String.join(", ", INDICATORS), economies.size(), FIRST_PERIOD, LAST_PERIOD, rows, changed);
        return new int[] {economies.size(), rows, changed};
    }

    /**
     * Plausible but invented values, the same on every run (seeded by economy and indicator): each
     * economy gets a development level, each indicator grows from it year by year. Marked E
     * (estimated) and noted as synthetic, so nobody mistakes them for ITU statistics.
     */
    static String observationsCsv(List<String> economies) {
        StringBuilder csv = new StringBuilder("indicator,economy,period,value,sex,age,urbanisation,status,note\n");
        for (String economy : economies) {
            double level = new Random(economy.hashCode()).nextDouble();
            for (String indicator : INDICATORS) {
                Random random = new Random((economy + indicator).hashCode());
                double cap = indicator.equals("IT_MBB_SUBS") ? 160 : 100;
                double start = Math.min(cap, 5 + level * cap * 0.8 + random.nextDouble() * 10);
                double growth = 0.5 + random.nextDouble() * (indicator.equals("IT_MBB_SUBS") ? 8 : 4);
                for (int period = FIRST_PERIOD; period <= LAST_PERIOD; period++) {
                    double value = Math.min(cap, start + growth * (period - FIRST_PERIOD));
                    csv.append(indicator).append(',').append(economy).append(',').append(period).append(',')
                            .append(String.format(Locale.ROOT, "%.1f", value))
                            .append(",_T,_T,_T,E,Synthetic demo value - not official data\n");
                }
            }
        }
        return csv.toString();
    }

    // --- helpers -----------------------------------------------------------------------------------

    private String token(String user) {
        return tokens.computeIfAbsent(user, realm::userToken);
    }

    private String agencyToken() {
        return tokens.computeIfAbsent("agency:agency-itu", k -> realm.agencyToken("agency-itu"));
    }

    /** Polls until the condition holds (events take a moment to cross services), at most two minutes. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new StackException("Demo data: gave up waiting for " + what);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Demo data: interrupted while waiting for " + what, e);
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = DemoData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new StackException("Demo data: " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("Demo data: cannot read " + name, e);
        }
    }
}
