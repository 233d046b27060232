package org.wsis.commons.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.wsis.commons.events.Outbox;
import org.wsis.commons.paging.Page;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.time.ServiceClock;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The audit log of admin and moderator decisions (issue 20), one mechanism for every service: a decision's
 * service method calls {@link #record} inside its own transaction, which writes the append-only
 * {@code audit_entry} row (shared DDL {@code db/platform-events/V0_3}, UPDATE/DELETE refused by a trigger) and
 * its {@code org.wsis.audit.entry.recorded.v1} event to the outbox, so the decision, its audit row and its event
 * commit together or not at all.
 *
 * <p>Personal data: the actor is the token's subject (and roles), never a name or an e-mail; {@code before} and
 * {@code after} hold the decided-on state only (a status, dates, a flag, a code), never a whole record with its
 * contact details: callers pass small snapshots built for the purpose.
 */
@ApplicationScoped
public class AuditLog {
    public static final String EVENT_TYPE = "org.wsis.audit.entry.recorded.v1";
    /**
     * OpenAPI extension on every admin or moderator operation: the audit action(s) it records, comma-separated
     * ({@code @Extension(name = AuditLog.OPERATION_EXTENSION, value = "entry.published")}). e2e ApiContractTest
     * fails for a non-GET operation only staff roles may call that lacks it or leaves no such entry.
     */
    public static final String OPERATION_EXTENSION = "x-wsis-audited";
    /** The actor of a decision taken without a caller (a scheduled job). */
    public static final String SYSTEM_ACTOR = "system";

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final Outbox outbox;
    private final Clock clock;
    private final Instance<SecurityIdentity> identity;
    private final String service;
    private final String topic;

    AuditLog(EntityManager entityManager, ObjectMapper mapper, Outbox outbox, Clock clock, Instance<SecurityIdentity> identity,
             @ConfigProperty(name = "quarkus.application.name") String service) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.outbox = outbox;
        this.clock = clock;
        this.identity = identity;
        this.service = service;
        this.topic = topicOf(service);
    }

    /** Each service's audit events go to its own topic: stocktaking-service publishes on stocktaking.audit. */
    public static String topicOf(String service) {
        return service.replaceFirst("-service$", "") + ".audit";
    }

    /**
     * Records a decision taken by the caller, in the caller's transaction (which must exist).
     *
     * @param action     {@code <target>.<verb>} in the past tense, e.g. {@code entry.published}
     * @param targetType e.g. {@code entry}
     * @param targetId   the target's id (a UUID, a year, a code)
     * @param before     the decided-on state before, as a JSON object (a record or a map); null when created
     * @param after      the decided-on state after; null when removed
     * @param reason     the reason given, when the operation takes one
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry record(String action, String targetType, Object targetId, Object before, Object after, String reason) {
        AuditEntry entry = new AuditEntry(UUID.randomUUID(), service, ServiceClock.utcNow(clock), actor(),
                Objects.requireNonNull(action), Objects.requireNonNull(targetType), String.valueOf(Objects.requireNonNull(targetId)),
                snapshot(before), snapshot(after), reason);
        entityManager.createNativeQuery("""
                        INSERT INTO audit_entry (id, occurred_at, actor_subject, actor_roles, action, target_type, target_id,
                                                 before_state, after_state, reason)
                        VALUES (?1, ?2, ?3, CAST(?4 AS text[]), ?5, ?6, ?7, CAST(?8 AS jsonb), CAST(?9 AS jsonb), ?10)""")
                .setParameter(1, entry.id())
                .setParameter(2, entry.occurredAt())
                .setParameter(3, entry.actor().subject())
                .setParameter(4, textArray(entry.actor().roles()))
                .setParameter(5, entry.action())
                .setParameter(6, entry.targetType())
                .setParameter(7, entry.targetId())
                .setParameter(8, json(entry.before()))
                .setParameter(9, json(entry.after()))
                .setParameter(10, entry.reason())
                .executeUpdate();
        outbox.publish(topic, entry.targetType() + ":" + entry.targetId(), EVENT_TYPE, entry);
        return entry;
    }

    /** A small state snapshot as an ordered map, for callers that have no record for it: {@code state("status", s)}. */
    public static Map<String, Object> state(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, Object> state = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            state.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return state;
    }

    /** Most entries {@link #trail} returns: a feature's own history view, not an export (that is the events). */
    public static final int TRAIL_LIMIT = 1000;

    /** One target's entries of one action, oldest first (at most {@link #TRAIL_LIMIT}): a feature's own history view. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntry> trail(String action, String targetType, String targetId) {
        return search(new AuditFilter(null, action, targetType, targetId, null, null), "seq", new PageParams(0, TRAIL_LIMIT)).items();
    }

    /** The entries matching {@code filter}, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditEntry> search(AuditFilter filter, PageParams page) {
        return search(filter, "seq DESC", page);
    }

    private Page<AuditEntry> search(AuditFilter filter, String order, PageParams page) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> parameters = new ArrayList<>();
        condition(where, parameters, "actor_subject = ?", filter.actor());
        condition(where, parameters, "action = ?", filter.action());
        condition(where, parameters, "target_type = ?", filter.targetType());
        condition(where, parameters, "target_id = ?", filter.targetId());
        condition(where, parameters, "occurred_at >= ?", filter.from());
        condition(where, parameters, "occurred_at < ?", filter.to());
        var count = entityManager.createNativeQuery("SELECT count(*) FROM audit_entry" + where);
        var rows = entityManager.createNativeQuery("""
                SELECT id, occurred_at, actor_subject, array_to_string(actor_roles, ','), action, target_type, target_id,
                       CAST(before_state AS text), CAST(after_state AS text), reason
                FROM audit_entry""" + where + " ORDER BY " + order + " LIMIT " + page.size + " OFFSET " + page.offset());
        for (int i = 0; i < parameters.size(); i++) {
            count.setParameter(i + 1, parameters.get(i));
            rows.setParameter(i + 1, parameters.get(i));
        }
        long total = ((Number) count.getSingleResult()).longValue();
        List<AuditEntry> items = new ArrayList<>();
        for (Object row : rows.getResultList()) {
            Object[] columns = (Object[]) row;
            String roles = (String) columns[3];
            items.add(new AuditEntry((UUID) columns[0], service, utc(columns[1]),
                    new AuditEntry.Actor((String) columns[2], roles.isEmpty() ? List.of() : List.of(roles.split(","))),
                    (String) columns[4], (String) columns[5], (String) columns[6],
                    parse((String) columns[7]), parse((String) columns[8]), (String) columns[9]));
        }
        return new Page<>(items, page.page, page.size, total);
    }

    private static void condition(StringBuilder where, List<Object> parameters, String sql, Object value) {
        if (value != null) {
            parameters.add(value);
            where.append(" AND ").append(sql.replace("?", "?" + parameters.size()));
        }
    }

    private AuditEntry.Actor actor() {
        // a scheduled job has no request, hence no caller
        if (!Arc.container().requestContext().isActive() || identity.isUnsatisfied() || identity.get().isAnonymous()) {
            return new AuditEntry.Actor(SYSTEM_ACTOR, List.of());
        }
        SecurityIdentity caller = identity.get();
        return new AuditEntry.Actor(caller.getPrincipal().getName(), caller.getRoles().stream().sorted().toList());
    }

    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    /** The state as JSON types (times as ISO-8601 text), so what record returns equals what search reads back. */
    private Map<String, Object> snapshot(Object state) {
        if (state == null) {
            return null;
        }
        JsonNode node = mapper.valueToTree(state);
        if (!node.isObject()) {
            throw new IllegalArgumentException("an audit snapshot is a JSON object, not " + node.getNodeType());
        }
        return mapper.convertValue(node, OBJECT);
    }

    private String json(Map<String, Object> state) {
        try {
            return state == null ? null : mapper.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> parse(String json) {
        try {
            return json == null ? null : mapper.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit_entry holds JSON the database accepted", e);
        }
    }

    /** PostgreSQL text[] literal; roles are realm role names, quoted all the same. */
    private static String textArray(List<String> values) {
        StringBuilder array = new StringBuilder("{");
        for (String value : values) {
            if (array.length() > 1) {
                array.append(',');
            }
            array.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return array.append('}').toString();
    }

    private static OffsetDateTime utc(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }
}
