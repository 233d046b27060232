package org.wsis.prizes.contest;

import org.wsis.localstack.testing.EventContracts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The contest as ITU runs it (issue 18, item 5): ITU's published review criteria, frozen per edition;
 * previous winners ineligible; the 150-200-word English short description; per-edition categories and
 * special prizes; conflict of interest against an organisation identity; reviewers who are real users;
 * stocktaking's entry edits and withdrawals reaching submissions (over real Kafka).
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "prizes"))
class ContestRulesTest {
    static final String ADMIN = TestTokens.token("prize-admin-r", "wsis-frontend", "prize-admin");
    static final List<String> ITU_CRITERIA = List.of("resultsAndImpact", "communityEmpowerment", "sdgRelevance",
            "replicability", "sustainability", "partnerships", "wsisValues");

    @Inject
    EntityManager entityManager;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void itusPublishedCriteriaAndEachEditionKeepsItsOwn() {
        given().get("/api/v1/review-criteria").then().statusCode(200)
                .body("field", equalTo(ITU_CRITERIA))
                .body("name", hasItem("Community empowerment")).body("name", hasItem("SDG relevance"))
                .body("name", hasItem("Partnerships")).body("name", hasItem("WSIS values"))
                .body("field", not(hasItem("innovation"))).body("max", everyItem(equalTo(10)));
        int year = newYear();
        createEdition(year, 1);
        given().get("/api/v1/editions/" + year + "/review-criteria").then().statusCode(200).body("field", equalTo(ITU_CRITERIA));
        // issue 21: criteria and categories labelled in the language asked for, all six at once, English ITU's
        given().header("Accept-Language", "fr-CH, en;q=0.5").get("/api/v1/review-criteria").then().statusCode(200)
                .header("Content-Language", "fr").header("Vary", containsString("Accept-Language"))
                .body("find { it.field == 'sustainability' }.label", equalTo("Durabilité"))
                .body("find { it.field == 'sustainability' }.questionLabel", equalTo("Le projet va-t-il durer (financement, appropriation, maintenance) ?"))
                .body("find { it.field == 'sustainability' }.labels.zh", equalTo("可持续性"))
                .body("find { it.field == 'sustainability' }.officialLabels", equalTo(List.of("en")));
        given().header("Accept-Language", "ar").get("/api/v1/editions/" + year + "/review-criteria").then().statusCode(200)
                .header("Content-Language", "ar").body("find { it.field == 'partnerships' }.label", equalTo("الشراكات"));
        given().header("Accept-Language", "zh").get("/api/v1/categories").then().statusCode(200)
                .header("Content-Language", "zh")
                .body("find { it.code == 'C2' }.label", equalTo("信息通信基础设施"))
                .body("find { it.code == 'C7.E-HEALTH' }.label", equalTo("ICT应用：电子卫生"))
                .body("find { it.code == 'C7.E-HEALTH' }.officialLabels", equalTo(List.of("en")))
                .body("find { it.code == 'C2' }.officialLabels", equalTo(List.of("zh", "en", "fr")))
                .body("find { it.code == 'C9' }.officialLabels", equalTo(List.of("zh", "en")))
                .body("findAll { it.labels.ru != null }.size()", equalTo(18));
        // the action lines' French: ITU's heading where it has one (official), the platform's C7 join (not official)
        given().header("Accept-Language", "fr").get("/api/v1/categories").then().statusCode(200)
                .body("find { it.code == 'C6' }.label", equalTo("Créer un environnement propice"))
                .body("find { it.code == 'C7.E-GOV' }.label", equalTo("Applications TIC : administration électronique"))
                .body("find { it.code == 'C7.E-GOV' }.officialLabels", equalTo(List.of("en")));
        given().header("Accept-Language", "de").get("/api/v1/categories").then().statusCode(200)
                .header("Content-Language", "en").body("find { it.code == 'C9' }.label", equalTo("Media"));

        // a later call publishes another set: the existing edition keeps the criteria it was created with
        sql("INSERT INTO review_criterion (field, name, question, sort_order) VALUES ('later', 'Later', 'Added later?', 99)");
        try {
            given().get("/api/v1/review-criteria").then().body("field", hasItem("later"));
            // no translation of a text nobody translated: English, and the other languages null
            given().header("Accept-Language", "ru").get("/api/v1/review-criteria").then()
                    .body("find { it.field == 'later' }.label", equalTo("Later"))
                    .body("find { it.field == 'later' }.labels.ru", org.hamcrest.Matchers.nullValue());
            given().get("/api/v1/editions/" + year + "/review-criteria").then().body("field", equalTo(ITU_CRITERIA));
        } finally {
            sql("DELETE FROM review_criterion WHERE field = 'later'");
        }
        given().get("/api/v1/editions/" + (year + 1_000_000) + "/review-criteria").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theShortDescriptionIs150To200EnglishWords() {
        int year = newYear();
        createEdition(year, 1);
        String owner = "owner-" + UUID.randomUUID();
        UUID entry = eligibleEntry(owner, "Library Board", "Reading rooms " + UUID.randomUUID(), "C3");

        as(owner).body(Map.of("entryId", entry, "category", "C3", "summary", "A short text of only twelve words about our reading rooms here."))
                .post(submissions(year)).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:wsis:problem:short-description"))
                .body("errors[0].field", equalTo("summary")).body("errors[0].message", containsString("it has 12 words"));
        String tooLong = TestSummaries.english("Reading rooms") + " " + "More words about the rooms and their readers. ".repeat(5);
        as(owner).body(Map.of("entryId", entry, "category", "C3", "summary", tooLong))
                .post(submissions(year)).then().statusCode(422).body("detail", containsString("ITU's rules ask for 150 to 200 words"));
        as(owner).body(Map.of("entryId", entry, "category", "C3", "summary", french()))
                .post(submissions(year)).then().statusCode(422).body("errors[0].message", equalTo("must be written in English"));
        as(owner).body(Map.of("entryId", entry, "category", "C3", "summary", spanish()))
                .post(submissions(year)).then().statusCode(422).body("errors[0].message", equalTo("must be written in English"));
        assertEquals(0L, count("SELECT count(*) FROM submission WHERE entry_id = '" + entry + "'"), "refusals store nothing");

        String id = as(owner).body(Map.of("entryId", entry, "category", "C3", "summary", TestSummaries.english("Reading rooms")))
                .post(submissions(year)).then().statusCode(201).extract().path("id");
        String etag = as(owner).get(submissions(year) + "/" + id).then().extract().header("ETag");
        as(owner).header("If-Match", etag).body(Map.of("category", "C3", "summary", "Too short now."))
                .put(submissions(year) + "/" + id).then().statusCode(422).body("errors[0].message", containsString("it has 3 words"));
    }

    @Test
    void aProjectThatWonInAnEarlierEditionCannotBeSubmittedAgain() {
        int year = newYear();
        int earlier = year - 1;
        String org = "ITU Health " + UUID.randomUUID();
        String title = "Telemedicine " + UUID.randomUUID();
        String owner = "owner-" + UUID.randomUUID();
        UUID winnerEntry = eligibleEntry(owner, org, title, "C7.E-HEALTH");
        // the earlier edition, its results published with this entry as the winner of C7.E-HEALTH
        sql("""
                INSERT INTO edition (year, submission_opens, review_opens, nomination_opens, voting_opens, results_open, results_published_at)
                VALUES (%d, '2020-01-01T00:00:00Z', '2020-02-01T00:00:00Z', '2020-03-01T00:00:00Z', '2020-04-01T00:00:00Z', '2020-05-01T00:00:00Z', '2020-06-01T00:00:00Z')""".formatted(earlier));
        UUID won = UUID.randomUUID();
        sql("""
                INSERT INTO submission (id, edition_year, entry_id, category, owner_id, organisation, title, summary, status, submitted_at, updated_at)
                VALUES ('%s', %d, '%s', 'C7.E-HEALTH', '%s', '%s', '%s', 'x', 'NOMINATED', now(), now())""".formatted(won, earlier, winnerEntry, owner, org, title));
        sql("INSERT INTO prize_result (edition_year, submission_id, category, outcome, votes) VALUES (%d, '%s', 'C7.E-HEALTH', 'WINNER', 10)"
                .formatted(earlier, won));
        createEdition(year, 1);

        as(owner).body(Map.of("entryId", winnerEntry, "category", "C7.E-HEALTH", "summary", TestSummaries.english("Telemedicine")))
                .post(submissions(year)).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:wsis:problem:previous-winner"))
                .body("detail", containsString("edition " + earlier)).body("errors[0].field", equalTo("entryId"));
        // the same project as a new entry, its organisation and title spelt differently (case, zero-width space, spaces)
        String disguisedOrg = org.replace("ITU", "I\u200BTU").toLowerCase() + " ";
        UUID again = eligibleEntry(owner, disguisedOrg, title.toUpperCase().replace(" ", "  "), "C7.E-HEALTH");
        as(owner).body(Map.of("entryId", again, "category", "C7.E-HEALTH", "summary", TestSummaries.english("Telemedicine")))
                .post(submissions(year)).then().statusCode(422).body("detail", containsString("edition " + earlier));
        // another project of the same organisation is welcome
        UUID other = eligibleEntry(owner, org, "Another project " + UUID.randomUUID(), "C7.E-HEALTH");
        as(owner).body(Map.of("entryId", other, "category", "C7.E-HEALTH", "summary", TestSummaries.english("Another project")))
                .post(submissions(year)).then().statusCode(201);
        assertEquals(0L, count("SELECT count(*) FROM submission WHERE edition_year = %d AND entry_id IN ('%s', '%s')"
                .formatted(year, winnerEntry, again)));
    }

    @Test
    void editionsHaveTheirOwnCategoriesAndSpecialPrizesFrozenAtVoting() {
        int year = newYear();
        createEdition(year, 1);
        String categories = "/api/v1/editions/" + year + "/categories";
        given().get(categories).then().statusCode(200).body("size()", equalTo(18)).body("kind", everyItem(equalTo("ACTION_LINE")));

        as(ADMIN).body(Map.of("name", "Healthy Ageing Innovation Prize")).put(categories + "/SP.HEALTHY-AGEING")
                .then().statusCode(201).body("kind", equalTo("SPECIAL_PRIZE"));
        as(ADMIN).body(Map.of("name", "Healthy Ageing Innovation Prize", "description", "Since 2021"))
                .put(categories + "/SP.HEALTHY-AGEING").then().statusCode(200).body("description", equalTo("Since 2021"));
        as("someone").body(Map.of("name", "Mine")).put(categories + "/SP.MINE").then().statusCode(403);
        as(ADMIN).body(Map.of("name", "Lower case")).put(categories + "/sp.lower").then().statusCode(400)
                .contentType("application/problem+json");
        as(ADMIN).body(Map.of("name", "Not an action line")).put(categories + "/C1").then().statusCode(400);
        as(ADMIN).body(Map.of("name", "Digital Service Design Prize")).put(categories + "/SP.DIGITAL-SERVICE-DESIGN").then().statusCode(201);
        given().get(categories).then().statusCode(200).body("size()", equalTo(20))
                .body("[18].code", equalTo("SP.HEALTHY-AGEING")).body("[19].code", equalTo("SP.DIGITAL-SERVICE-DESIGN"));
        int otherYear = newYear();
        createEdition(otherYear, 1);
        given().get("/api/v1/editions/" + otherYear + "/categories").then().body("size()", equalTo(18));

        // issue 21: a category in two languages, chosen by Accept-Language, every language at once in translations
        as(ADMIN).body(Map.of("title", "Prix de l'innovation pour le vieillissement en bonne santé", "description", "Depuis 2021",
                        "origin", "HUMAN")).put(categories + "/SP.HEALTHY-AGEING/translations/fr")
                .then().statusCode(200).body("name", equalTo("Healthy Ageing Innovation Prize"))
                .body("translations.fr.origin", equalTo("HUMAN"));
        as(ADMIN).body(Map.of("title", "x", "origin", "MACHINE")).put(categories + "/SP.HEALTHY-AGEING/translations/de")
                .then().statusCode(400).contentType("application/problem+json");
        as(ADMIN).body(Map.of("title", "x", "origin", "MACHINE")).put(categories + "/SP.HEALTHY-AGEING/translations/en")
                .then().statusCode(422).contentType("application/problem+json");
        as("someone").body(Map.of("title", "x", "origin", "MACHINE")).put(categories + "/SP.HEALTHY-AGEING/translations/es")
                .then().statusCode(403);
        given().header("Accept-Language", "fr-FR").get(categories).then().statusCode(200)
                .body("find { it.code == 'SP.HEALTHY-AGEING' }.name", equalTo("Prix de l'innovation pour le vieillissement en bonne santé"))
                .body("find { it.code == 'SP.HEALTHY-AGEING' }.language", equalTo("fr"))
                .body("find { it.code == 'SP.HEALTHY-AGEING' }.originalLanguage", equalTo("en"))
                .body("find { it.code == 'SP.HEALTHY-AGEING' }.description", equalTo("Depuis 2021"))
                .body("find { it.code == 'C3' }.language", equalTo("en")); // no French for it: English
        given().get(categories).then().body("find { it.code == 'SP.HEALTHY-AGEING' }.name", equalTo("Healthy Ageing Innovation Prize"));

        // any eligible entry may enter a special prize; an unknown special prize is refused
        String owner = "owner-" + UUID.randomUUID();
        UUID entry = eligibleEntry(owner, "Elder Care Network", "Tablets for elders " + UUID.randomUUID(), "C3");
        as(owner).body(Map.of("entryId", entry, "category", "SP.UNKNOWN", "summary", TestSummaries.english("Tablets")))
                .post(submissions(year)).then().statusCode(422).body("errors[0].field", equalTo("category"));
        as(owner).body(Map.of("entryId", entry, "category", "SP.HEALTHY-AGEING", "summary", TestSummaries.english("Tablets")))
                .post(submissions(otherYear)).then().statusCode(422).body("errors[0].field", equalTo("category"));
        String submission = as(owner).body(Map.of("entryId", entry, "category", "SP.HEALTHY-AGEING", "summary", TestSummaries.english("Tablets")))
                .post(submissions(year)).then().statusCode(201).body("category", equalTo("SP.HEALTHY-AGEING")).extract().path("id");
        as(ADMIN).delete(categories + "/SP.HEALTHY-AGEING").then().statusCode(409); // it has a submission
        as(ADMIN).delete(categories + "/SP.DIGITAL-SERVICE-DESIGN").then().statusCode(204);
        given().get(categories).then().body("size()", equalTo(19));

        // nominated, voted for and counted under the special prize; once voting opens the categories are frozen
        movePhase(year, 3);
        as(ADMIN).put("/api/v1/editions/" + year + "/nominees/" + submission).then().statusCode(200);
        as(ADMIN).post("/api/v1/editions/" + year + "/nominees/announce").then().statusCode(200);
        given().get("/api/v1/editions/" + year + "/nominees?category=SP.HEALTHY-AGEING").then().statusCode(200)
                .body("size()", equalTo(1));
        movePhase(year, 4);
        given().auth().oauth2(TestTokens.voter("voter-sp-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("submissionId", submission)).post("/api/v1/editions/" + year + "/votes")
                .then().statusCode(201).body("category", equalTo("SP.HEALTHY-AGEING"));
        as(ADMIN).get("/api/v1/editions/" + year + "/tallies").then().statusCode(200)
                .body("find { it.category == 'SP.HEALTHY-AGEING' }.votes", equalTo(1));
        as(ADMIN).body(Map.of("name", "Too late")).put(categories + "/SP.LATE").then().statusCode(409)
                .body("type", equalTo("urn:wsis:problem:rules-frozen"));
        as(ADMIN).body(Map.of("name", "Renamed")).put(categories + "/SP.HEALTHY-AGEING").then().statusCode(409);
        given().get(categories).then().body("size()", equalTo(19)).body("[18].name", equalTo("Healthy Ageing Innovation Prize"));
    }

    @Test
    void reviewersAreKnownUsersAndConflictsCompareOrganisationIdentities() {
        int year = newYear();
        createEdition(year, 1);
        String owner = "owner-" + UUID.randomUUID();
        UUID entry = eligibleEntry(owner, "ITU", "Connect schools " + UUID.randomUUID(), "C2");
        String submission = as(owner).body(Map.of("entryId", entry, "category", "C2", "summary", TestSummaries.english("Connect schools")))
                .post(submissions(year)).then().statusCode(201).extract().path("id");
        String reviews = "/api/v1/editions/" + year + "/reviews";

        String reviewerId = "reviewer-" + UUID.randomUUID();
        as(ADMIN).body(Map.of("submissionId", submission, "reviewerId", reviewerId, "organisation", "UNESCO"))
                .post(reviews).then().statusCode(422).body("type", equalTo("urn:wsis:problem:unknown-reviewer"))
                .body("errors[0].field", equalTo("reviewerId"));
        as("plain-" + UUID.randomUUID()).post("/api/v1/reviewers/me").then().statusCode(403); // not a reviewer
        as(TestTokens.token(reviewerId, "wsis-frontend", "prize-reviewer")).post("/api/v1/reviewers/me").then().statusCode(200)
                .body("userId", equalTo(reviewerId));
        as(ADMIN).get("/api/v1/reviewers?size=100").then().statusCode(200).header("X-Total-Count", not(equalTo("0")));
        assertEquals(1L, count("SELECT count(*) FROM prize_reviewer WHERE user_id = '" + reviewerId + "'"));
        as(owner).get("/api/v1/reviewers").then().statusCode(403);

        // "ITU" behind a zero-width space, in full-width letters, with a no-break space: the same organisation
        for (String disguised : List.of("I\u200BTU", "\uFF29\uFF34\uFF35", " itu\u00A0", "I\u2060T\u00ADU")) {
            as(ADMIN).body(Map.of("submissionId", submission, "reviewerId", reviewerId, "organisation", disguised))
                    .post(reviews).then().statusCode(422).body("type", equalTo("urn:wsis:problem:conflict-of-interest"));
        }
        as(ADMIN).body(Map.of("submissionId", submission, "reviewerId", reviewerId, "organisation", "UNESCO"))
                .post(reviews).then().statusCode(201);
        assertEquals(1L, count("SELECT count(*) FROM review WHERE submission_id = '" + submission + "'"));
    }

    @Test
    void entryEditsAndWithdrawalsInStocktakingReachTheSubmission() throws Exception {
        int year = newYear();
        createEdition(year, 1);
        String owner = "owner-" + UUID.randomUUID();
        UUID entry = UUID.randomUUID();
        send(entry, entryEvent("published", UUID.randomUUID().toString(), entry, owner, "Solar kiosks", "Energy Agency"));
        await(() -> given().get("/api/v1/eligible-entries/" + entry).statusCode() == 200, "the entry is eligible");
        String submission = as(owner).body(Map.of("entryId", entry, "category", "C2", "summary", TestSummaries.english("Solar kiosks")))
                .post(submissions(year)).then().statusCode(201).extract().path("id");
        String path = submissions(year) + "/" + submission;

        String editId = UUID.randomUUID().toString();
        send(entry, entryEvent("updated", editId, entry, owner, "Solar kiosks for villages", "National Energy Agency"));
        await(() -> "Solar kiosks for villages".equals(as(owner).get(path).then().extract().path("title")), "the edit reached the submission");
        as(owner).get(path).then().body("organisation", equalTo("National Energy Agency"));
        given().get("/api/v1/eligible-entries/" + entry).then().body("title", equalTo("Solar kiosks for villages"));

        // a redelivery of the same edit (same event id) with other content changes nothing
        send(entry, entryEvent("updated", editId, entry, owner, "Altered by a duplicate", "Someone else"));
        UUID marker = UUID.randomUUID();
        send(marker, entryEvent("published", UUID.randomUUID().toString(), marker, owner, "Marker", "Marker Org"));
        await(() -> given().get("/api/v1/eligible-entries/" + marker).statusCode() == 200, "the marker was consumed");
        as(owner).get(path).then().body("title", equalTo("Solar kiosks for villages"));
        assertEquals(1L, count("SELECT count(*) FROM processed_event WHERE event_id = '" + editId + "'"));

        // archived in stocktaking: the submission is withdrawn
        send(entry, envelope("withdrawn", UUID.randomUUID().toString(), entry,
                EventContracts.example("stocktaking-service", "entry-withdrawn.v1").put("entryId", entry.toString())));
        await(() -> "WITHDRAWN".equals(as(owner).get(path).then().extract().path("status")), "the submission was withdrawn");
        given().get("/api/v1/eligible-entries/" + entry).then().statusCode(404);
    }

    // --- helpers ---

    /** stocktaking's own example of entry.published / entry.updated (never a payload written here), for this entry. */
    private static String entryEvent(String kind, String eventId, UUID entryId, String owner, String title, String organisation) {
        return envelope(kind, eventId, entryId, EventContracts.example("stocktaking-service", "entry-" + kind + ".v1")
                .put("entryId", entryId.toString()).put("ownerId", owner).put("title", title).put("organisation", organisation));
    }

    private static String envelope(String kind, String eventId, UUID entryId, ObjectNode data) {
        return EventContracts.cloudEvent("/wsis/stocktaking-service", "org.wsis.stocktaking.entry." + kind + ".v1", eventId,
                entryId.toString(), data);
    }

    private void send(UUID key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>("stocktaking.entries", key.toString(), value);
            record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes());
            producer.send(record).get();
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        org.awaitility.Awaitility.await(what).atMost(java.time.Duration.ofSeconds(30)).pollInSameThread().until(condition::getAsBoolean);
    }

    private static String french() {
        return ("Le projet apporte des services numériques aux personnes qui sont restées à l'écart de la société de "
                + "l'information. Il a commencé dans les districts ruraux, où la communauté a choisi les services dont "
                + "elle avait le plus besoin et a formé ses propres bénévoles pour les gérer. ").repeat(4);
    }

    private static String spanish() {
        return ("El proyecto lleva servicios digitales a las personas que han quedado al margen de la sociedad de la "
                + "informacion. Comenzo en los distritos rurales, donde la comunidad eligio los servicios que mas "
                + "necesitaba y formo a sus propios voluntarios para gestionarlos con sus socios. ").repeat(4);
    }

    /**
     * A control character in a category translation's title or description (PostgreSQL refuses NUL in text and jsonb)
     * is a 400 problem naming the field, the rule of every service's translations (commons NewTranslation); nothing changes.
     */
    @Test
    void aControlCharacterInATranslationIsRefusedNamingTheFieldAndChangesNothing() {
        int year = newYear();
        createEdition(year, 1);
        String categories = "/api/v1/editions/" + year + "/categories";
        String before = given().get(categories).asString();
        for (String[] bad : new String[][]{{"title", "Prix\u0000", "Depuis 2021"}, {"title", "Prix\u0007", "Depuis 2021"},
                {"description", "Prix", "Depuis\u00002021"}, {"description", "Prix", "Depuis\u001b2021"}}) {
            var answer = as(ADMIN).body(Map.of("title", bad[1], "description", bad[2], "origin", "HUMAN")).put(categories + "/C3/translations/fr");
            answer.then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(bad[0]))
                    .body("errors[0].message", equalTo("must not contain control characters"));
        }
        assertEquals(before, given().get(categories).asString());
    }

    /**
     * Commons PlainText, the rule of every free-text field: a NUL, BEL or C1 control (U+0085) in a special prize's name
     * or a submission's summary is a 400 naming the field and stores nothing; line breaks in a summary and an Arabic
     * name with a zero-width non-joiner (U+200C) are text.
     */
    @Test
    void controlCharactersInNamesAndSummariesAreRefusedNamingTheFieldAndStoreNothing() {
        int year = newYear();
        createEdition(year, 1);
        String categories = "/api/v1/editions/" + year + "/categories";
        String before = given().get(categories).asString();
        for (String name : List.of("Ageing\u0000Prize", "Ageing\u0007Prize", "Ageing\u0085Prize")) {
            as(ADMIN).body(Map.of("name", name)).put(categories + "/SP.AGEING").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", equalTo(List.of("name")))
                    .body("errors[0].message", equalTo("must not contain control characters"));
        }
        as(ADMIN).body(Map.of("name", "Ageing Prize", "description", "Since\t2021")).put(categories + "/SP.AGEING")
                .then().statusCode(400).body("errors.field", equalTo(List.of("description")));
        assertEquals(before, given().get(categories).asString());
        as(ADMIN).body(Map.of("name", "جائزة الشيخوخة\u200Cالصحية", "description", "منذ 2021\nلكل المناطق", "language", "ar"))
                .put(categories + "/SP.AGEING").then().statusCode(201).body("name", equalTo("جائزة الشيخوخة\u200Cالصحية"))
                .body("description", equalTo("منذ 2021\nلكل المناطق"));

        String owner = "owner-" + UUID.randomUUID();
        UUID entry = eligibleEntry(owner, "Village Network", "Village networks " + UUID.randomUUID(), "C2");
        as(owner).body(Map.of("entryId", entry, "category", "C2", "summary", TestSummaries.english("Village\u0000networks")))
                .post(submissions(year)).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("summary")));
        assertEquals(0L, count("SELECT count(*) FROM submission WHERE entry_id = '" + entry + "'"));
        String paragraphs = TestSummaries.english("Village networks").replace(". ", ".\r\n\r\n");
        as(owner).body(Map.of("entryId", entry, "category", "C2", "summary", paragraphs))
                .post(submissions(year)).then().statusCode(201).body("summary", equalTo(paragraphs));
    }

    private int newYear() {
        return VotingEditions.freeYear(entityManager, 3001, 9000);
    }

    private void createEdition(int year, int phase) {
        as(ADMIN).body(phaseDates(phase)).put("/api/v1/editions/" + year).then().statusCode(201);
    }

    private void movePhase(int year, int phase) {
        String etag = given().get("/api/v1/editions/" + year).then().extract().header("ETag");
        as(ADMIN).header("If-Match", etag).body(phaseDates(phase)).put("/api/v1/editions/" + year).then().statusCode(200);
    }

    private static Map<String, Object> phaseDates(int phase) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime[] starts = new OffsetDateTime[5];
        for (int i = 1; i <= 5; i++) {
            starts[i - 1] = now.plusDays((i - phase) * 10L - 1);
        }
        return Map.of("submissionOpens", starts[0].toString(), "reviewOpens", starts[1].toString(),
                "nominationOpens", starts[2].toString(), "votingOpens", starts[3].toString(),
                "resultsOpen", starts[4].toString(),
                "changeReason", "the test moves its rehearsal edition through its phases");
    }

    private UUID eligibleEntry(String owner, String organisation, String title, String... actionLines) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        INSERT INTO eligible_entry (entry_id, owner_id, title, organisation, action_lines, published_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, now())""")
                .setParameter(1, id).setParameter(2, owner).setParameter(3, title).setParameter(4, organisation)
                .setParameter(5, actionLines).executeUpdate());
        return id;
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(statement).executeUpdate());
    }

    private long count(String sql) {
        return ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue();
    }

    private static RequestSpecification as(String subjectOrToken) {
        String token = subjectOrToken.contains(".") ? subjectOrToken : TestTokens.token(subjectOrToken, "wsis-frontend");
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String submissions(int year) {
        return "/api/v1/editions/" + year + "/submissions";
    }
}
