package org.wsis.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A new person in the local realm, made through Keycloak's admin API (the local stack's bootstrap admin), with
 * realm roles and password = user name, so {@code SharedPlatform.tokens().userToken(username)} signs them in. For
 * tests that erase a person: the realm's fixed test users stay as other tests rely on them.
 */
final class TestPeople {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestPeople() {
    }

    /** Creates {@code username} (first and last name as given, e-mail verified) with the realm roles, and returns its subject. */
    static String create(String username, String firstName, String lastName, String email, String... roles) {
        return create(username, firstName, lastName, email, Map.of(), roles);
    }

    /** As above, with user attributes (e.g. {@code agency}: the token's agency claim, for an agency's staff). */
    static String create(String username, String firstName, String lastName, String email, Map<String, List<String>> attributes,
                         String... roles) {
        String keycloak = SharedPlatform.stack().keycloak().url();
        String admin = adminToken(keycloak);
        String users = keycloak + "/admin/realms/wsis/users";
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(users)).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(Map.of(
                        "username", username, "enabled", true, "emailVerified", true, "email", email,
                        "firstName", firstName, "lastName", lastName, "attributes", attributes,
                        "credentials", List.of(Map.of("type", "password", "value", username, "temporary", false)))))));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak did not create " + username + ": " + created.statusCode() + " " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        List<JsonNode> mappings = new ArrayList<>();
        for (String role : roles) {
            mappings.add(read(send(HttpRequest.newBuilder(URI.create(keycloak + "/admin/realms/wsis/roles/" + role))
                    .header("Authorization", "Bearer " + admin).GET()).body()));
        }
        HttpResponse<String> mapped = send(HttpRequest.newBuilder(URI.create(users + "/" + id + "/role-mappings/realm"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(mappings))));
        if (mapped.statusCode() != 204) {
            throw new IllegalStateException("Keycloak did not grant " + List.of(roles) + ": " + mapped.statusCode() + " " + mapped.body());
        }
        return id;
    }

    private static String adminToken(String keycloak) {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode("admin", StandardCharsets.UTF_8);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        return read(response.body()).path("access_token").asText();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
