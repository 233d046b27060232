package org.wsis.e2e;

import org.wsis.localstack.testing.PrizeTexts;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.RealmTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract, enforced: every operation of the gateway's merged OpenAPI document is called at least once
 * through the gateway by a caller allowed to use it, on data created through the API, and every response is
 * validated against the document ({@link ContractValidation}, installed by {@link SharedPlatform#gateway()}).
 * <p>
 * The calls are data: {@link #CALLS}, one {@link Call} per step, in order (later steps use what earlier ones
 * created). A new operation gets a step here: the test fails on any operation of the document no step calls.
 * A prize edition goes through all its phases (a rehearsal year, whose dates may be moved on the real clock), a
 * forum edition through proposals, registration, sign-up and check-in, an agency batch through upload and its
 * report; SDMX is read here through the same filter (the SDMX client library reads it in SdmxClientEndToEndTest).
 */
@Tag("integration")
class ApiContractTest {

    /**
     * One step: who calls (a realm user, or an agency client named {@code agency-...}), and the request (assert its
     * status; the contract is checked by the filter).
     */
    /** A short description prizes accepts (ITU's rules: 150 to 200 English words). */
    static final String SUMMARY = PrizeTexts.SHORT_DESCRIPTION;

    static final String IDI_METHODOLOGY = """
            {"id": "CONTRACT-%s", "name": "Contract test index", "official": false, "scale": 10,
             "pillars": [{"code": "USE", "name": "Use", "weight": 1, "components": [
               {"indicator": "IT_USE_ii99", "weight": 1, "transform": "LINEAR", "referenceValue": 100}]}]}""";

    record Call(String name, String user, java.util.function.BiConsumer<RequestSpecification, Map<String, String>> request) {
    }

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** A person made for this run (TestPeople), who erases their data: the realm's test users stay as they are. */
    private static final String PERSON = "contract-person-" + RUN;
    private static final String ENTRY = """
            {"title": "Contract check %s", "description": "School connectivity in rural districts.",
             "organisation": "Ministry of ICT", "actionLines": ["C2"]}""".formatted(RUN);

    /** The realm's reviewer (fixed id, see deploy/keycloak/README.md). */
    private static final String REVIEWER_ID = "0a1b2c3d-0000-4000-8000-000000000005";
    private static final String REGISTRATION = """
            {"attendance": "%s", "fullName": "Contract Tester", "organisation": "Contract Org",
             "stakeholderType": "CIVIL_SOCIETY", "country": "KEN", "consent": true}""";

    static final List<Call> CALLS = List.of(
            // --- stocktaking: reference data and search (public)
            new Call("action lines", null, (r, v) -> r.get("/api/stocktaking/v1/reference/action-lines").then().statusCode(200)),
            new Call("sdgs", null, (r, v) -> r.get("/api/stocktaking/v1/reference/sdgs").then().statusCode(200)),
            new Call("sdg targets", null, (r, v) -> r.header("Accept-Language", "zh").get("/api/stocktaking/v1/reference/sdg-targets").then().statusCode(200)),
            new Call("stakeholder types", null, (r, v) -> r.get("/api/stocktaking/v1/reference/stakeholder-types").then().statusCode(200)),
            new Call("target groups", null, (r, v) -> r.get("/api/stocktaking/v1/reference/target-groups").then().statusCode(200)),
            new Call("regions", null, (r, v) -> r.get("/api/stocktaking/v1/reference/regions").then().statusCode(200)),
            new Call("countries", null, (r, v) -> r.get("/api/stocktaking/v1/reference/countries").then().statusCode(200)),
            // --- stocktaking: an entry through its life
            new Call("create entry", "editor", (r, v) -> v.put("entry", r.contentType(ContentType.JSON).body(ENTRY)
                    .post("/api/stocktaking/v1/entries").then().statusCode(201).extract().path("id"))),
            new Call("get entry (owner)", "editor", (r, v) -> {
                var read = r.get("/api/stocktaking/v1/entries/" + v.get("entry")).then().statusCode(200).extract();
                v.put("etag", read.header("ETag"));
                v.put("entryRead", read.asString());
            }),
            // the representation read with GET goes back with PUT, one field changed (issue 15)
            new Call("replace entry", "editor", (r, v) -> v.put("etag", r.contentType(ContentType.JSON).header("If-Match", v.get("etag"))
                    .body(v.get("entryRead").replace("rural districts", "rural districts and towns"))
                    .put("/api/stocktaking/v1/entries/" + v.get("entry")).then().statusCode(200)
                    .body("description", org.hamcrest.Matchers.containsString("rural districts and towns")).extract().header("ETag"))),
            new Call("patch entry", "editor", (r, v) -> r.contentType("application/merge-patch+json").header("If-Match", v.get("etag"))
                    .body("{\"partners\": [\"UNESCO\"]}")
                    .patch("/api/stocktaking/v1/entries/" + v.get("entry")).then().statusCode(200)
                    .body("partners", org.hamcrest.Matchers.contains("UNESCO"))),
            new Call("my entries", "editor", (r, v) -> r.get("/api/stocktaking/v1/entries/mine").then().statusCode(200)),
            new Call("submit entry", "editor", (r, v) -> r.post("/api/stocktaking/v1/entries/" + v.get("entry") + "/submit").then().statusCode(200)),
            new Call("moderation queue", "moderator", (r, v) -> r.get("/api/stocktaking/v1/moderation/queue").then().statusCode(200)),
            new Call("publish entry", "moderator", (r, v) -> r.post("/api/stocktaking/v1/entries/" + v.get("entry") + "/publish").then().statusCode(200)),
            // issue 21: a translation of the published entry, moderated (approved, then another turned down)
            new Call("translate entry", "editor", (r, v) -> r.contentType(ContentType.JSON)
                    .header("If-Match", SharedPlatform.gateway().get("/api/stocktaking/v1/entries/" + v.get("entry")).header("ETag"))
                    .body("{\"title\": \"Vérification du contrat\", \"description\": \"Connectivité des écoles.\", \"origin\": \"HUMAN\"}")
                    .put("/api/stocktaking/v1/entries/" + v.get("entry") + "/translations/fr").then().statusCode(200)),
            new Call("publish entry translation", "moderator", (r, v) -> r.post("/api/stocktaking/v1/entries/" + v.get("entry")
                    + "/translations/fr/publish").then().statusCode(200)),
            new Call("get entry in french", null, (r, v) -> r.header("Accept-Language", "fr").get("/api/stocktaking/v1/entries/" + v.get("entry"))
                    .then().statusCode(200).header("Content-Language", "fr").body("translations.fr.origin", org.hamcrest.Matchers.equalTo("HUMAN"))),
            new Call("machine translation", "editor", (r, v) -> r.contentType(ContentType.JSON)
                    .header("If-Match", SharedPlatform.gateway().get("/api/stocktaking/v1/entries/" + v.get("entry")).header("ETag"))
                    .body("{\"title\": \"Verificación\", \"description\": \"Conectividad.\", \"origin\": \"MACHINE\"}")
                    .put("/api/stocktaking/v1/entries/" + v.get("entry") + "/translations/es").then().statusCode(200)),
            new Call("return entry translation", "moderator", (r, v) -> r.contentType(ContentType.JSON).body("{\"comment\": \"Please check the terms\"}")
                    .post("/api/stocktaking/v1/entries/" + v.get("entry") + "/translations/es/return").then().statusCode(200)),
            new Call("bad translation language", "editor", (r, v) -> r.contentType(ContentType.JSON).header("If-Match", "*")
                    .body("{\"title\": \"x\", \"description\": \"y\", \"origin\": \"HUMAN\"}")
                    .put("/api/stocktaking/v1/entries/" + v.get("entry") + "/translations/de").then().statusCode(400)),
            new Call("mark success story", "moderator", (r, v) -> r.put("/api/stocktaking/v1/entries/" + v.get("entry") + "/success-story").then().statusCode(200)),
            new Call("success stories", null, (r, v) -> r.get("/api/stocktaking/v1/reports/success-stories").then().statusCode(200)),
            new Call("unmark success story", "moderator", (r, v) -> r.delete("/api/stocktaking/v1/entries/" + v.get("entry") + "/success-story").then().statusCode(200)),
            new Call("revisions", "editor", (r, v) -> r.get("/api/stocktaking/v1/entries/" + v.get("entry") + "/revisions").then().statusCode(200)),
            new Call("get entry (public)", null, (r, v) -> r.get("/api/stocktaking/v1/entries/" + v.get("entry")).then().statusCode(200)),
            new Call("published entries", null, (r, v) -> r.get("/api/stocktaking/v1/entries?size=5").then().statusCode(200)),
            new Call("search", null, (r, v) -> r.get("/api/stocktaking/v1/search?q=connectivity&actionLine=C2&size=5").then().statusCode(200)),
            new Call("export json", null, (r, v) -> r.get("/api/stocktaking/v1/search/export?format=json&q=" + RUN).then().statusCode(200)),
            new Call("export csv", null, (r, v) -> r.get("/api/stocktaking/v1/search/export?q=" + RUN).then().statusCode(200)),
            new Call("report", null, (r, v) -> r.get("/api/stocktaking/v1/reports/stocktaking").then().statusCode(200)),
            new Call("second entry", "editor", (r, v) -> v.put("entry2", r.contentType(ContentType.JSON).body(ENTRY)
                    .post("/api/stocktaking/v1/entries").then().statusCode(201).extract().path("id"))),
            new Call("submit second", "editor", (r, v) -> r.post("/api/stocktaking/v1/entries/" + v.get("entry2") + "/submit").then().statusCode(200)),
            new Call("return entry", "moderator", (r, v) -> r.contentType(ContentType.JSON).body("{\"comment\": \"Please add the districts\"}")
                    .post("/api/stocktaking/v1/entries/" + v.get("entry2") + "/return").then().statusCode(200)),
            new Call("archive entry", "moderator", (r, v) -> r.post("/api/stocktaking/v1/entries/" + v.get("entry2") + "/archive").then().statusCode(200)),
            new Call("restore entry", "moderator", (r, v) -> r.contentType(ContentType.JSON).body("{\"comment\": \"Archived by mistake\"}")
                    .post("/api/stocktaking/v1/entries/" + v.get("entry2") + "/restore").then().statusCode(200)),
            new Call("moderator note", "moderator", (r, v) -> r.contentType(ContentType.JSON).body("{\"text\": \"Checked the links\"}")
                    .post("/api/stocktaking/v1/entries/" + v.get("entry2") + "/moderator-notes").then().statusCode(201)),
            new Call("moderator notes", "moderator", (r, v) -> r.get("/api/stocktaking/v1/entries/" + v.get("entry2") + "/moderator-notes")
                    .then().statusCode(200)),
            // --- stocktaking: refusals are problems too
            new Call("unknown entry", null, (r, v) -> r.get("/api/stocktaking/v1/entries/" + UUID.randomUUID()).then().statusCode(404)),
            new Call("invalid entry", "editor", (r, v) -> r.contentType(ContentType.JSON).body("{\"title\": \"\"}")
                    .post("/api/stocktaking/v1/entries").then().statusCode(400)),
            new Call("no role", "visitor", (r, v) -> r.get("/api/stocktaking/v1/moderation/queue").then().statusCode(403)),
            // --- prizes (public reads)
            new Call("prize categories", null, (r, v) -> r.get("/api/prizes/v1/categories").then().statusCode(200)),
            new Call("prize editions", null, (r, v) -> r.get("/api/prizes/v1/editions").then().statusCode(200)),
            new Call("prize edition unknown", null, (r, v) -> r.get("/api/prizes/v1/editions/2013").then().statusCode(404)),
            new Call("review criteria", null, (r, v) -> r.get("/api/prizes/v1/review-criteria").then().statusCode(200)),
            new Call("eligible entries", null, (r, v) -> r.get("/api/prizes/v1/eligible-entries?size=5").then().statusCode(200)),
            new Call("eligible entry", null, (r, v) -> org.awaitility.Awaitility.await("entry reaching prizes")
                    .atMost(java.time.Duration.ofSeconds(20)).pollInterval(java.time.Duration.ofMillis(200))
                    .until(() -> r.get("/api/prizes/v1/eligible-entries/" + v.get("entry")).statusCode() == 200)),
            // --- prizes: a whole contest on a rehearsal edition (its dates are moved so that now is in each phase)
            new Call("create prize edition", "prize-admin", (r, v) -> {
                v.put("prize", "/api/prizes/v1/editions/" + findFreePrizeYear());
                r.contentType(ContentType.JSON).body(phaseDates(1)).put(v.get("prize")).then().statusCode(201);
            }),
            new Call("edition categories", null, (r, v) -> r.get(v.get("prize") + "/categories").then().statusCode(200)),
            new Call("add special prize", "prize-admin", (r, v) -> r.contentType(ContentType.JSON)
                    .body(Map.of("name", "Contract special prize", "description", "Added and removed by the contract test"))
                    .put(v.get("prize") + "/categories/SP.CONTRACT").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201))),
            new Call("translate edition category", "prize-admin", (r, v) -> r.contentType(ContentType.JSON)
                    .body(Map.of("title", "Prix spécial du contrat", "description", "Ajouté puis retiré", "origin", "MACHINE"))
                    .put(v.get("prize") + "/categories/SP.CONTRACT/translations/fr").then().statusCode(200)
                    .body("translations.fr.origin", org.hamcrest.Matchers.equalTo("MACHINE"))),
            new Call("remove special prize", "prize-admin", (r, v) -> r.delete(v.get("prize") + "/categories/SP.CONTRACT")
                    .then().statusCode(org.hamcrest.Matchers.oneOf(200, 204))),
            new Call("edition review criteria", null, (r, v) -> v.put("criteria", String.join(",",
                    r.get(v.get("prize") + "/review-criteria").then().statusCode(200).extract().jsonPath().getList("field", String.class)))),
            new Call("submit to prizes", "editor", (r, v) -> v.put("submission", r.contentType(ContentType.JSON)
                    .body(Map.of("entryId", v.get("entry"), "category", "C2", "summary", SUMMARY))
                    .post(v.get("prize") + "/submissions").then().statusCode(201).extract().path("id"))),
            new Call("my submissions", "editor", (r, v) -> r.get(v.get("prize") + "/submissions").then().statusCode(200)),
            new Call("get submission", "editor", (r, v) -> v.put("submissionEtag", r.get(v.get("prize") + "/submissions/" + v.get("submission"))
                    .then().statusCode(200).extract().header("ETag"))),
            new Call("update submission", "editor", (r, v) -> v.put("submissionEtag", r.contentType(ContentType.JSON)
                    .header("If-Match", v.get("submissionEtag"))
                    .body(Map.of("category", "C2", "summary", SUMMARY.replace("people", "citizens")))
                    .put(v.get("prize") + "/submissions/" + v.get("submission")).then().statusCode(200).extract().header("ETag"))),
            new Call("patch submission", "editor", (r, v) -> r.contentType("application/merge-patch+json")
                    .header("If-Match", v.get("submissionEtag")).body("{\"summary\": " + quoted(SUMMARY) + "}")
                    .patch(v.get("prize") + "/submissions/" + v.get("submission")).then().statusCode(200)),
            new Call("withdraw submission", "editor", (r, v) -> r.post(v.get("prize") + "/submissions/" + v.get("submission") + "/withdraw")
                    .then().statusCode(200)),
            new Call("submit again", "editor", (r, v) -> v.put("submission", r.contentType(ContentType.JSON)
                    .body(Map.of("entryId", v.get("entry"), "category", "C2", "summary", SUMMARY))
                    .post(v.get("prize") + "/submissions").then().statusCode(201).extract().path("id"))),
            new Call("prize review phase", "prize-admin", (r, v) -> movePrizePhase(r, v, 2)),
            new Call("reviewer signs in to prizes", "reviewer", (r, v) -> r.post("/api/prizes/v1/reviewers/me")
                    .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201))),
            new Call("prize reviewers", "prize-admin", (r, v) -> r.get("/api/prizes/v1/reviewers").then().statusCode(200)),
            new Call("assign reviewer", "prize-admin", (r, v) -> r.contentType(ContentType.JSON)
                    .body(Map.of("submissionId", v.get("submission"), "reviewerId", REVIEWER_ID, "organisation", "Reviewer Org"))
                    .post(v.get("prize") + "/reviews").then().statusCode(201)),
            new Call("reviews of a submission", "prize-admin", (r, v) -> r.get(v.get("prize") + "/reviews?submissionId=" + v.get("submission"))
                    .then().statusCode(200)),
            new Call("my reviews", "reviewer", (r, v) -> r.get(v.get("prize") + "/reviews/mine").then().statusCode(200)),
            new Call("score submission", "reviewer", (r, v) -> r.contentType(ContentType.JSON)
                    .body(Map.of("scores", java.util.Arrays.stream(v.get("criteria").split(","))
                                    .collect(java.util.stream.Collectors.toMap(field -> field, field -> 7)),
                            "comment", "Clear plan"))
                    .put(v.get("prize") + "/reviews/mine/" + v.get("submission")).then().statusCode(200)),
            new Call("prize nomination phase", "prize-admin", (r, v) -> movePrizePhase(r, v, 3)),
            new Call("nominate", "prize-admin", (r, v) -> r.put(v.get("prize") + "/nominees/" + v.get("submission")).then().statusCode(200)),
            new Call("unnominate", "prize-admin", (r, v) -> r.delete(v.get("prize") + "/nominees/" + v.get("submission")).then().statusCode(200)),
            new Call("nominate again", "prize-admin", (r, v) -> r.put(v.get("prize") + "/nominees/" + v.get("submission")).then().statusCode(200)),
            new Call("announce nominees", "prize-admin", (r, v) -> r.post(v.get("prize") + "/nominees/announce").then().statusCode(200)),
            new Call("nominees", null, (r, v) -> r.get(v.get("prize") + "/nominees").then().statusCode(200)),
            new Call("prize voting phase", "prize-admin", (r, v) -> movePrizePhase(r, v, 4)),
            new Call("vote", "voter", (r, v) -> r.contentType(ContentType.JSON).body(Map.of("submissionId", v.get("submission")))
                    .post(v.get("prize") + "/votes").then().statusCode(201)),
            new Call("my votes", "voter", (r, v) -> r.get(v.get("prize") + "/votes/mine").then().statusCode(200)),
            // the contract edition asks no vote for an e-mailed code (stepUp off, the default): the refusal is documented
            // (prizes-service StepUpTest sends real codes through a real SMTP server)
            new Call("vote step-up (edition without one)", "voter", (r, v) -> r.post(v.get("prize") + "/votes/step-up")
                    .then().statusCode(409)),
            new Call("tallies", "prize-admin", (r, v) -> r.get(v.get("prize") + "/tallies").then().statusCode(200)),
            new Call("screen votes", "prize-admin", (r, v) -> r.post(v.get("prize") + "/vote-audit/screen").then().statusCode(200)),
            new Call("search votes", "prize-admin", (r, v) -> v.put("voterId", r.get(v.get("prize") + "/vote-audit/votes")
                    .then().statusCode(200).extract().path("items[0].voterId"))),
            new Call("vote clusters", "prize-admin", (r, v) -> r.get(v.get("prize") + "/vote-audit/clusters?by=device").then().statusCode(200)),
            new Call("decide vote", "prize-admin", (r, v) -> r.contentType(ContentType.JSON)
                    .body(Map.of("category", "C2", "voterId", v.get("voterId"), "status", "VALID", "reason", "A known voter"))
                    .post(v.get("prize") + "/vote-audit/decisions").then().statusCode(200)),
            new Call("prize results phase", "prize-admin", (r, v) -> movePrizePhase(r, v, 5)),
            new Call("edition audit", "prize-admin", (r, v) -> r.get(v.get("prize") + "/audit").then().statusCode(200)),
            new Call("live standings", "prize-admin", (r, v) -> r.get(v.get("prize") + "/results").then().statusCode(200)),
            new Call("choose winner", "prize-admin", (r, v) -> r.contentType(ContentType.JSON).body(Map.of("submissionId", v.get("submission")))
                    .put(v.get("prize") + "/results/winners/C2").then().statusCode(200)),
            new Call("publish results", "prize-admin", (r, v) -> r.post(v.get("prize") + "/results/publish").then().statusCode(200)),
            new Call("published results", null, (r, v) -> r.get(v.get("prize") + "/results").then().statusCode(200)),
            new Call("vote ledger", null, (r, v) -> r.get(v.get("prize") + "/ledger").then().statusCode(200)),
            new Call("submission (public nominee)", null, (r, v) -> r.get(v.get("prize") + "/submissions/" + v.get("submission"))
                    .then().statusCode(200)),
            // --- forum
            new Call("forum editions", null, (r, v) -> r.get("/api/forum/v1/editions").then().statusCode(200)),
            new Call("create forum edition", "organizer", (r, v) -> {
                v.put("year", findFreeForumYear());
                r.contentType(ContentType.JSON).body("""
                        {"year": %s, "title": "WSIS Forum %s", "startsOn": "%s-05-05", "endsOn": "%s-05-08",
                         "venue": "Geneva", "hybrid": true}""".formatted(v.get("year"), v.get("year"), v.get("year"), v.get("year")))
                        .post("/api/forum/v1/editions").then().statusCode(201);
            }),
            new Call("forum edition", null, (r, v) -> v.put("editionEtag", r.get("/api/forum/v1/editions/" + v.get("year"))
                    .then().statusCode(200).extract().header("ETag"))),
            new Call("change forum edition", "organizer", (r, v) -> r.contentType(ContentType.JSON).header("If-Match", v.get("editionEtag"))
                    .body("""
                            {"title": "WSIS Forum %s (renamed)", "startsOn": "%s-05-05", "endsOn": "%s-05-08", "venue": "Geneva",
                             "format": "HYBRID", "reason": "contract"}""".formatted(v.get("year"), v.get("year"), v.get("year")))
                    .put("/api/forum/v1/editions/" + v.get("year")).then().statusCode(200)),
            new Call("forum participation by country", null, (r, v) -> r.get("/api/forum/v1/countries/KE/participation")
                    .then().statusCode(200)),
            new Call("agenda", null, (r, v) -> r.get("/api/forum/v1/editions/" + v.get("year") + "/sessions").then().statusCode(200)),
            new Call("agenda.ics", null, (r, v) -> r.get("/api/forum/v1/editions/" + v.get("year") + "/agenda.ics").then().statusCode(200)),
            // --- forum: a session, a participant's registration, badge and sign-up, the organizer's lists
            // ("admin" registers: a participant no other test registers)
            new Call("create session", "organizer", (r, v) -> v.put("session", r.contentType(ContentType.JSON).body("""
                    {"kind": "THEMATIC_WORKSHOP", "title": "Contract session %s", "description": "Rural connectivity",
                     "actionLines": ["C2"], "room": "Room B", "startsAt": "%s-05-06T09:00:00Z", "endsAt": "%s-05-06T10:30:00Z",
                     "speakers": ["A speaker"], "capacity": 5}""".formatted(RUN, v.get("year"), v.get("year")))
                    .post("/api/forum/v1/editions/" + v.get("year") + "/sessions").then().statusCode(201).extract().path("id"))),
            new Call("session", null, (r, v) -> v.put("sessionEtag", r.get("/api/forum/v1/sessions/" + v.get("session"))
                    .then().statusCode(200).extract().header("ETag"))),
            new Call("change session", "organizer", (r, v) -> r.contentType(ContentType.JSON).header("If-Match", v.get("sessionEtag"))
                    .body("""
                            {"title": "Contract session %s", "description": "Rural connectivity", "actionLines": ["C2"],
                             "room": "Room B", "onlineLink": "https://meet.example.org/contract", "startsAt": "%s-05-06T11:00:00Z",
                             "endsAt": "%s-05-06T12:30:00Z", "speakers": ["A speaker"], "capacity": 6, "reason": "contract"}"""
                            .formatted(RUN, v.get("year"), v.get("year")))
                    .put("/api/forum/v1/sessions/" + v.get("session")).then().statusCode(200)),
            new Call("translate session", "organizer", (r, v) -> r.contentType(ContentType.JSON)
                    .header("If-Match", SharedPlatform.gateway().get("/api/forum/v1/sessions/" + v.get("session")).header("ETag"))
                    .body("{\"title\": \"Séance du contrat\", \"description\": \"Connectivité rurale\", \"origin\": \"HUMAN\"}")
                    .put("/api/forum/v1/sessions/" + v.get("session") + "/translations/fr").then().statusCode(200)),
            new Call("session in french", null, (r, v) -> r.header("Accept-Language", "fr").get("/api/forum/v1/sessions/" + v.get("session"))
                    .then().statusCode(200).header("Content-Language", "fr")),
            new Call("register", "admin", (r, v) -> v.put("registration", r.contentType(ContentType.JSON).body(REGISTRATION.formatted("IN_PERSON"))
                    .post("/api/forum/v1/editions/" + v.get("year") + "/registrations/me").then().statusCode(201).extract().path("id"))),
            new Call("my registration", "admin", (r, v) -> r.get("/api/forum/v1/editions/" + v.get("year") + "/registrations/me")
                    .then().statusCode(200)),
            new Call("update registration", "admin", (r, v) -> r.contentType(ContentType.JSON).body(REGISTRATION.formatted("IN_PERSON")
                            .replace("Contract Tester", "Contract Tester Jr"))
                    .put("/api/forum/v1/editions/" + v.get("year") + "/registrations/me").then().statusCode(200)),
            // issue 20: accreditation before a badge
            new Call("approve registration", "organizer", (r, v) -> r.contentType(ContentType.JSON).body("{}")
                    .post("/api/forum/v1/registrations/" + v.get("registration") + "/approval").then().statusCode(200)),
            new Call("register (to be rejected)", "editor", (r, v) -> v.put("registration2", r.contentType(ContentType.JSON)
                    .body(REGISTRATION.formatted("REMOTE")).post("/api/forum/v1/editions/" + v.get("year") + "/registrations/me")
                    .then().statusCode(201).extract().path("id"))),
            new Call("reject registration", "organizer", (r, v) -> r.contentType(ContentType.JSON).body(Map.of("reason", "contract"))
                    .post("/api/forum/v1/registrations/" + v.get("registration2") + "/rejection").then().statusCode(200)),
            new Call("badge", "admin", (r, v) -> v.put("badge", r.get("/api/forum/v1/editions/" + v.get("year") + "/registrations/me/badge")
                    .then().statusCode(200).extract().path("code"))),
            new Call("check in", "organizer", (r, v) -> r.contentType(ContentType.JSON).body(Map.of("code", v.get("badge")))
                    .post("/api/forum/v1/editions/" + v.get("year") + "/check-ins").then().statusCode(200)),
            new Call("sign up", "admin", (r, v) -> r.post("/api/forum/v1/sessions/" + v.get("session") + "/signups").then().statusCode(201)),
            new Call("my sign-up", "admin", (r, v) -> r.get("/api/forum/v1/sessions/" + v.get("session") + "/signups/me").then().statusCode(200)),
            new Call("session check in", "organizer", (r, v) -> r.contentType(ContentType.JSON).body(Map.of("code", v.get("badge")))
                    .post("/api/forum/v1/sessions/" + v.get("session") + "/check-ins").then().statusCode(200)),
            // issue 20: a freed seat is offered to the first on the waitlist, who accepts or declines it. A waitlist here
            // needs more sign-ups than a session's pace lets through at once (forum's SignupConcurrencyTest and
            // RegistrationTest take the 200s), so these validate the documented 404 of someone with no sign-up there.
            new Call("register (no sign-up)", "organizer", (r, v) -> r.contentType(ContentType.JSON).body(REGISTRATION.formatted("REMOTE"))
                    .post("/api/forum/v1/editions/" + v.get("year") + "/registrations/me").then().statusCode(201)),
            new Call("accept seat offer (none)", "organizer", (r, v) -> r.post("/api/forum/v1/sessions/" + v.get("session")
                    + "/signups/me/acceptance").then().statusCode(404)),
            new Call("decline seat offer (none)", "organizer", (r, v) -> r.post("/api/forum/v1/sessions/" + v.get("session")
                    + "/signups/me/declination").then().statusCode(404)),
            new Call("attendees", "organizer", (r, v) -> r.get("/api/forum/v1/sessions/" + v.get("session") + "/attendees").then().statusCode(200)),
            new Call("attendees csv", "organizer", (r, v) -> r.get("/api/forum/v1/sessions/" + v.get("session") + "/attendees/export.csv")
                    .then().statusCode(200)),
            new Call("attendee counts", "organizer", (r, v) -> r.get("/api/forum/v1/sessions/" + v.get("session") + "/attendees/counts")
                    .then().statusCode(200)),
            new Call("registrations", "organizer", (r, v) -> r.get("/api/forum/v1/editions/" + v.get("year") + "/registrations")
                    .then().statusCode(200)),
            new Call("registrations csv", "organizer", (r, v) -> r.get("/api/forum/v1/editions/" + v.get("year") + "/registrations/export.csv")
                    .then().statusCode(200)),
            new Call("registration counts", "organizer", (r, v) -> r.get("/api/forum/v1/editions/" + v.get("year") + "/registrations/counts")
                    .then().statusCode(200)),
            new Call("cancel sign-up", "admin", (r, v) -> r.delete("/api/forum/v1/sessions/" + v.get("session") + "/signups/me").then().statusCode(204)),
            new Call("cancel session", "organizer", (r, v) -> r.contentType(ContentType.JSON).body(Map.of("reason", "contract"))
                    .post("/api/forum/v1/sessions/" + v.get("session") + "/cancellation").then().statusCode(200)),
            new Call("propose session", "editor", (r, v) -> v.put("proposal", propose(r, v))),
            new Call("propose another", "editor", (r, v) -> v.put("proposal2", propose(r, v))),
            new Call("proposals", "organizer", (r, v) -> r.get("/api/forum/v1/editions/" + v.get("year") + "/proposals").then().statusCode(200)),
            new Call("proposal", "editor", (r, v) -> r.get("/api/forum/v1/proposals/" + v.get("proposal")).then().statusCode(200)),
            new Call("accept proposal", "organizer", (r, v) -> r.contentType(ContentType.JSON).body("""
                    {"room": "Room C", "startsAt": "%s-05-07T14:00:00Z", "endsAt": "%s-05-07T15:00:00Z", "capacity": 40}"""
                    .formatted(v.get("year"), v.get("year")))
                    .post("/api/forum/v1/proposals/" + v.get("proposal") + "/accept").then().statusCode(200)),
            new Call("decline proposal", "organizer", (r, v) -> r.contentType(ContentType.JSON).body(Map.of("reason", "The agenda is full"))
                    .post("/api/forum/v1/proposals/" + v.get("proposal2") + "/decline").then().statusCode(200)),
            new Call("my personal data", "admin", (r, v) -> r.get("/api/forum/v1/me/personal-data").then().statusCode(200)),
            // the registration above recorded the admin's consent to forum.registration: they see it and withdraw it
            new Call("forum: my consents", "admin", (r, v) -> r.get("/api/forum/v1/me/consents").then().statusCode(200)
                    .body("purpose", org.hamcrest.Matchers.hasItem("forum.registration"))),
            new Call("forum: withdraw a consent", "admin", (r, v) -> r.post("/api/forum/v1/me/consents/forum.registration/withdrawal")
                    .then().statusCode(200).body("withdrawnAt", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.notNullValue()))),
            new Call("cancel registration", "admin", (r, v) -> r.delete("/api/forum/v1/editions/" + v.get("year") + "/registrations/me")
                    .then().statusCode(200)),
            new Call("cancel forum edition", "organizer", (r, v) -> r.contentType(ContentType.JSON).body(Map.of("reason", "contract"))
                    .post("/api/forum/v1/editions/" + v.get("year") + "/cancellation").then().statusCode(200)),
            // --- personal data in every service (service-commons privacy/): a person made for it erases themselves
            new Call("a person of this run", null, (r, v) -> TestPeople.create(PERSON, "Contract", "Person " + RUN,
                    PERSON + "@example.org", "forum-participant", "stocktaking-editor")),
            new Call("stocktaking: my personal data", PERSON, (r, v) -> r.get("/api/stocktaking/v1/me/personal-data").then().statusCode(200)),
            new Call("stocktaking: my consents", PERSON, (r, v) -> r.get("/api/stocktaking/v1/me/consents").then().statusCode(200)),
            new Call("stocktaking: withdraw a consent never given", PERSON, (r, v) -> r.post("/api/stocktaking/v1/me/consents/stocktaking.none/withdrawal")
                    .then().statusCode(404)),
            new Call("stocktaking: erase me", PERSON, (r, v) -> r.post("/api/stocktaking/v1/me/erasure").then().statusCode(202)),
            new Call("stocktaking: my erasures", PERSON, (r, v) -> r.get("/api/stocktaking/v1/me/erasure").then().statusCode(200)),
            new Call("prizes: my personal data", PERSON, (r, v) -> r.get("/api/prizes/v1/me/personal-data").then().statusCode(200)),
            new Call("prizes: my consents", PERSON, (r, v) -> r.get("/api/prizes/v1/me/consents").then().statusCode(200)),
            new Call("prizes: withdraw a consent never given", PERSON, (r, v) -> r.post("/api/prizes/v1/me/consents/prizes.none/withdrawal")
                    .then().statusCode(404)),
            new Call("prizes: erase me", PERSON, (r, v) -> r.post("/api/prizes/v1/me/erasure").then().statusCode(202)),
            new Call("prizes: my erasures", PERSON, (r, v) -> r.get("/api/prizes/v1/me/erasure").then().statusCode(200)),
            new Call("forum: my personal data", PERSON, (r, v) -> r.get("/api/forum/v1/me/personal-data").then().statusCode(200)),
            new Call("forum: erase me", PERSON, (r, v) -> r.post("/api/forum/v1/me/erasure").then().statusCode(202)),
            new Call("forum: my erasures", PERSON, (r, v) -> r.get("/api/forum/v1/me/erasure").then().statusCode(200)),
            new Call("indicators: my personal data", PERSON, (r, v) -> r.get("/api/indicators/v1/me/personal-data").then().statusCode(200)),
            new Call("indicators: my consents", PERSON, (r, v) -> r.get("/api/indicators/v1/me/consents").then().statusCode(200)),
            new Call("indicators: withdraw a consent never given", PERSON, (r, v) -> r.post("/api/indicators/v1/me/consents/indicators.none/withdrawal")
                    .then().statusCode(404)),
            new Call("indicators: erase me", PERSON, (r, v) -> r.post("/api/indicators/v1/me/erasure").then().statusCode(202)),
            new Call("indicators: my erasures", PERSON, (r, v) -> r.get("/api/indicators/v1/me/erasure").then().statusCode(200)),
            // --- indicators (public reads and the agency's own view)
            new Call("indicators", null, (r, v) -> r.get("/api/indicators/v1/indicators").then().statusCode(200)),
            new Call("idi components", null, (r, v) -> r.get("/api/indicators/v1/idi/components").then().statusCode(200)),
            new Call("idi", null, (r, v) -> r.get("/api/indicators/v1/idi?size=5").then().statusCode(200)),
            new Call("idi methodologies", null, (r, v) -> r.get("/api/indicators/v1/idi/methodologies").then().statusCode(200)),
            new Call("idi methodology", null, (r, v) -> r.get("/api/indicators/v1/idi/methodologies/IDI2010").then().statusCode(200)),
            new Call("idi methodology version", null, (r, v) -> r.get("/api/indicators/v1/idi/methodologies/IDI2017/versions/1").then().statusCode(200)),
            new Call("idi explain", null, (r, v) -> r.get("/api/indicators/v1/idi/explain?economy=KEN&period=2023").then().statusCode(200)),
            new Call("publish idi methodology", "admin", (r, v) -> r.contentType(ContentType.JSON).body(IDI_METHODOLOGY.formatted(RUN))
                    .post("/api/indicators/v1/idi/methodologies").then().statusCode(201)),
            new Call("put idi methodology version (same content)", "admin", (r, v) -> r.contentType(ContentType.JSON).body(IDI_METHODOLOGY.formatted(RUN))
                    .put("/api/indicators/v1/idi/methodologies/CONTRACT-" + RUN + "/versions/1").then().statusCode(200)),
            // a new version through PUT (the audit walk needs one that changes something: a retry records nothing)
            new Call("put idi methodology version 2", "admin", (r, v) -> r.contentType(ContentType.JSON)
                    .body(IDI_METHODOLOGY.formatted(RUN).replace("Contract test index", "Contract test index, version 2"))
                    .put("/api/indicators/v1/idi/methodologies/CONTRACT-" + RUN + "/versions/2").then().statusCode(201)),
            new Call("observations", null, (r, v) -> r.get("/api/indicators/v1/observations?size=5").then().statusCode(200)),
            new Call("changes", null, (r, v) -> r.get("/api/indicators/v1/changes").then().statusCode(200)),
            new Call("provider", "statistician", (r, v) -> r.get("/api/indicators/v1/providers/me").then().statusCode(200)),
            new Call("indicator", null, (r, v) -> r.get("/api/indicators/v1/indicators/IT_USE_ii99").then().statusCode(200)),
            // --- indicators: an agency's uploads, at once and as a job
            new Call("upload batch", "agency-itu", (r, v) -> v.put("batch", r.contentType("text/csv").body(batchCsv(2019))
                    .post("/api/indicators/v1/batches").then().statusCode(201).extract().path("id"))),
            new Call("batch", "agency-itu", (r, v) -> r.get("/api/indicators/v1/batches/" + v.get("batch")).then().statusCode(200)),
            new Call("batch errors", "agency-itu", (r, v) -> r.get("/api/indicators/v1/batches/" + v.get("batch") + "/errors").then().statusCode(200)),
            new Call("upload batch as a job", "agency-itu", (r, v) -> v.put("job", r.contentType("text/csv").header("Prefer", "respond-async")
                    .body(batchCsv(2020)).post("/api/indicators/v1/batches").then().statusCode(202).extract().path("id"))),
            new Call("job done", "agency-itu", (r, v) -> {
                String token = SharedPlatform.tokens().agencyToken("agency-itu");
                String status = org.awaitility.Awaitility.await("the batch job finishing")
                        .atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(200))
                        .until(() -> SharedPlatform.gateway().auth().oauth2(token).get("/api/indicators/v1/batches/" + v.get("job"))
                                .then().statusCode(200).extract().<String>path("status"),
                                s -> List.of("PUBLISHED", "REJECTED", "FAILED").contains(s));
                assertEquals("PUBLISHED", status, "the batch job ended " + status);
            }),
            new Call("invalid batch", "agency-itu", (r, v) -> r.contentType("text/csv")
                    .body("indicator,economy,period,value\nIT_USE_ii99,KEN,1900,5\n")
                    .post("/api/indicators/v1/batches").then().statusCode(422)),
            new Call("vintages", null, (r, v) -> r.get("/api/indicators/v1/observations/vintages?indicator=IT_USE_ii99&economy=KEN")
                    .then().statusCode(200)),
            // --- indicators: SDMX REST 2.1 (SDMX-ML by default). The structure queries' paths end in a template that
            // takes the rest of the path (/WSIS/DF_ICT/1.0): OpenAPI cannot match slashes in a parameter, so the
            // validator can only recognise the queries without it (all artefacts of the kind).
            new Call("sdmx dataflows", null, (r, v) -> r.get("/api/indicators/sdmx/dataflow").then().statusCode(200)),
            new Call("sdmx data structures", null, (r, v) -> r.get("/api/indicators/sdmx/datastructure").then().statusCode(200)),
            new Call("sdmx code lists", null, (r, v) -> r.get("/api/indicators/sdmx/codelist").then().statusCode(200)),
            new Call("sdmx concept schemes", null, (r, v) -> r.get("/api/indicators/sdmx/conceptscheme").then().statusCode(200)),
            new Call("sdmx availability", null, (r, v) -> r.get("/api/indicators/sdmx/availableconstraint/DF_ICT").then().statusCode(200)),
            new Call("sdmx unknown key", null, (r, v) -> r.get("/api/indicators/sdmx/data/DF_ICT/A.ZZZ.IT_USE_ii99...").then().statusCode(org.hamcrest.Matchers.oneOf(400, 404))),
            new Call("sdmx data", null, (r, v) -> r.get("/api/indicators/sdmx/data/DF_ICT?startPeriod=2019&endPeriod=2019")
                    .then().statusCode(200)),
            new Call("sdmx data by key", null, (r, v) -> r.get("/api/indicators/sdmx/data/DF_ICT/A.KEN.IT_USE_ii99...")
                    .then().statusCode(200)),
            new Call("sdmx data by provider", null, (r, v) -> r.header("Accept", "application/vnd.sdmx.data+json;version=1.0.0")
                    .get("/api/indicators/sdmx/data/DF_ICT/A.KEN.IT_USE_ii99.../ITU").then().statusCode(200)),
            new Call("sdmx unimplemented", null, (r, v) -> r.get("/api/indicators/sdmx/categoryscheme").then().statusCode(501)),
            // --- indicators administration (issue 20 item 4): which agency provides which indicator
            new Call("providers", "admin", (r, v) -> r.get("/api/indicators/v1/providers").then().statusCode(200)),
            new Call("grant provider indicator", "admin", (r, v) -> r.put("/api/indicators/v1/providers/UNCTAD/indicators/IT_MOB_OWN")
                    .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201))),
            new Call("revoke provider indicator", "admin", (r, v) -> r.delete("/api/indicators/v1/providers/UNCTAD/indicators/IT_MOB_OWN")
                    .then().statusCode(204)),
            // agencies, indicator definitions (versioned) and code lists (issue 20 item 4), with codes unique to the run
            new Call("agencies", null, (r, v) -> r.get("/api/indicators/v1/agencies").then().statusCode(200)),
            new Call("create agency", "admin", (r, v) -> r.contentType(ContentType.JSON)
                    .body(Map.of("code", "CT" + RUN.toUpperCase(java.util.Locale.ROOT), "name", "Contract agency " + RUN))
                    .post("/api/indicators/v1/agencies").then().statusCode(201)),
            new Call("rename agency", "admin", (r, v) -> r.contentType(ContentType.JSON).body(Map.of("name", "Contract agency, renamed " + RUN))
                    .put("/api/indicators/v1/agencies/CT" + RUN.toUpperCase(java.util.Locale.ROOT)).then().statusCode(200)),
            new Call("define indicator", "admin", (r, v) -> r.contentType(ContentType.JSON)
                    .body(Map.of("code", "ZZ_CT_" + RUN, "name", "Contract indicator", "unit", "percent", "custodian", "ITU"))
                    .post("/api/indicators/v1/indicators").then().statusCode(201)),
            new Call("change indicator", "admin", (r, v) -> r.contentType(ContentType.JSON)
                    .body(Map.of("name", "Contract indicator", "unit", "per 100 inhabitants", "custodian", "ITU", "sdgIndicator", "17.8.1"))
                    .put("/api/indicators/v1/indicators/ZZ_CT_" + RUN).then().statusCode(200)),
            new Call("indicator versions", null, (r, v) -> r.get("/api/indicators/v1/indicators/ZZ_CT_" + RUN + "/versions").then().statusCode(200)),
            new Call("translate indicator", "admin", (r, v) -> r.contentType(ContentType.JSON)
                    .body(Map.of("title", "Indicateur du contrat", "origin", "HUMAN"))
                    .put("/api/indicators/v1/indicators/ZZ_CT_" + RUN + "/translations/fr").then().statusCode(200)
                    .body("translations.fr.origin", org.hamcrest.Matchers.equalTo("HUMAN"))
                    .body("labels.fr", org.hamcrest.Matchers.equalTo("Indicateur du contrat"))),
            new Call("code lists", null, (r, v) -> r.get("/api/indicators/v1/codelists").then().statusCode(200)),
            new Call("create code list", "admin", (r, v) -> r.contentType(ContentType.JSON)
                    .body(Map.of("id", "CL_CT_" + RUN.toUpperCase(java.util.Locale.ROOT), "name", "Contract list", "codes", List.of(Map.of("code", "A", "name", "A"))))
                    .post("/api/indicators/v1/codelists").then().statusCode(201)),
            new Call("put code", "admin", (r, v) -> r.contentType(ContentType.JSON).body(Map.of("name", "B"))
                    .put("/api/indicators/v1/codelists/CL_CT_" + RUN.toUpperCase(java.util.Locale.ROOT) + "/codes/B").then().statusCode(201)),
            new Call("code list", null, (r, v) -> r.get("/api/indicators/v1/codelists/CL_CT_" + RUN.toUpperCase(java.util.Locale.ROOT)).then().statusCode(200)),
            new Call("delete code", "admin", (r, v) -> r.delete("/api/indicators/v1/codelists/CL_CT_" + RUN.toUpperCase(java.util.Locale.ROOT) + "/codes/B")
                    .then().statusCode(204)),
            // --- every service's audit log (issue 20): platform admins read the decisions made above
            new Call("stocktaking audit log", "admin", (r, v) -> r.get("/api/stocktaking/v1/audit?targetType=entry&targetId="
                    + v.get("entry2")).then().statusCode(200).body("items.action", org.hamcrest.Matchers.hasItem("entry.restored"))),
            new Call("prizes audit log", "admin", (r, v) -> r.get("/api/prizes/v1/audit?targetType=edition&size=5").then().statusCode(200)
                    .body("items.size()", org.hamcrest.Matchers.greaterThan(0))),
            new Call("forum audit log", "admin", (r, v) -> r.get("/api/forum/v1/audit?action=proposal.accepted&size=5").then().statusCode(200)
                    .body("items.size()", org.hamcrest.Matchers.greaterThan(0))),
            new Call("indicators audit log", "admin", (r, v) -> r.get("/api/indicators/v1/audit?action=methodology.published&size=5")
                    .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.greaterThan(0))));

    private static int nextYear = 2060;
    /** Prize editions from 3000 on are rehearsals (prizes.editions.rehearsal-from-year): their dates may move freely. */
    private static int nextPrizeYear = 3000 + new java.util.Random().nextInt(5000);

    /** A JSON string literal of the text. */
    private static String quoted(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int findFreePrizeYear() {
        while (SharedPlatform.gateway().get("/api/prizes/v1/editions/" + nextPrizeYear).statusCode() == 200) {
            nextPrizeYear++;
        }
        return nextPrizeYear++;
    }

    /** Phase dates around now (whole days), so that now falls in phase n (1 submission ... 5 results). */
    private static Map<String, Object> phaseDates(int phase) {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).withNano(0);
        String[] names = {"submissionOpens", "reviewOpens", "nominationOpens", "votingOpens", "resultsOpen"};
        Map<String, Object> dates = new java.util.LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            dates.put(names[i - 1], now.plusDays((i - phase) * 10L - 1).toString());
        }
        dates.put("championsPerCategory", 3);
        // after voting opened, a change needs a reason (and is audited)
        dates.put("changeReason", "contract test moves its rehearsal edition to phase " + phase);
        return dates;
    }

    /** As the administrator does: the edition's dates moved (If-Match with its current ETag) so that now is in phase n. */
    private static void movePrizePhase(RequestSpecification request, Map<String, String> values, int phase) {
        String etag = SharedPlatform.gateway().get(values.get("prize")).then().statusCode(200).extract().header("ETag");
        request.contentType(ContentType.JSON).header("If-Match", etag).body(phaseDates(phase))
                .put(values.get("prize")).then().statusCode(200)
                .body("phase", org.hamcrest.Matchers.equalTo(List.of("SUBMISSION", "REVIEW", "NOMINATION", "VOTING", "RESULTS").get(phase - 1)));
    }

    private static String propose(RequestSpecification request, Map<String, String> values) {
        return request.contentType(ContentType.JSON).body("""
                        {"kind": "INTERACTIVE", "title": "Proposed session %s", "description": "An open discussion",
                         "actionLines": ["C4"], "speakers": ["A proposer"]}""".formatted(UUID.randomUUID()))
                .post("/api/forum/v1/editions/" + values.get("year") + "/proposals").then().statusCode(201).extract().path("id");
    }

    /** One ITU observation (the agency provides IT_USE_ii99) for Kenya in a period. */
    private static String batchCsv(int period) {
        return "indicator,economy,period,value,sex,age,urbanisation,status,note\n"
                + "IT_USE_ii99,KEN," + period + ",42.5,_T,_T,_T,E,Contract test value\n";
    }

    /** Forum editions are unique per year and the shared database outlives runs: take a year nobody has. */
    private static String findFreeForumYear() {
        while (SharedPlatform.gateway().get("/api/forum/v1/editions/" + nextYear).statusCode() == 200) {
            nextYear++;
        }
        return String.valueOf(nextYear++);
    }

    @Test
    void everyOperationAnswersAsTheMergedDocumentSays() {
        RealmTokens tokens = SharedPlatform.tokens();
        Map<String, String> tokenOf = new java.util.HashMap<>();
        Map<String, String> values = new java.util.HashMap<>();
        List<String> failures = new ArrayList<>();
        // only this test's responses decide it (other classes sharing the platform may have run before)
        int mismatchesBefore = SharedPlatform.contract().mismatches().size();
        // issue 20: every admin operation the walk performs must leave its declared audit entry
        AuditWalk audit = new AuditWalk(SharedPlatform.contract().document(), tokenOf.computeIfAbsent("admin", tokens::userToken));
        for (Call call : CALLS) {
            RequestSpecification request = SharedPlatform.gateway();
            if (call.user() != null) {
                request.auth().oauth2(tokenOf.computeIfAbsent(call.user(), user -> user.startsWith("agency-")
                        ? tokens.agencyToken(user) : tokens.userToken(user)));
            }
            int mark = SharedPlatform.contract().answeredCount();
            try {
                call.request().accept(request, values);
                audit.afterStep(call.name(), SharedPlatform.contract().answeredSince(mark), call.user() == null ? null : tokenOf.get(call.user()));
            } catch (AssertionError | RuntimeException e) {
                failures.add(call.name() + ": " + e.getMessage());
            }
        }
        ContractValidation contract = SharedPlatform.contract();
        try { // the document judged, kept beside the report for reading a mismatch
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "merged-openapi.json"), contract.documentJson());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> operations = contract.operations();
        Set<String> seen = contract.seen();
        Set<String> uncalled = new TreeSet<>();
        operations.forEach((operation, id) -> {
            if (!seen.contains(operation)) {
                uncalled.add(operation + " (" + id + ")");
            }
        });
        List<String> all = contract.mismatches();
        List<String> mismatches = List.copyOf(all.subList(mismatchesBefore, all.size()));
        System.out.printf("%d operations, %d called, %d validated responses, %d mismatches; not called: %s%n",
                operations.size(), operations.size() - uncalled.size(), contract.validated(), mismatches.size(), uncalled);
        mismatches.forEach(m -> System.out.println("MISMATCH " + m));
        failures.forEach(f -> System.out.println("FAILED STEP " + f));
        System.out.printf("audit walk: %d admin operations, entries left: %s%n", audit.adminOperations().size(), audit.entriesByOperation());
        audit.failures().forEach(f -> System.out.println("AUDIT " + f));
        assertEquals(List.of(), mismatches, "responses that do not match the merged document");
        assertEquals(List.of(), audit.failures(), "admin operations whose audit entry is missing (issue 20)");
        assertEquals(List.of(), failures, "steps that did not answer as expected");
        assertTrue(uncalled.isEmpty(), "operations no step calls (add a Call): " + uncalled);
    }
}
