package org.wsis.localstack.demo;

import org.wsis.localstack.StackException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Plain HTTP calls to the gateway, as any outside client makes them. */
final class GatewayClient {

    /** An answer: status, body and the headers the loader reads. */
    record Reply(String method, String path, int status, String body, HttpResponse<String> raw) {
        Map<String, Object> object() {
            return Json.object(body);
        }

        /** The items of a list, whether the service answers a bare array or a page {items: [...]}. */
        @SuppressWarnings("unchecked")
        List<Object> items() {
            Object json = Json.parse(body);
            return json instanceof List<?> list ? (List<Object>) list : (List<Object>) ((Map<String, Object>) json).get("items");
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** This reply, when its status is one of {@code expected}; else a failure naming the call. */
        Reply expect(int... expected) {
            for (int status : expected) {
                if (this.status == status) {
                    return this;
                }
            }
            throw new StackException("Demo data: " + method + " " + path + " answered " + status + ": "
                    + (body.length() > 500 ? body.substring(0, 500) + "..." : body));
        }
    }

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    GatewayClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null, null, Map.of());
    }

    Reply post(String path, String token, Object json) {
        return send("POST", path, token, "application/json", json == null ? "" : Json.write(json), Map.of());
    }

    Reply put(String path, String token, Object json, Map<String, String> headers) {
        return send("PUT", path, token, "application/json", Json.write(json), headers);
    }

    Reply send(String method, String path, String token, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(method, path, response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new StackException("Demo data: " + method + " " + baseUrl + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Demo data: interrupted", e);
        }
    }
}
