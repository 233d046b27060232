package org.wsis.localstack.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.wsis.localstack.StackException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Real access tokens from the {@code wsis} realm of a running Keycloak, for end-to-end and fault
 * tests (test users' password = user name; agency clients' secret = client id + "-secret").
 */
public final class RealmTokens {
    // Jackson is on ./run-local's class path too (--demo signs in through here): the broker's kafka-libs bring it.
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String realmUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public RealmTokens(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    /** Password grant through the local-only public client wsis-dev-cli. */
    public String userToken(String username) {
        return token(Map.of("grant_type", "password", "client_id", "wsis-dev-cli",
                "username", username, "password", username));
    }

    /** Client credentials of a partner agency's confidential client, e.g. agency-itu. */
    public String agencyToken(String clientId) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", clientId + "-secret"));
    }

    private String token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String token = response.statusCode() == 200 ? accessToken(response.body()) : null;
            if (token == null) {
                throw new StackException("Keycloak refused a token for " + form.get("client_id") + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
            return token;
        } catch (IOException e) {
            throw new StackException("Keycloak at " + realmUrl + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while asking Keycloak for a token", e);
        }
    }

    /** The token response's access_token (RFC 6749 section 5.1), null when the body has none. */
    private static String accessToken(String body) {
        try {
            return JSON.readTree(body).path("access_token").textValue();
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
