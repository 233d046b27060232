package org.wsis.e2e;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
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
 * created). A new operation gets a step here; until then it is listed, by operationId, in {@link #NOT_YET_CALLED},
 * which the test prints and which should shrink to empty.
 */
class ApiContractTest {

    /** Operations no step calls yet (the test fails on any other operation left uncalled). */
    static final Set<String> NOT_YET_CALLED = Set.of(
            // prizes: a full contest needs an edition moved through its phases
            "putPrizeEdition", "listNominees", "nominateSubmission", "unnominateSubmission", "announceNominees",
            "getPrizeResults", "choosePrizeWinner", "publishPrizeResults", "assignReviewer", "listSubmissionReviews",
            "scoreSubmission", "listMyReviews", "createSubmission", "listSubmissions", "getSubmission",
            "updateSubmission", "withdrawSubmission", "listPrizeTallies", "castPrizeVote", "listMyPrizeVotes",
            // forum: sessions, proposals, registrations and sign-ups
            "listEditionRegistrations", "exportEditionRegistrations", "countEditionRegistrations",
            "listSessionAttendees", "exportSessionAttendees", "countSessionAttendees", "checkInParticipant",
            "exportMyPersonalData", "eraseMyPersonalData", "proposeSession", "listSessionProposals",
            "getSessionProposal", "acceptSessionProposal", "declineSessionProposal", "registerForForum",
            "getMyRegistration", "updateMyRegistration", "cancelMyRegistration", "getMyBadge", "getSession",
            "createSession", "signUpForSession", "getMySignup", "cancelMySignup",
            // prizes: the vote audit and the ledger (issue 18) need a closed, screened edition
            "getPrizeEditionAudit", "getPrizeVoteLedger", "listPrizeVoteClusters", "decidePrizeVote",
            "screenPrizeVotes", "searchPrizeVotes",
            // indicators: SDMX (read by an independent SDMX client in SdmxClientEndToEndTest, not through this filter)
            "getSdmxAvailability", "getSdmxCodelists", "getSdmxConceptScheme", "getSdmxDataflows", "getSdmxDataStructure",
            "getSdmxUnimplemented", "getSdmxDataAll", "getSdmxData", "getSdmxDataByProvider",
            // indicators: agency uploads
            "uploadBatch", "getBatch", "listBatchErrors", "listObservationVintages", "getIndicator");

    /** One step: who calls, and the request (assert its status; the contract is checked by the filter). */
    record Call(String name, String user, java.util.function.BiConsumer<RequestSpecification, Map<String, String>> request) {
    }

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ENTRY = """
            {"title": "Contract check %s", "description": "School connectivity in rural districts.",
             "organisation": "Ministry of ICT", "actionLines": ["C2"]}""".formatted(RUN);

    static final List<Call> CALLS = List.of(
            // --- stocktaking: reference data and search (public)
            new Call("action lines", null, (r, v) -> r.get("/api/stocktaking/v1/reference/action-lines").then().statusCode(200)),
            new Call("sdgs", null, (r, v) -> r.get("/api/stocktaking/v1/reference/sdgs").then().statusCode(200)),
            new Call("stakeholder types", null, (r, v) -> r.get("/api/stocktaking/v1/reference/stakeholder-types").then().statusCode(200)),
            new Call("target groups", null, (r, v) -> r.get("/api/stocktaking/v1/reference/target-groups").then().statusCode(200)),
            new Call("regions", null, (r, v) -> r.get("/api/stocktaking/v1/reference/regions").then().statusCode(200)),
            new Call("countries", null, (r, v) -> r.get("/api/stocktaking/v1/reference/countries").then().statusCode(200)),
            // --- stocktaking: an entry through its life
            new Call("create entry", "editor", (r, v) -> v.put("entry", r.contentType(ContentType.JSON).body(ENTRY)
                    .post("/api/stocktaking/v1/entries").then().statusCode(201).extract().path("id"))),
            new Call("get entry (owner)", "editor", (r, v) -> v.put("etag", r.get("/api/stocktaking/v1/entries/" + v.get("entry"))
                    .then().statusCode(200).extract().header("ETag"))),
            new Call("replace entry", "editor", (r, v) -> r.contentType(ContentType.JSON).header("If-Match", v.get("etag"))
                    .body(ENTRY.replace("rural districts", "rural districts and towns"))
                    .put("/api/stocktaking/v1/entries/" + v.get("entry")).then().statusCode(200)),
            new Call("my entries", "editor", (r, v) -> r.get("/api/stocktaking/v1/entries/mine").then().statusCode(200)),
            new Call("submit entry", "editor", (r, v) -> r.post("/api/stocktaking/v1/entries/" + v.get("entry") + "/submit").then().statusCode(200)),
            new Call("moderation queue", "moderator", (r, v) -> r.get("/api/stocktaking/v1/moderation/queue").then().statusCode(200)),
            new Call("publish entry", "moderator", (r, v) -> r.post("/api/stocktaking/v1/entries/" + v.get("entry") + "/publish").then().statusCode(200)),
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
            new Call("eligible entry", null, (r, v) -> {
                for (int attempt = 0; attempt < 100; attempt++) {
                    if (r.get("/api/prizes/v1/eligible-entries/" + v.get("entry")).statusCode() == 200) {
                        return;
                    }
                    sleep();
                }
                throw new AssertionError("entry never reached prizes");
            }),
            // --- forum
            new Call("forum editions", null, (r, v) -> r.get("/api/forum/v1/editions").then().statusCode(200)),
            new Call("create forum edition", "organizer", (r, v) -> {
                v.put("year", findFreeForumYear());
                r.contentType(ContentType.JSON).body("""
                        {"year": %s, "title": "WSIS Forum %s", "startsOn": "%s-05-05", "endsOn": "%s-05-08",
                         "venue": "Geneva", "hybrid": true}""".formatted(v.get("year"), v.get("year"), v.get("year"), v.get("year")))
                        .post("/api/forum/v1/editions").then().statusCode(201);
            }),
            new Call("forum edition", null, (r, v) -> r.get("/api/forum/v1/editions/" + v.get("year")).then().statusCode(200)),
            new Call("agenda", null, (r, v) -> r.get("/api/forum/v1/editions/" + v.get("year") + "/sessions").then().statusCode(200)),
            new Call("agenda.ics", null, (r, v) -> r.get("/api/forum/v1/editions/" + v.get("year") + "/agenda.ics").then().statusCode(200)),
            // --- indicators (public reads and the agency's own view)
            new Call("indicators", null, (r, v) -> r.get("/api/indicators/v1/indicators").then().statusCode(200)),
            new Call("idi components", null, (r, v) -> r.get("/api/indicators/v1/idi/components").then().statusCode(200)),
            new Call("idi", null, (r, v) -> r.get("/api/indicators/v1/idi?size=5").then().statusCode(200)),
            new Call("observations", null, (r, v) -> r.get("/api/indicators/v1/observations?size=5").then().statusCode(200)),
            new Call("changes", null, (r, v) -> r.get("/api/indicators/v1/changes").then().statusCode(200)),
            new Call("provider", "statistician", (r, v) -> r.get("/api/indicators/v1/providers/me").then().statusCode(200)));

    private static int nextYear = 2060;

    /** Forum editions are unique per year and the shared database outlives runs: take a year nobody has. */
    private static String findFreeForumYear() {
        while (SharedPlatform.gateway().get("/api/forum/v1/editions/" + nextYear).statusCode() == 200) {
            nextYear++;
        }
        return String.valueOf(nextYear++);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyOperationAnswersAsTheMergedDocumentSays() {
        RealmTokens tokens = SharedPlatform.tokens();
        Map<String, String> tokenOf = new java.util.HashMap<>();
        Map<String, String> values = new java.util.HashMap<>();
        List<String> failures = new ArrayList<>();
        // only this test's responses decide it (other classes sharing the platform may have run before)
        int mismatchesBefore = SharedPlatform.contract().mismatches().size();
        for (Call call : CALLS) {
            RequestSpecification request = SharedPlatform.gateway();
            if (call.user() != null) {
                request.auth().oauth2(tokenOf.computeIfAbsent(call.user(), tokens::userToken));
            }
            try {
                call.request().accept(request, values);
            } catch (AssertionError | RuntimeException e) {
                failures.add(call.name() + ": " + e.getMessage());
            }
        }
        ContractValidation contract = SharedPlatform.contract();
        Map<String, String> operations = contract.operations();
        Set<String> seen = contract.seen();
        Set<String> uncalled = new TreeSet<>();
        operations.forEach((operation, id) -> {
            if (!seen.contains(operation) && !NOT_YET_CALLED.contains(id)) {
                uncalled.add(operation + " (" + id + ")");
            }
        });
        List<String> all = contract.mismatches();
        List<String> mismatches = List.copyOf(all.subList(mismatchesBefore, all.size()));
        System.out.printf("%d operations, %d validated responses, %d mismatches; %d operations not yet called: %s%n",
                operations.size(), contract.validated(), mismatches.size(),
                operations.size() - seen.size(), NOT_YET_CALLED);
        mismatches.forEach(m -> System.out.println("MISMATCH " + m));
        failures.forEach(f -> System.out.println("FAILED STEP " + f));
        assertEquals(List.of(), mismatches, "responses that do not match the merged document");
        assertEquals(List.of(), failures, "steps that did not answer as expected");
        assertTrue(uncalled.isEmpty(), "operations no step calls (add a Call, or list them in NOT_YET_CALLED): " + uncalled);
    }
}
