package org.wsis.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The per-connection clock on Netty's embedded channel, with a 10 s head timeout and a frozen clock. */
class RequestHeadTimeoutTest {

    private EmbeddedChannel connection;

    @BeforeEach
    void open() {
        connection = new EmbeddedChannel();
        connection.freezeTime();
        connection.pipeline().addFirst(RequestHeadTimeout.DEADLINE, new RequestHeadTimeout.HeadDeadline(TimeUnit.SECONDS.toNanos(10)));
    }

    @Test
    void aHeadThatNeverEndsIsClosedAfterTheTimeout() {
        receive("GET /api/stocktaking/v1/entries HTTP/1.1\r\nHost: x\r\nX-Slow: ");
        after(9);
        assertTrue(connection.isOpen(), "still within 10 s");
        after(2);
        assertFalse(connection.isOpen(), "closed 10 s after it opened");
    }

    @Test
    void aConnectionThatSendsNothingIsClosedToo() {
        after(11);
        assertFalse(connection.isOpen());
    }

    @Test
    void aHeadTrickledOneByteEveryTwoSecondsIsClosedAfterTheTimeoutAlthoughNeverIdle() {
        for (int second = 0; second < 12 && connection.isOpen(); second += 2) {
            receive("X");
            after(2);
        }
        assertFalse(connection.isOpen(), "an idle timeout would never close it; the head timeout does");
    }

    @Test
    void aSlowButProgressingBodyAndALongWaitForTheAnswerAreNotTimed() {
        receive("POST /api/indicators/v1/batches HTTP/1.1\r\nHost: x\r\nContent-Length: 30\r\n");
        after(5);
        receive("\r\n");
        for (int i = 0; i < 30; i++) {
            receive("b");
            after(2);
        }
        after(60);
        assertTrue(connection.isOpen(), "head complete in 5 s: the body (60 s) and the wait (60 s) are not timed");
    }

    @Test
    void theNextHeadOnAKeptAliveConnectionIsTimedFromItsFirstByte() {
        receive("GET / HTTP/1.1\nHost: x\n\n"); // bare LF line ends
        answer("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n");
        after(120);
        assertTrue(connection.isOpen(), "waiting for the next request is the idle timeout's business");
        receive("GET / HTTP/1.1\r\nHost:");
        after(11);
        assertFalse(connection.isOpen(), "the second head did not end in 10 s");
    }

    @Test
    void aContinueIsNotTheAnswerSoTheBodyAfterItIsNotTimed() {
        receive("PUT /x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 20\r\n\r\n");
        answer("HTTP/1.1 100 Continue\r\n\r\n");
        for (int i = 0; i < 20; i++) {
            receive("b");
            after(2);
        }
        assertTrue(connection.isOpen());
    }

    @Test
    void http2IsLeftAlone() {
        receive("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        answer("\0\0\0\4\0\0\0\0\0");
        receive("\0\0\0\4\1\0\0\0\0");
        after(60);
        assertTrue(connection.isOpen());
    }

    private void receive(String bytes) {
        connection.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
        connection.inboundMessages().clear();
    }

    private void answer(String bytes) {
        connection.writeOutbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
        connection.outboundMessages().clear();
    }

    private void after(int seconds) {
        connection.advanceTimeBy(seconds, TimeUnit.SECONDS);
        connection.runScheduledPendingTasks();
    }
}
