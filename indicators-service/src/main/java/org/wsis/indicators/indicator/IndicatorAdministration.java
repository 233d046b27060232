package org.wsis.indicators.indicator;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.wsis.commons.audit.AuditLog;
import org.wsis.commons.i18n.NewTranslation;
import org.wsis.commons.i18n.StoredTranslation;
import org.wsis.commons.i18n.Translations;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.commons.time.ServiceClock;
import org.wsis.indicators.sdmx.StructureRevision;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Indicator definitions changed by ITU staff (issue 20 item 4): a new definition is version 1, each change a new
 * version (every version kept in indicator_version); the SDMX code list CL_INDICATOR gets its next minor version
 * and the structure revision moves, in the same transaction as the change and its audit entry.
 */
@ApplicationScoped
public class IndicatorAdministration {
    public record Version(int version, Map<String, Object> definition, OffsetDateTime changedAt, String changedBy) {
    }

    private final EntityManager entityManager;
    private final AuditLog audit;
    private final StructureRevision revision;
    private final CurrentUser caller;
    private final Clock clock;
    private final ObjectMapper mapper;

    public IndicatorAdministration(EntityManager entityManager, AuditLog audit, StructureRevision revision, CurrentUser caller,
                                   Clock clock, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.audit = audit;
        this.revision = revision;
        this.caller = caller;
        this.clock = clock;
        this.mapper = mapper;
    }

    @Transactional
    public Indicator define(IndicatorDefinition definition) {
        if (definition.code() == null) {
            throw ProblemException.malformed("code", "must not be null");
        }
        requireAgency(definition.custodian());
        if (Indicator.findById(definition.code()) != null) {
            throw ProblemException.conflict("Indicator " + definition.code() + " already exists; change it with PUT /api/v1/indicators/" + definition.code());
        }
        Indicator indicator = new Indicator();
        indicator.code = definition.code();
        indicator.version = 1;
        apply(indicator, definition);
        indicator.persist();
        entityManager.flush();
        keep(indicator);
        revision.bumpCodelist("CL_INDICATOR");
        audit.record("indicator.defined", "indicator", indicator.code, null, state(indicator), null);
        return indicator;
    }

    /** A new version when anything differs; the same definition again changes nothing (a safe retry). */
    @Transactional
    public Indicator change(String code, IndicatorDefinition definition) {
        Indicator indicator = entityManager.find(Indicator.class, code, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (indicator == null) {
            throw ProblemException.notFound("Indicator", code);
        }
        if (definition.code() != null && !definition.code().equals(code)) {
            throw ProblemException.invalid("code", "is " + definition.code() + " but the path names " + code + "; an indicator code never changes");
        }
        requireAgency(definition.custodian());
        Map<String, Object> before = state(indicator);
        apply(indicator, definition);
        Map<String, Object> after = state(indicator);
        if (before.equals(after)) {
            return indicator;
        }
        indicator.version++;
        entityManager.flush();
        keep(indicator);
        revision.bumpCodelist("CL_INDICATOR");
        Map<String, Object> auditedBefore = new LinkedHashMap<>(before);
        auditedBefore.put("version", indicator.version - 1);
        Map<String, Object> auditedAfter = new LinkedHashMap<>(after);
        auditedAfter.put("version", indicator.version);
        audit.record("indicator.changed", "indicator", code, auditedBefore, auditedAfter, null);
        return indicator;
    }

    /**
     * ITU staff give (or replace) an indicator's name ({@code title}) and methodology ({@code description}) in another UN
     * language, with its origin. Reference data staff write: the write is the moderation (no review step). Not a new
     * version of the definition (that is the English text), but the next SDMX version of CL_INDICATOR, whose code names
     * change. The same text and origin again changes nothing (a safe retry). Audited by the languages, as prizes' categories.
     */
    @Transactional
    public Indicator translate(String code, String language, NewTranslation request) {
        Indicator indicator = entityManager.find(Indicator.class, code, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (indicator == null) {
            throw ProblemException.notFound("Indicator", code);
        }
        if (language.equals(Indicator.LANGUAGE)) {
            throw ProblemException.invalid("language", "indicator definitions are written in English: change the name and methodology"
                    + " with PUT /api/v1/indicators/" + code);
        }
        StoredTranslation translation = StoredTranslation.of(request, caller.subject(), ServiceClock.utcNow(clock));
        if (translation.description != null && indicator.methodology == null) {
            throw ProblemException.invalid("description", "indicator " + code + " has no methodology to translate");
        }
        StoredTranslation existing = indicator.translations.get(language);
        if (existing != null && existing.title.equals(translation.title) && java.util.Objects.equals(existing.description, translation.description)
                && existing.origin.equals(translation.origin)) {
            return indicator;
        }
        Map<String, Object> before = AuditLog.state("translations", List.copyOf(indicator.translations.keySet()));
        indicator.translations = Translations.with(indicator.translations, language, translation);
        entityManager.flush();
        revision.bumpCodelist("CL_INDICATOR");
        audit.record("indicator.translated", "indicator", code, before,
                AuditLog.state("translations", List.copyOf(indicator.translations.keySet())), language);
        return indicator;
    }

    public List<Version> versions(String code) {
        if (Indicator.findById(code) == null) {
            throw ProblemException.notFound("Indicator", code);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT version, definition::text, changed_at, changed_by FROM indicator_version WHERE code = ?1 ORDER BY version""")
                .setParameter(1, code).getResultList();
        return rows.stream().map(r -> new Version(((Number) r[0]).intValue(), json((String) r[1]),
                utc(r[2]), (String) r[3])).toList();
    }

    private static OffsetDateTime utc(Object time) {
        if (time instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(java.time.ZoneOffset.UTC);
        }
        if (time instanceof java.time.Instant t) {
            return t.atOffset(java.time.ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) time).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }

    private static void apply(Indicator indicator, IndicatorDefinition definition) {
        indicator.name = definition.name().strip();
        indicator.unit = definition.unit().strip();
        indicator.unitMultiplier = definition.multiplier();
        indicator.sdgIndicator = definition.sdgIndicator();
        indicator.custodian = definition.custodian();
        indicator.methodology = definition.methodology() == null || definition.methodology().isBlank() ? null : definition.methodology().strip();
    }

    private void keep(Indicator indicator) {
        try {
            entityManager.createNativeQuery("""
                    INSERT INTO indicator_version (code, version, definition, changed_at, changed_by) VALUES (?1, ?2, CAST(?3 AS jsonb), ?4, ?5)""")
                    .setParameter(1, indicator.code).setParameter(2, indicator.version)
                    .setParameter(3, mapper.writeValueAsString(state(indicator)))
                    .setParameter(4, ServiceClock.utcNow(clock)).setParameter(5, caller.subject()).executeUpdate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> state(Indicator i) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("code", i.code);
        state.put("name", i.name);
        state.put("unit", i.unit);
        state.put("unitMultiplier", i.unitMultiplier);
        state.put("sdgIndicator", i.sdgIndicator);
        state.put("custodian", i.custodian);
        state.put("methodology", i.methodology);
        return state;
    }

    private Map<String, Object> json(String text) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = mapper.readValue(text, LinkedHashMap.class);
            return map;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void requireAgency(String agency) {
        if (((Number) entityManager.createNativeQuery("SELECT count(*) FROM agency WHERE code = ?1")
                .setParameter(1, agency).getSingleResult()).intValue() == 0) {
            throw ProblemException.invalid("custodian", "agency " + agency + " is not known; add it with POST /api/v1/agencies");
        }
    }
}
