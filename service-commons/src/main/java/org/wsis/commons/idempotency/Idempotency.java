package org.wsis.commons.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.wsis.commons.problem.Problem;
import org.wsis.commons.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs a write at most once per {@code Idempotency-Key}. The key row is inserted in the same
 * transaction as the write, so a failed write leaves no key and can be retried; a concurrent
 * duplicate waits on the key's unique index and then replays the first response.
 *
 * <pre>
 * return idempotency.execute("entries.create", key, caller.subject(), request, () -> ...201 response...);
 * </pre>
 */
@ApplicationScoped
public class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern VALID_KEY = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    private final EntityManager entityManager;
    private final ObjectMapper mapper;

    public Idempotency(EntityManager entityManager, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.mapper = mapper;
    }

    /**
     * @param key     the header value; null runs the write without idempotency
     * @param request what identifies the request's content (usually the body DTO)
     * @param write   performs the write and returns the success response (its entity is stored as JSON)
     */
    @Transactional
    public Response execute(String scope, String key, String caller, Object request, Supplier<Response> write) {
        if (key == null) {
            return write.get();
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw new ProblemException(Problem.of(400, "validation", "Invalid request",
                            HEADER + " must be 8-128 characters of A-Z a-z 0-9 . _ : -")
                    .withErrors(List.of(new Problem.FieldError(HEADER, "invalid format"))));
        }
        String hash = fingerprint(request);
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO idempotency_key (scope, caller, idempotency_key, request_hash)
                        VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING""")
                .setParameter(1, scope).setParameter(2, caller).setParameter(3, key).setParameter(4, hash)
                .executeUpdate();
        if (inserted == 0) {
            return replay(scope, caller, key, hash);
        }
        Response response = write.get();
        entityManager.createNativeQuery("""
                        UPDATE idempotency_key SET response_status = ?4, response_body = ?5, location = ?6
                        WHERE scope = ?1 AND caller = ?2 AND idempotency_key = ?3""")
                .setParameter(1, scope).setParameter(2, caller).setParameter(3, key)
                .setParameter(4, response.getStatus())
                .setParameter(5, toJson(response.getEntity()))
                .setParameter(6, response.getLocation() == null ? null : response.getLocation().toString())
                .executeUpdate();
        return response;
    }

    private Response replay(String scope, String caller, String key, String hash) {
        Object[] stored = (Object[]) entityManager.createNativeQuery("""
                        SELECT request_hash, response_status, response_body, location FROM idempotency_key
                        WHERE scope = ?1 AND caller = ?2 AND idempotency_key = ?3""")
                .setParameter(1, scope).setParameter(2, caller).setParameter(3, key).getSingleResult();
        if (!hash.equals(stored[0])) {
            throw new ProblemException(Problem.of(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "This " + HEADER + " was already used with a different request"));
        }
        Response.ResponseBuilder response = Response.status(((Number) stored[1]).intValue())
                .header(REPLAYED_HEADER, "true");
        if (stored[2] != null) {
            response.entity(stored[2]).type(MediaType.APPLICATION_JSON);
        }
        if (stored[3] != null) {
            response.header("Location", stored[3]);
        }
        return response.build();
    }

    /** Keys are kept for a day, long enough for any client's retries. */
    @Scheduled(every = "1h", delayed = "5m")
    void purgeOldKeys() {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "DELETE FROM idempotency_key WHERE created_at < now() - interval '24 hours'").executeUpdate());
    }

    private String fingerprint(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(toJson(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String toJson(Object value) {
        try {
            return value == null ? "null" : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not serialisable: " + value.getClass(), e);
        }
    }
}
