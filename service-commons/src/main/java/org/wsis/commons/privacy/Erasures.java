package org.wsis.commons.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.wsis.commons.events.Outbox;
import org.wsis.commons.time.ServiceClock;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One erasure, platform-wide (issue 20). A person asks at any service ({@code POST /api/v1/me/erasure}): that service
 * records the erasure and publishes {@link ErasureEvents#REQUESTED} on its own {@code <service>.privacy} topic
 * through the outbox, in one transaction. Every service (the origin too) consumes the request from the four
 * privacy topics ({@link PrivacyEvents}, the commons inbox), and, in one transaction: erases what its
 * {@link PersonalDataHolder}s hold on the person, deletes their consent records, the idempotent responses they
 * stored and published outbox rows naming them, records its confirmation and publishes
 * {@link ErasureEvents#CONFIRMED}. Every service records every confirmation it consumes, so the person reads the
 * status ({@code GET /api/v1/me/erasure}) at any service.
 *
 * <p>Only the SHA-256 of the subject ({@link SubjectHash}) is recorded and sent. The append-only audit log is not
 * touched: it names admins and moderators (actor subject) and the ids of what they decided on, never a name or an
 * e-mail (see {@code audit/AuditLog}).
 */
@ApplicationScoped
public class Erasures {
    private static final Logger LOG = Logger.getLogger(Erasures.class);
    /** What an erased text or identifier becomes in stores that keep the rest (unpublished outbox rows). */
    public static final String ERASED = "[erased]";

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Instance<PersonalDataHolder> holders;
    private final String service;
    private final List<String> services;

    Erasures(EntityManager entityManager, Outbox outbox, ObjectMapper mapper, Clock clock, Instance<PersonalDataHolder> holders,
             @ConfigProperty(name = "quarkus.application.name") String service,
             @ConfigProperty(name = "wsis.privacy.services") List<String> services) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.mapper = mapper;
        this.clock = clock;
        this.holders = holders;
        this.service = service;
        this.services = services;
    }

    /** Where an erasure stands: which services confirmed, which have not yet. */
    public record Status(UUID id, String origin, OffsetDateTime requestedAt, List<Confirmation> confirmations,
                         List<String> pending, boolean complete) {
    }

    public record Confirmation(String service, OffsetDateTime confirmedAt, Map<String, Integer> erased) {
    }

    /** Records the caller's erasure and publishes it; every service (this one too) then erases and confirms. */
    @Transactional
    public Status request(String subject) {
        ErasureEvents.Requested requested = new ErasureEvents.Requested(UUID.randomUUID(), SubjectHash.of(subject), service,
                ServiceClock.utcNow(clock));
        record(requested);
        outbox.publish(ErasureEvents.topicOf(service), requested.erasureId().toString(), ErasureEvents.REQUESTED, requested);
        return new Status(requested.erasureId(), service, requested.requestedAt(), List.of(), services, false);
    }

    /** The caller's erasures, newest first (at most 20: the same person asks a few times, not hundreds). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Status> of(String subject) {
        @SuppressWarnings("unchecked")
        List<Object[]> erasures = entityManager.createNativeQuery("""
                        SELECT id, origin, requested_at FROM privacy_erasure WHERE subject_hash = ?1
                        ORDER BY requested_at DESC LIMIT 20""")
                .setParameter(1, SubjectHash.of(subject)).getResultList();
        List<Status> statuses = new ArrayList<>();
        for (Object[] erasure : erasures) {
            UUID id = (UUID) erasure[0];
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                            SELECT service, confirmed_at, CAST(erased AS text) FROM privacy_erasure_confirmation
                            WHERE erasure_id = ?1 ORDER BY service""").setParameter(1, id).getResultList();
            List<Confirmation> confirmations = rows.stream()
                    .map(row -> new Confirmation((String) row[0], time(row[1]), counts((String) row[2]))).toList();
            List<String> pending = services.stream()
                    .filter(s -> confirmations.stream().noneMatch(c -> c.service().equals(s))).toList();
            statuses.add(new Status(id, (String) erasure[1], time(erasure[2]), confirmations, pending, pending.isEmpty()));
        }
        return statuses;
    }

    /** A request from any service (this one's too): erase here, confirm, in the inbox's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(ErasureEvents.Requested requested) {
        record(requested);
        Map<String, Integer> erased = new TreeMap<>();
        Set<String> identifiers = new HashSet<>();
        for (PersonalDataHolder holder : holders) {
            PersonalDataHolder.Erased result = holder.erase(requested.subjectHash());
            result.counts().forEach((kind, count) -> erased.merge(kind, count, Integer::sum));
            result.identifiers().stream().filter(i -> i != null && i.length() >= 3).forEach(identifiers::add);
        }
        erased.put("consents", entityManager.createNativeQuery(
                        "DELETE FROM consent_record WHERE " + SubjectHash.matches("subject_id", 1))
                .setParameter(1, requested.subjectHash()).executeUpdate());
        erased.put("idempotentResponses", eraseIdempotentResponses(requested.subjectHash(), identifiers));
        erased.put("outboxEvents", eraseOutbox(identifiers));
        ErasureEvents.Confirmed confirmed = new ErasureEvents.Confirmed(requested.erasureId(), requested.subjectHash(), service,
                ServiceClock.utcNow(clock), erased);
        confirmed(confirmed);
        outbox.publish(ErasureEvents.topicOf(service), requested.erasureId().toString(), ErasureEvents.CONFIRMED, confirmed);
        LOG.infof("Erasure %s applied: %s", requested.erasureId(), erased);
    }

    /** Another service's (or this one's) confirmation, recorded for the status. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void confirmed(ErasureEvents.Confirmed confirmed) {
        entityManager.createNativeQuery("""
                        INSERT INTO privacy_erasure_confirmation (erasure_id, service, confirmed_at, erased)
                        VALUES (?1, ?2, ?3, CAST(?4 AS jsonb)) ON CONFLICT DO NOTHING""")
                .setParameter(1, confirmed.erasureId()).setParameter(2, confirmed.service())
                .setParameter(3, confirmed.confirmedAt()).setParameter(4, json(confirmed.erased() == null ? Map.of() : confirmed.erased()))
                .executeUpdate();
    }

    private void record(ErasureEvents.Requested requested) {
        entityManager.createNativeQuery("""
                        INSERT INTO privacy_erasure (id, subject_hash, origin, requested_at) VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, requested.erasureId()).setParameter(2, requested.subjectHash())
                .setParameter(3, requested.origin()).setParameter(4, requested.requestedAt()).executeUpdate();
    }

    /** Stored responses of the person's own requests, and any other stored response that names them. */
    private int eraseIdempotentResponses(String subjectHash, Set<String> identifiers) {
        int erased = entityManager.createNativeQuery("DELETE FROM idempotency_key WHERE " + SubjectHash.matches("caller", 1))
                .setParameter(1, subjectHash).executeUpdate();
        for (String identifier : identifiers) {
            erased += entityManager.createNativeQuery("DELETE FROM idempotency_key WHERE strpos(response_body, ?1) > 0")
                    .setParameter(1, identifier).executeUpdate();
        }
        return erased;
    }

    /**
     * Published outbox rows naming the person are deleted (Kafka has them, for its retention); rows not yet sent
     * have the identifiers replaced, so what is sent after the erasure names nobody.
     */
    private int eraseOutbox(Set<String> identifiers) {
        int erased = 0;
        for (String identifier : identifiers) {
            erased += entityManager.createNativeQuery(
                            "DELETE FROM outbox_event WHERE published_at IS NOT NULL AND strpos(payload, ?1) > 0")
                    .setParameter(1, identifier).executeUpdate();
            erased += entityManager.createNativeQuery(
                            "UPDATE outbox_event SET payload = replace(payload, ?1, ?2) WHERE published_at IS NULL AND strpos(payload, ?1) > 0")
                    .setParameter(1, identifier).setParameter(2, ERASED).executeUpdate();
        }
        return erased;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Integer> counts(String json) {
        try {
            Map<String, Integer> counts = new LinkedHashMap<>();
            mapper.readTree(json).fields().forEachRemaining(f -> counts.put(f.getKey(), f.getValue().asInt()));
            return counts;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static OffsetDateTime time(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }
}
