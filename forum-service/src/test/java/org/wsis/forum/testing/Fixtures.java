package org.wsis.forum.testing;

import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;

/** Editions, sessions and registrations through the API, as the tests' starting points. */
public final class Fixtures {
    public static final String ORGANIZER = TestTokens.organizer("organizer-1");

    private Fixtures() {
    }

    /** An edition July 6-10 of the year (each test class uses its own years, the database is shared). */
    public static void edition(int year, boolean hybrid) {
        given().auth().oauth2(ORGANIZER).contentType(ContentType.JSON)
                .body("""
                        {"year": %d, "title": "WSIS Forum %d", "startsOn": "%d-07-06", "endsOn": "%d-07-10",
                         "venue": "CICG, Geneva", "hybrid": %s}""".formatted(year, year, year, year, hybrid))
                .post("/api/v1/editions").then().statusCode(201);
    }

    /** Schedules a session and answers its id. */
    public static String session(int year, String kind, String title, String startsAt, String endsAt, int capacity, String actionLines) {
        return given().auth().oauth2(ORGANIZER).contentType(ContentType.JSON)
                .body("""
                        {"kind": "%s", "title": "%s", "track": "Thematic", "actionLines": %s, "room": "Room 2",
                         "startsAt": "%s", "endsAt": "%s", "speakers": ["A. Speaker"], "capacity": %d}"""
                        .formatted(kind, title, actionLines, startsAt, endsAt, capacity))
                .post("/api/v1/editions/" + year + "/sessions").then().statusCode(201).extract().path("id");
    }

    public static String registrationBody(String attendance, String name, String stakeholderType, String country) {
        return """
                {"attendance": "%s", "fullName": "%s", "organisation": "Org of %s", "stakeholderType": "%s",
                 "country": "%s", "accessibilityNeeds": null, "consent": true}""".formatted(attendance, name, name, stakeholderType, country);
    }

    /** Registers the subject in person and an organizer approves the accreditation: answers the registration id. */
    public static String register(int year, String token, String name, String stakeholderType, String country) {
        String id = request(year, token, name, stakeholderType, country);
        approve(id);
        return id;
    }

    /** Registers the subject in person: an accreditation request (REQUESTED); answers the registration id. */
    public static String request(int year, String token, String name, String stakeholderType, String country) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(registrationBody("IN_PERSON", name, stakeholderType, country))
                .post("/api/v1/editions/" + year + "/registrations/me").then().statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("REQUESTED")).extract().path("id");
    }

    /** An organizer approves the accreditation request. */
    public static void approve(String registrationId) {
        given().auth().oauth2(ORGANIZER).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/registrations/" + registrationId + "/approval").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("APPROVED"));
    }
}
