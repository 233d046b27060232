package org.wsis.commons.observability;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.regex.Pattern;

/**
 * Puts the gateway's request id into the logging context, so every log line of a request can be
 * found by the id the client was given (the trace id comes from OpenTelemetry the same way).
 */
public class RequestIdLogging {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    // ids are echoed into logs: accept only harmless characters, never a forged log line
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @ServerRequestFilter(preMatching = true)
    public void putRequestIdInLogContext(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (id != null && SAFE_ID.matcher(id).matches()) {
            MDC.put(MDC_KEY, id);
        } else {
            MDC.remove(MDC_KEY);
        }
    }
}
