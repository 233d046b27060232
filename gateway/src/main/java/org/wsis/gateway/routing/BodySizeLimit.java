package org.wsis.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Wraps a request body streamed without Content-Length and counts its bytes on the way through.
 * Past the limit it stops passing data on and reports the overflow, so the gateway answers 413.
 * (Bodies with a Content-Length are checked before anything is sent upstream.)
 */
final class BodySizeLimit implements ReadStream<Buffer> {

    /** Failure the body stream ends with when the limit is exceeded. */
    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super("request body too large", null, false, false);
        }
    }

    private final ReadStream<Buffer> source;
    private final long maxBytes;
    private final Runnable onOverflow;
    private long count;
    private boolean overflowed;
    private Handler<Throwable> exceptionHandler;

    BodySizeLimit(ReadStream<Buffer> source, long maxBytes, Runnable onOverflow) {
        this.source = source;
        this.maxBytes = maxBytes;
        this.onOverflow = onOverflow;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
            return this;
        }
        source.handler(chunk -> {
            if (overflowed) {
                return;
            }
            count += chunk.length();
            if (count > maxBytes) {
                overflowed = true;
                onOverflow.run();
                if (exceptionHandler != null) {
                    exceptionHandler.handle(new BodyTooLargeException());
                }
                return;
            }
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        source.endHandler(endHandler == null ? null : v -> {
            if (!overflowed) {
                endHandler.handle(v);
            }
        });
        return this;
    }
}
