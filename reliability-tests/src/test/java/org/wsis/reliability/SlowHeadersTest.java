package org.wsis.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.PlatformService;

/**
 * Issue 17, Low: "connections with unfinished headers stay open (no header timeout)". The gateway and
 * every service close a connection whose request head is not complete 10 s after it opened
 * ({@code wsis.http.request-head-timeout}, token-cache {@code RequestHeadTimeout}), also when the
 * client trickles a header byte every 2 s (which no idle timeout ever closes), while a body that
 * takes longer than that, once its head is complete, is read to its end and answered.
 * Before the fix: the silent half-head lasted until the idle timeout (75 s at the gateway, 30 min at
 * the services) and the trickled one for ever.
 */
@Tag("integration")
class SlowHeadersTest extends PlatformSuite {
    static final int HEAD_TIMEOUT_SECONDS = 10;
    /** Scheduling on a loaded 2-core machine. */
    static final int MARGIN_SECONDS = 8;

    @BeforeAll
    static void start() {
        useSharedPlatform();
    }

    @Test
    void connectionsWhoseHeadNeverEndsAreClosedAtTheGatewayAndAServiceWhileSlowBodiesAreServed() throws Exception {
        String gateway = platform.stack.gateway().url();
        String stocktaking = platform.stack.service(PlatformService.STOCKTAKING).url();
        String forum = platform.stack.service(PlatformService.FORUM).url();
        // normal requests still succeed (and each server has seen a request: the guard is in place)
        for (String base : List.of(gateway + "/api/stocktaking/v1/reference/action-lines",
                stocktaking + "/api/v1/reference/action-lines", forum + "/api/v1/editions")) {
            assertEquals(200, io.restassured.RestAssured.given().get(base).statusCode(), base);
        }
        List<CompletableFuture<Long>> silent = List.of(
                CompletableFuture.supplyAsync(() -> secondsUntilClosed(gateway, false)),
                CompletableFuture.supplyAsync(() -> secondsUntilClosed(stocktaking, false)),
                CompletableFuture.supplyAsync(() -> secondsUntilClosed(forum, false)));
        List<CompletableFuture<Long>> trickled = List.of(
                CompletableFuture.supplyAsync(() -> secondsUntilClosed(gateway, true)),
                CompletableFuture.supplyAsync(() -> secondsUntilClosed(stocktaking, true)));
        CompletableFuture<String> slowBody = CompletableFuture.supplyAsync(() -> postSlowly(stocktaking, editor));
        List<String> where = List.of("gateway", "stocktaking-service", "forum-service");
        for (int i = 0; i < silent.size(); i++) {
            long seconds = silent.get(i).get(2, TimeUnit.MINUTES);
            System.out.printf("[slow headers] half a head, then silence: %s closed the connection after %d s%n", where.get(i), seconds);
            assertTrue(seconds >= HEAD_TIMEOUT_SECONDS - 1 && seconds <= HEAD_TIMEOUT_SECONDS + MARGIN_SECONDS,
                    where.get(i) + " closed a half-sent head after " + seconds + " s (-1: still open after a minute)");
        }
        for (int i = 0; i < trickled.size(); i++) {
            long seconds = trickled.get(i).get(2, TimeUnit.MINUTES);
            System.out.printf("[slow headers] a header byte every 2 s: %s closed the connection after %d s%n", where.get(i), seconds);
            assertTrue(seconds >= HEAD_TIMEOUT_SECONDS - 1 && seconds <= HEAD_TIMEOUT_SECONDS + MARGIN_SECONDS,
                    where.get(i) + " closed a trickled head after " + seconds + " s (-1: still open after a minute)");
        }
        String statusLine = slowBody.get(2, TimeUnit.MINUTES);
        System.out.printf("[slow headers] a body sent over 16 s straight to stocktaking-service: %s%n", statusLine);
        assertTrue(statusLine.startsWith("HTTP/1.1 201"), "a slow but progressing body is read and answered: " + statusLine);
    }

    /** Seconds from opening until the server closed the connection, or -1 if still open after 60 s. */
    private static long secondsUntilClosed(String url, boolean trickle) {
        URI uri = URI.create(url);
        long opened = System.nanoTime();
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/editions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            socket.setSoTimeout(trickle ? 2000 : 60_000);
            while (elapsedSeconds(opened) < 60) {
                try {
                    if (in.read() < 0) {
                        return elapsedSeconds(opened);
                    }
                } catch (SocketTimeoutException quiet) {
                    try {
                        out.write('x'); // one more header byte: never idle for 2 s
                        out.flush();
                    } catch (IOException closed) {
                        return elapsedSeconds(opened);
                    }
                }
            }
            return -1;
        } catch (IOException reset) {
            return elapsedSeconds(opened); // closed with a reset: closed all the same
        }
    }

    /** Creates an entry with a complete head at once and its JSON body in 16 pieces, one a second. */
    private static String postSlowly(String url, String token) {
        URI uri = URI.create(url);
        byte[] body = Platform.entryJson("Slow body " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/entries HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int pieces = 16;
            for (int i = 0; i < pieces; i++) {
                int from = body.length * i / pieces;
                int to = body.length * (i + 1) / pieces;
                out.write(body, from, to - from);
                out.flush();
                Thread.sleep(1000); // the point of the test: a body slower than the head timeout
            }
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\r') {
                answer.write(b);
            }
            return answer.toString(StandardCharsets.US_ASCII);
        } catch (IOException | InterruptedException e) {
            return "failed: " + e;
        }
    }

    private static long elapsedSeconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000;
    }
}
