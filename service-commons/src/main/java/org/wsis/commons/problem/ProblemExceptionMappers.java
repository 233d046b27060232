package org.wsis.commons.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.wsis.commons.http.PublicUrls;
import org.wsis.commons.security.ExpectedIssuer;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Every error a client can see, as RFC 9457 problem+json. Never a stack trace. */
public class ProblemExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    private final PublicUrls publicUrls;
    private final ExpectedIssuer expectedIssuer;

    ProblemExceptionMappers(PublicUrls publicUrls, ExpectedIssuer expectedIssuer) {
        this.publicUrls = publicUrls;
        this.expectedIssuer = expectedIssuer;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = respond(e.problem(), uri);
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri); // the JSON reader wraps parse errors
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType statusInfo = original.getStatusInfo();
        String kind = statusInfo.getReasonPhrase().toLowerCase().replaceAll("[^a-z]+", "-");
        String detail = status == 404 ? "No resource at " + publicUrls.publicPath(uri.getPath()) : e.getMessage();
        Response.ResponseBuilder response = respond(Problem.of(status, kind, statusInfo.getReasonPhrase(), detail), uri);
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }

    /** Bean Validation on resource parameters and bodies: 400 naming every offending field. */
    @ServerExceptionMapper
    public Response violations(ResteasyReactiveViolationException e, UriInfo uri) {
        return violations((ConstraintViolationException) e, uri);
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(err -> err.field() + ": " + err.message()).collect(Collectors.joining("; "));
        return respond(Problem.of(400, "validation", "Invalid request", detail).withErrors(errors), uri).build();
    }

    /** Quarkus has its own, non-problem mappers for these two; ours take precedence. */
    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    /** Malformed JSON, a wrong type, or an unknown field. */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        if (isSyntaxError(e)) {
            return respond(Problem.of(400, "malformed-json", "Malformed JSON",
                    "The request body is not valid JSON: " + e.getOriginalMessage()), uri).build();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return respond(Problem.of(400, "validation", "Invalid request", "Unknown field '" + field + "'")
                    .withErrors(List.of(new Problem.FieldError(field, "unknown field"))), uri).build();
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            return respond(Problem.of(400, "validation", "Invalid request", "Field '" + field + "' has the wrong type or format")
                    .withErrors(List.of(new Problem.FieldError(field, "wrong type or format"))), uri).build();
        }
        return respond(Problem.of(400, "malformed-json", "Malformed JSON",
                "The request body is not valid JSON: " + e.getOriginalMessage()), uri).build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        String wrongIssuer = expectedIssuer.mismatch(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (wrongIssuer != null) {
            return respond(Problem.of(401, "untrusted-issuer", "Token from another issuer", wrongIssuer), uri)
                    .header("WWW-Authenticate", "Bearer realm=\"wsis\", error=\"invalid_token\"").build();
        }
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "forbidden", "Forbidden", "Your roles do not allow this operation"), uri).build();
    }

    /** A bug, not bad input: log it with a reference the client can quote. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (isDatabaseUnavailable(e)) {
            // PostgreSQL restarting or unreachable: say so at once; the pool reconnects by itself
            LOG.warnf("Database unavailable on %s: %s", uri.getPath(), e.getMessage());
            return respond(Problem.of(503, "service-unavailable", "Service unavailable",
                    "The service's database is unavailable; retry shortly"), uri)
                    .header("Retry-After", "5").build();
        }
        Problem refusedByDatabase = refusedByDatabase(e);
        if (refusedByDatabase != null) {
            // a safety net: the service should have validated this itself, so log it to fix that
            LOG.warnf("Input refused by PostgreSQL on %s: %s", uri.getPath(), refusedByDatabase.detail());
            return respond(refusedByDatabase, uri).build();
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", reference, uri.getPath());
        return respond(Problem.of(500, "internal", "Internal error",
                "An unexpected error occurred; quote reference " + reference + " when reporting it"), uri).build();
    }

    private Response unauthenticated(UriInfo uri) {
        return respond(Problem.of(401, "unauthenticated", "Unauthenticated",
                "A valid bearer token from the wsis realm is required"), uri)
                .header("WWW-Authenticate", "Bearer realm=\"wsis\"").build();
    }

    /** The problem of this request; its instance is the path the caller used (through the gateway, the public one). */
    private Response.ResponseBuilder respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(publicUrls.publicPath(uri.getPath())));
    }

    /** "create.request.title" → "title"; a query parameter keeps its own name. */
    /**
     * The field a violation names, as the client wrote it: {@code speakers[0]}, {@code items[2].name},
     * {@code translations[de]} (a map key), {@code translations[fr].title} (a property of a map value).
     */
    static String fieldName(ConstraintViolation<?> violation) {
        List<String> properties = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                // a node in a list or map carries the index or key of the element it is in, which follows the container
                Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (node.isInIterable() && at != null) {
                    properties.add("[" + at + "]");
                }
                // container elements are named like "<list element>" or "<map key>": the index or key says it all
                if (node.getName() != null && !node.getName().isEmpty() && !node.getName().startsWith("<")) {
                    properties.add(node.getName());
                }
            }
        }
        if (!properties.isEmpty()) {
            return String.join(".", properties).replace(".[", "[");
        }
        return parameter == null ? "request" : parameter;
    }

    /**
     * No connection to PostgreSQL: SQLState class 08 (connection exception), 57P01-57P03 (shut
     * down, crash, cannot connect now), or no free pooled connection within the acquisition timeout.
     */
    static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            // the pool gave no connection in time (Agroal says so only in its message): overloaded, retry later
            if (t instanceof java.sql.SQLException && String.valueOf(t.getMessage()).contains("acquisition timeout")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Input PostgreSQL itself refused: a data exception (SQLState class 22: NUL byte, value too long
     * or out of range) is bad input, a unique violation (23505) a conflict, other integrity
     * violations (23xxx) a broken rule. Never a 500 for input.
     */
    static Problem refusedByDatabase(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("22")) {
                    return Problem.of(400, "invalid-value", "Invalid value", "A value in the request is not acceptable (SQLState " + state + ")");
                }
                if (state.equals("23505")) {
                    return Problem.of(409, "conflict", "Conflict", "This already exists");
                }
                if (state.startsWith("23")) {
                    return Problem.of(422, "validation", "Invalid request", "The request breaks a data rule (SQLState " + state + ")");
                }
            }
        }
        return null;
    }

    /** Broken syntax or a truncated/empty body, as opposed to well-formed JSON of the wrong shape. */
    private static boolean isSyntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonParseException
                    || t instanceof com.fasterxml.jackson.core.io.JsonEOFException
                    || (t instanceof MismatchedInputException m && m.getOriginalMessage() != null
                    && m.getOriginalMessage().contains("end-of-input"))) {
                return true;
            }
        }
        return false;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
