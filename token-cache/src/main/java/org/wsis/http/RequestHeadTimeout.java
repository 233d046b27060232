package org.wsis.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request head (request line and headers) is not complete within
 * {@code wsis.http.request-head-timeout} (10 s) of the connection opening, or of the first byte of
 * its next request on a kept-alive connection (issue 17: "connections with unfinished headers stay
 * open"). Neither Quarkus nor Vert.x has such a setting: their idle timeout restarts with every byte,
 * so a client trickling one header byte every few seconds (slowloris) held a connection for ever, and
 * it must stay long (the gateway waits up to 60 s in silence for an answer).
 * <p>
 * Only the head is timed: once it is complete, the body is the business of the body limits (the
 * gateway's body-read timeout), and the wait for the answer of nobody's. After the answer (its first
 * non-1xx bytes) the connection waits for the next request without a clock until a byte arrives.
 * HTTP/2 (prior knowledge or an h2c upgrade) is left alone.
 * <p>
 * How: Quarkus gives no hook on accepted connections, so the first request seen by the router puts
 * a handler on the listening channel (its connection's parent), which puts a {@link HeadDeadline} in
 * front of every connection accepted after it. The first connection of a server's life is not timed.
 * Here in token-cache because it is the one module both the gateway and every service depend on.
 */
@ApplicationScoped
public class RequestHeadTimeout {

    private static final Logger LOG = Logger.getLogger(RequestHeadTimeout.class);
    static final String ACCEPTOR = "wsis-request-head-timeout-acceptor";
    static final String DEADLINE = "wsis-request-head-timeout";

    @ConfigProperty(name = "wsis.http.request-head-timeout", defaultValue = "10S")
    Duration timeout;

    /** Listening channels that already carry the acceptor (a public port; few, never many). */
    private final Set<Channel> guarded = ConcurrentHashMap.newKeySet();

    void register(@Observes Router router) {
        if (timeout.isZero() || timeout.isNegative()) {
            return;
        }
        router.route().order(Integer.MIN_VALUE).handler(this::guardServerOf);
    }

    private void guardServerOf(RoutingContext rc) {
        HttpConnection connection = rc.request().connection();
        if (connection instanceof ConnectionBase base) {
            Channel server = base.channel().parent();
            if (server != null && !guarded.contains(server) && guarded.add(server)) {
                long nanos = timeout.toNanos();
                server.pipeline().addFirst(ACCEPTOR, new Acceptor(nanos));
                LOG.debugf("request heads must be complete within %s on %s", timeout, server.localAddress());
            }
        }
        rc.next();
    }

    /** On the listening channel: each accepted connection gets its own deadline, ahead of Vert.x's handlers. */
    @ChannelHandler.Sharable
    static final class Acceptor extends ChannelInboundHandlerAdapter {
        private final long nanos;

        Acceptor(long nanos) {
            this.nanos = nanos;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel child) {
                child.pipeline().addFirst(DEADLINE, new HeadDeadline(nanos));
            }
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * One connection's clock, first in its pipeline: it sees the raw bytes both ways. Runs on the
     * connection's event loop only, so its state needs no locking.
     */
    static final class HeadDeadline extends ChannelDuplexHandler {
        private static final byte[] HTTP2_PREFACE = "PRI * HTTP/2.0".getBytes(StandardCharsets.US_ASCII);

        private enum State { HEAD, REQUEST, BETWEEN, OFF }

        private final long nanos;
        private State state = State.HEAD;
        private ScheduledFuture<?> deadline;
        private boolean firstBytes = true;
        /** Characters on the current head line (CR not counted) and whether the head has any yet. */
        private int lineLength;
        private boolean headStarted;

        HeadDeadline(long nanos) {
            this.nanos = nanos;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            if (ctx.channel().isActive()) {
                arm(ctx);
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            arm(ctx);
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disarm();
            ctx.fireChannelInactive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (state != State.OFF && msg instanceof ByteBuf bytes && bytes.isReadable()) {
                if (firstBytes) {
                    firstBytes = false;
                    // HTTP/2 (prior knowledge) has no heads to time; a TLS handshake (0x16) means the
                    // bytes seen here are encrypted (TLS ends at the ingress here): both left alone.
                    if (startsWith(bytes, HTTP2_PREFACE) || bytes.getByte(bytes.readerIndex()) == 0x16) {
                        off();
                    }
                }
                if (state == State.BETWEEN) {
                    state = State.HEAD;
                    lineLength = 0;
                    headStarted = false;
                    arm(ctx);
                }
                if (state == State.HEAD && headEndsIn(bytes)) {
                    state = State.REQUEST;
                    disarm();
                }
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (state == State.REQUEST && msg instanceof ByteBuf bytes && bytes.isReadable()) {
                int informational = informationalStatus(bytes);
                if (informational == 101) {
                    off(); // upgraded (h2c, WebSocket): no more HTTP/1 heads
                } else if (informational < 0) {
                    state = State.BETWEEN; // the answer has begun: the next head starts the clock again
                }
            }
            super.write(ctx, msg, promise);
        }

        /** Scans for the empty line that ends a head (CRLF or bare LF line ends; leading empty lines skipped). */
        private boolean headEndsIn(ByteBuf bytes) {
            for (int i = bytes.readerIndex(); i < bytes.writerIndex(); i++) {
                byte b = bytes.getByte(i);
                if (b == '\n') {
                    if (lineLength == 0 && headStarted) {
                        return true;
                    }
                    lineLength = 0;
                } else if (b != '\r') {
                    lineLength++;
                    headStarted = true;
                }
            }
            return false;
        }

        private void arm(ChannelHandlerContext ctx) {
            if (deadline != null || state == State.OFF) {
                return;
            }
            deadline = ctx.executor().schedule(() -> {
                deadline = null;
                if (state == State.HEAD) {
                    LOG.debugf("closing %s: request head not complete in time", ctx.channel().remoteAddress());
                    ctx.close();
                }
            }, nanos, TimeUnit.NANOSECONDS);
        }

        private void disarm() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }

        private void off() {
            state = State.OFF;
            disarm();
        }

        private static boolean startsWith(ByteBuf bytes, byte[] prefix) {
            if (bytes.readableBytes() < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (bytes.getByte(bytes.readerIndex() + i) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        /** The status of an informational (1xx) HTTP/1 response head at the start of these bytes, else -1. */
        private static int informationalStatus(ByteBuf bytes) {
            int start = bytes.readerIndex();
            if (bytes.readableBytes() < 12 || bytes.getByte(start) != 'H' || bytes.getByte(start + 4) != '/'
                    || bytes.getByte(start + 9) != '1') {
                return -1;
            }
            return (bytes.getByte(start + 9) - '0') * 100 + (bytes.getByte(start + 10) - '0') * 10
                    + (bytes.getByte(start + 11) - '0');
        }
    }
}
