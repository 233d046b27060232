package org.wsis.commons.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;
import org.wsis.commons.problem.Problem;
import org.wsis.commons.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        requireValidKey(key);
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

    /** 400 problem unless the header value is a well-formed key (null, no key, is fine). */
    public static void requireValidKey(String key) {
        if (key != null && !VALID_KEY.matcher(key).matches()) {
            throw new ProblemException(Problem.of(400, "validation", "Invalid request",
                            HEADER + " must be 8-128 characters of A-Z a-z 0-9 . _ : -")
                    .withErrors(List.of(new Problem.FieldError(HEADER, "invalid format"))));
        }
    }

    // --- The same rules for writes made in batches (commons GroupCommit): claim, write, settle. ---

    /** One caller's keyed write in a batch; {@code requestHash} is {@link #fingerprint} of its request. */
    public record Claim(String caller, String key, String requestHash) {
    }

    /**
     * Inserts the keys of a batch's writes in the current transaction. A key that exists already (or
     * is being written by a concurrent transaction, which this waits for) is not claimed: that write
     * must not run again, and {@link #replay} answers it after the batch. The callers must be distinct.
     *
     * @return the callers whose key was claimed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> claimAll(String scope, List<Claim> claims) {
        if (claims.isEmpty()) {
            return Set.of();
        }
        return jdbc(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO idempotency_key (scope, caller, idempotency_key, request_hash)
                    SELECT ?, c.caller, c.idempotency_key, c.request_hash
                    FROM unnest(?::text[], ?::text[], ?::text[]) AS c (caller, idempotency_key, request_hash)
                    ON CONFLICT DO NOTHING RETURNING caller""")) {
                insert.setString(1, scope);
                insert.setArray(2, connection.createArrayOf("text", claims.stream().map(Claim::caller).toArray()));
                insert.setArray(3, connection.createArrayOf("text", claims.stream().map(Claim::key).toArray()));
                insert.setArray(4, connection.createArrayOf("text", claims.stream().map(Claim::requestHash).toArray()));
                Set<String> claimed = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(rows.getString(1));
                    }
                }
                return claimed;
            }
        });
    }

    /**
     * After a batch's writes, in the same transaction: stores the response of each claimed write that
     * succeeded (a retry replays it) and releases the key of each that was refused (a retry runs again,
     * as after a failed single write, whose key rolls back with it).
     *
     * @param responses the succeeded claims and their response entities (stored as JSON, as {@link #execute} does)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settleAll(String scope, int status, Map<Claim, Object> responses, List<Claim> refused) {
        jdbc(connection -> {
            if (!responses.isEmpty()) {
                try (PreparedStatement update = connection.prepareStatement("""
                        UPDATE idempotency_key k SET response_status = ?, response_body = r.body
                        FROM unnest(?::text[], ?::text[], ?::text[]) AS r (caller, idempotency_key, body)
                        WHERE k.scope = ? AND k.caller = r.caller AND k.idempotency_key = r.idempotency_key""")) {
                    update.setInt(1, status);
                    update.setArray(2, connection.createArrayOf("text", responses.keySet().stream().map(Claim::caller).toArray()));
                    update.setArray(3, connection.createArrayOf("text", responses.keySet().stream().map(Claim::key).toArray()));
                    update.setArray(4, connection.createArrayOf("text", responses.values().stream().map(this::toJson).toArray()));
                    update.setString(5, scope);
                    update.executeUpdate();
                }
            }
            if (!refused.isEmpty()) {
                try (PreparedStatement delete = connection.prepareStatement("""
                        DELETE FROM idempotency_key k USING unnest(?::text[], ?::text[]) AS r (caller, idempotency_key)
                        WHERE k.scope = ? AND k.caller = r.caller AND k.idempotency_key = r.idempotency_key""")) {
                    delete.setArray(1, connection.createArrayOf("text", refused.stream().map(Claim::caller).toArray()));
                    delete.setArray(2, connection.createArrayOf("text", refused.stream().map(Claim::key).toArray()));
                    delete.setString(3, scope);
                    delete.executeUpdate();
                }
            }
            return null;
        });
    }

    private <T> T jdbc(ReturningWork<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(work);
    }

    /**
     * The stored response of a key's first write: what a retry gets. 422 when the key came with
     * another request ({@code hash} differs).
     */
    public Response replay(String scope, String caller, String key, String hash) {
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

    // Keys are kept wsis.retention.idempotency-hours (24), then purged by privacy/SharedStoreRetention.

    /** What identifies a request's content: the SHA-256 of its JSON. */
    public String fingerprint(Object request) {
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
