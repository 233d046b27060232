package org.wsis.indicators.idi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.wsis.commons.audit.AuditLog;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.wsis.commons.problem.Problem;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.text.PlainText;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The idi_methodology table: published versions are only ever inserted (a database trigger refuses
 * UPDATE and DELETE), so a computed value that names id + version can always be recomputed.
 */
@ApplicationScoped
public class MethodologyStore {

    /** What ITU staff send: a whole methodology version. */
    @Schema(name = "IdiMethodologyRequest")
    public record MethodologyRequest(
            @Schema(description = "methodology id, e.g. IDI2023 (POST only; PUT takes it from the path)", pattern = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$") String id,
            @Schema(required = true, maxLength = 200) String name,
            @Schema(description = "true only for ITU's published values; values computed with it are then flagged official") Boolean official,
            @Schema(required = true, description = "the index's top value, e.g. 10 for the 2009-2017 IDI, 100 for IDI 2023") Double scale,
            @Schema(nullable = true, maxLength = 2000, description = "where the values come from") String source,
            @Schema(required = true) List<Methodology.Pillar> pillars) {
    }

    private record Definition(List<Methodology.Pillar> pillars) {
    }

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern CODE = Pattern.compile("[A-Z0-9_]{1,32}");
    private static final int MAX_PILLARS = 20;
    private static final int MAX_COMPONENTS = 50;
    private static final double MAX_MAGNITUDE = 1e15;
    private static final String COLUMNS = "id, version, name, official, scale, source, definition::text, published_at, published_by";

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final AuditLog audit;

    public MethodologyStore(AgroalDataSource dataSource, ObjectMapper mapper, AuditLog audit) {
        this.audit = audit;
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    public record Published(Methodology methodology, boolean created) {
    }

    public List<Methodology> list(int limit, int offset) {
        return query("SELECT " + COLUMNS + " FROM idi_methodology ORDER BY id, version LIMIT ? OFFSET ?", limit, offset);
    }

    public long count() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM idi_methodology");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Methodology> find(String id, int version) {
        return query("SELECT " + COLUMNS + " FROM idi_methodology WHERE id = ? AND version = ?", id, version).stream().findFirst();
    }

    public Optional<Methodology> latest(String id) {
        return query("SELECT " + COLUMNS + " FROM idi_methodology WHERE id = ? ORDER BY version DESC LIMIT 1", id).stream().findFirst();
    }

    /** The version asked for (null = latest), or 404. */
    public Methodology require(String id, Integer version) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ProblemException.notFound("IDI methodology", id);
        }
        Optional<Methodology> found = version == null ? latest(id) : find(id, version);
        return found.orElseThrow(() -> ProblemException.notFound("IDI methodology", version == null ? id : id + " version " + version));
    }

    /**
     * Publishes request as version (null = the next one). A version that exists is never changed: the
     * same content again is an idempotent replay (created = false), other content a 409. A new version and its
     * audit entry (the methodology published, as it was published) commit together: one transaction, in which the
     * data source's connection is enlisted.
     */
    @Transactional
    public Published publish(String id, Integer version, MethodologyRequest request, String publishedBy) {
        List<Methodology.Pillar> pillars = validate(id, request);
        String definition;
        try {
            definition = mapper.writeValueAsString(new Definition(pillars));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        boolean official = Boolean.TRUE.equals(request.official());
        String source = blankToNull(request.source());
        Optional<Methodology> latest = latest(id);
        int next = latest.map(m -> m.version() + 1).orElse(1);
        if (version != null && version < next) {
            Methodology existing = find(id, version).orElseThrow();
            if (existing.name().equals(request.name().trim()) && existing.official() == official && existing.scale() == request.scale()
                    && Objects.equals(existing.source(), source) && existing.pillars().equals(pillars)) {
                return new Published(existing, false);
            }
            throw ProblemException.conflict("IDI methodology " + id + " version " + version
                    + " is published and immutable; publish the change as version " + next);
        }
        if (version != null && version != next) {
            throw ProblemException.conflict("The next version of IDI methodology " + id + " is " + next + ", not " + version);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO idi_methodology (id, version, name, official, scale, source, definition, published_by) "
                     + "VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)")) {
            insert.setString(1, id);
            insert.setInt(2, next);
            insert.setString(3, request.name().trim());
            insert.setBoolean(4, official);
            insert.setDouble(5, request.scale());
            insert.setString(6, source);
            insert.setString(7, definition);
            insert.setString(8, publishedBy);
            insert.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw ProblemException.conflict("Version " + next + " of IDI methodology " + id + " was published by someone else meanwhile; "
                        + "read it and publish your change as the next version");
            }
            throw new IllegalStateException(e);
        }
        Methodology published = find(id, next).orElseThrow();
        audit.record("methodology.published", "methodology", id + "/" + next, null, AuditLog.state("id", id, "version", next,
                "name", published.name(), "official", published.official(), "scale", published.scale(),
                "source", published.source(), "pillars", published.pillars()), null);
        return new Published(published, true);
    }

    /** Every rule at once (422 listing each bad field); returns the pillars with default zero goalposts filled in. */
    List<Methodology.Pillar> validate(String id, MethodologyRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            errors.add(new Problem.FieldError("id", "is required: 1-64 letters, digits, '_', '.', '-', starting with a letter or digit"));
        }
        if (request == null) {
            throw invalid(List.of(new Problem.FieldError("body", "is required")));
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200 || !PlainText.isOneLine(request.name())) {
            errors.add(new Problem.FieldError("name", "is required, at most 200 characters, without control characters"));
        }
        if (request.scale() == null || !(request.scale() > 0) || request.scale() > 1000) {
            errors.add(new Problem.FieldError("scale", "is required: the index's top value, more than 0 and at most 1000"));
        }
        if (request.source() != null && (request.source().length() > 2000 || !PlainText.isMultiLine(request.source()))) {
            errors.add(new Problem.FieldError("source", "must be at most 2000 characters, without control characters (line breaks allowed)"));
        }
        List<Methodology.Pillar> result = new ArrayList<>();
        if (request.pillars() == null || request.pillars().isEmpty() || request.pillars().size() > MAX_PILLARS) {
            errors.add(new Problem.FieldError("pillars", "are required: 1 to " + MAX_PILLARS));
            throw invalid(errors);
        }
        Set<String> known = knownIndicators();
        Set<String> pillarCodes = new HashSet<>();
        Set<String> indicators = new HashSet<>();
        for (int p = 0; p < request.pillars().size(); p++) {
            Methodology.Pillar pillar = request.pillars().get(p);
            String at = "pillars[" + p + "]";
            if (pillar == null) {
                errors.add(new Problem.FieldError(at, "must not be null"));
                continue;
            }
            if (pillar.code() == null || !CODE.matcher(pillar.code()).matches() || !pillarCodes.add(pillar.code())) {
                errors.add(new Problem.FieldError(at + ".code", "is required, unique, 1-32 of A-Z, 0-9, _"));
            }
            if (pillar.name() == null || pillar.name().isBlank() || pillar.name().length() > 200 || !PlainText.isOneLine(pillar.name())) {
                errors.add(new Problem.FieldError(at + ".name", "is required, at most 200 characters, without control characters"));
            }
            weight(pillar.weight(), at + ".weight", errors);
            List<Methodology.Component> components = new ArrayList<>();
            if (pillar.components() == null || pillar.components().isEmpty() || pillar.components().size() > MAX_COMPONENTS) {
                errors.add(new Problem.FieldError(at + ".components", "are required: 1 to " + MAX_COMPONENTS));
            } else {
                for (int c = 0; c < pillar.components().size(); c++) {
                    components.add(component(pillar.components().get(c), at + ".components[" + c + "]", known, indicators, errors));
                }
            }
            result.add(new Methodology.Pillar(pillar.code(), pillar.name() == null ? null : pillar.name().trim(), pillar.weight(), components));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return result;
    }

    private static Methodology.Component component(Methodology.Component c, String at, Set<String> known, Set<String> seen,
                                                   List<Problem.FieldError> errors) {
        if (c == null) {
            errors.add(new Problem.FieldError(at, "must not be null"));
            return null;
        }
        if (c.indicator() == null || !known.contains(c.indicator())) {
            errors.add(new Problem.FieldError(at + ".indicator", "must name a defined indicator (GET /api/v1/indicators)"));
        } else if (!seen.add(c.indicator())) {
            errors.add(new Problem.FieldError(at + ".indicator", "appears twice in the methodology"));
        }
        weight(c.weight(), at + ".weight", errors);
        Methodology.Transform transform = null;
        if (c.transform() != null) {
            try {
                transform = Methodology.Transform.valueOf(c.transform());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError(at + ".transform", "must be LINEAR or LOG10 (or null: not loaded yet)"));
            }
        }
        Double zero = c.zeroValue();
        if (zero == null && c.referenceValue() != null && transform != null) {
            zero = transform == Methodology.Transform.LOG10 ? 1.0 : 0.0; // log10(1) = 0: the 2009-2017 IDI's log(value)/log(reference)
        }
        goalpost(zero, at + ".zeroValue", transform, errors);
        goalpost(c.referenceValue(), at + ".referenceValue", transform, errors);
        if (zero != null && c.referenceValue() != null && zero.doubleValue() == c.referenceValue().doubleValue()) { // -0.0 == 0.0 too
            errors.add(new Problem.FieldError(at + ".referenceValue", "must differ from zeroValue"));
        }
        if ((zero == null) != (c.referenceValue() == null)) {
            errors.add(new Problem.FieldError(at + ".referenceValue", "zeroValue and referenceValue are loaded together (both or neither)"));
        }
        return new Methodology.Component(c.indicator(), c.weight(), c.transform(), zero, c.referenceValue());
    }

    private static void weight(Double weight, String field, List<Problem.FieldError> errors) {
        if (weight != null && (!(weight > 0) || weight > MAX_MAGNITUDE)) {
            errors.add(new Problem.FieldError(field, "must be more than 0 (or null: not loaded yet)"));
        }
    }

    private static void goalpost(Double value, String field, Methodology.Transform transform, List<Problem.FieldError> errors) {
        if (value == null) {
            return;
        }
        if (!Double.isFinite(value) || Math.abs(value) > MAX_MAGNITUDE) {
            errors.add(new Problem.FieldError(field, "must be a finite number of at most 1e15"));
        } else if (transform == Methodology.Transform.LOG10 && value <= 0) {
            errors.add(new Problem.FieldError(field, "must be more than 0 under LOG10"));
        }
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid: " + errors.get(0).field() + ": " + errors.get(0).message() + "; ...";
        return new ProblemException(Problem.of(422, "validation", "Invalid request", detail).withErrors(errors));
    }

    private Set<String> knownIndicators() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT code FROM indicator");
             ResultSet rows = statement.executeQuery()) {
            Set<String> codes = new HashSet<>();
            while (rows.next()) {
                codes.add(rows.getString(1));
            }
            return codes;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Methodology> query(String sql, Object... params) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<Methodology> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    List<Methodology.Pillar> pillars = mapper.readValue(rows.getString(7), Definition.class).pillars();
                    List<String> missing = Methodology.missingParts(pillars);
                    result.add(new Methodology(rows.getString(1), rows.getInt(2), rows.getString(3), rows.getBoolean(4),
                            rows.getDouble(5), rows.getString(6), rows.getObject(8, OffsetDateTime.class), rows.getString(9),
                            missing.isEmpty(), missing, pillars));
                }
            }
            return result;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
