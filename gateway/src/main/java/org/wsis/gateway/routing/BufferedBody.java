package org.wsis.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Reads a small request body whole, within a deadline, before the service is contacted. Five
 * clients that declared a body and never finished it used to hold five service connections until
 * the upstream timeout, and those timeouts opened the service's circuit for everyone. Read here
 * first, a slow client costs only its own connection to the gateway and gets a 408.
 */
final class BufferedBody {

    /** The body did not arrive in time. */
    static final class TooSlowException extends RuntimeException {
        TooSlowException() {
            super("request body not received in time", null, false, false);
        }
    }

    private BufferedBody() {
    }

    static Future<Buffer> read(Vertx vertx, ReadStream<Buffer> body, long expectedBytes, long timeoutMillis) {
        Promise<Buffer> promise = Promise.promise();
        Buffer buffer = Buffer.buffer((int) Math.max(0, expectedBytes));
        long timer = vertx.setTimer(timeoutMillis, id -> promise.tryFail(new TooSlowException()));
        body.handler(buffer::appendBuffer);
        body.exceptionHandler(failure -> {
            vertx.cancelTimer(timer);
            promise.tryFail(failure);
        });
        body.endHandler(v -> {
            vertx.cancelTimer(timer);
            promise.tryComplete(buffer);
        });
        body.resume();
        return promise.future();
    }
}
