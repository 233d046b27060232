package org.wsis.indicators.sdmx;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.wsis.commons.i18n.LabelTexts;
import org.wsis.commons.i18n.StoredTranslation;
import org.wsis.commons.reference.ReferenceLabels;

/**
 * The SDMX view of this service's reference data: dataflow WSIS:DF_ICT(1.0) with data structure
 * WSIS:DSD_ICT(1.0) whose dimensions are FREQ.REF_AREA.INDICATOR.SEX.AGE.URBANISATION (+ TIME_PERIOD),
 * and their code lists. Cached for one structure revision (table structure_revision, moved by every change ITU staff
 * make through the API in the transaction of the change): {@link #get()} compares it with the database, so every
 * instance reloads after a change committed anywhere. DF_ICT and DSD_ICT keep version 1.0 (their dimensions and
 * concepts never change through the API); each code list has its own version 1.n, moved by each change of its codes.
 */
@ApplicationScoped
public class Structures {
    public static final String AGENCY = "WSIS";
    public static final String FLOW = "DF_ICT";
    public static final String DSD = "DSD_ICT";
    public static final String CONCEPTS = "CS_ICT";
    public static final String VERSION = "1.0";
    public static final String FLOW_URN_SHORT = AGENCY + ":" + FLOW + "(" + VERSION + ")";

    /** A key dimension: its concept id, name and code list. */
    public record Dimension(String id, String name, String codelist) {
    }

    public static final List<Dimension> DIMENSIONS = List.of(
            new Dimension("FREQ", "Frequency", "CL_FREQ"),
            new Dimension("REF_AREA", "Reference area (economy)", "CL_AREA"),
            new Dimension("INDICATOR", "ICT indicator", "CL_INDICATOR"),
            new Dimension("SEX", "Sex", "CL_SEX"),
            new Dimension("AGE", "Age group", "CL_AGE"),
            new Dimension("URBANISATION", "Urban or rural area", "CL_URBANISATION"));

    /** DF_ICT with DSD_ICT: the ICT indicators uploaded by agencies. */
    public static final Dataflow ICT = new Dataflow(FLOW, "ICT indicators exchanged by UN agencies (WSIS)", DSD,
            "ICT indicators: FREQ.REF_AREA.INDICATOR.SEX.AGE.URBANISATION", CONCEPTS, "ICT indicator concepts", DIMENSIONS,
            "Observation value", List.of(
            new Dataflow.Attribute("OBS_STATUS", "Observation status", "CL_OBS_STATUS", null, false),
            new Dataflow.Attribute("COMMENT_OBS", "Observation comment (the provider's note)", null, null, false),
            new Dataflow.Attribute("UNIT_MEASURE", "Unit of measure", "CL_UNIT_MEASURE", "INDICATOR", true),
            new Dataflow.Attribute("UNIT_MULT", "Unit multiplier (power of 10)", "CL_UNIT_MULT", "INDICATOR", true)));

    /** An indicator definition with the translations of its name ITU staff stored (the CL_INDICATOR code names). */
    public record Indicator(String code, String name, String unit, int unitMultiplier, String sdgIndicator, String custodian, String methodology,
                            Map<String, StoredTranslation> translations) {
        public String unitCode() {
            return Structures.unitCode(unit);
        }

        /** Its name in the six UN languages: the stored translations, else the label tables (sdmx/SdmxLabels). */
        public LabelTexts names() {
            return SdmxLabels.indicator(code, name, translations).texts();
        }
    }

    public record Snapshot(Map<String, Indicator> indicators, Map<String, String> economies, Map<String, String> m49,
                           Map<String, Map<String, String>> codelists, long revision, Map<String, Integer> codelistVersions,
                           Map<String, String> codelistNames) {
        /** The SDMX version of a code list: 1.n as its row says; CL_UNIT_* follow CL_INDICATOR (built from it); 1.0 otherwise. */
        public String codelistVersion(String codelist) {
            String from = codelist.startsWith("CL_UNIT_") ? "CL_INDICATOR" : codelist;
            return StructureRevision.sdmxVersion(codelistVersions.getOrDefault(from, 0));
        }

        /** An economy named by its code or its UN M49 code (e.g. 404 for KEN), as its code; null if unknown. */
        public String economy(String given) {
            // alpha-2 and unpadded M49 too, through the platform's vocabulary
            String codeOrM49 = org.wsis.indicators.observation.EconomyCodes.canonical(given);
            if (economies.containsKey(codeOrM49)) {
                return codeOrM49;
            }
            for (Map.Entry<String, String> e : m49.entrySet()) {
                if (e.getValue().equals(codeOrM49)) {
                    return e.getKey();
                }
            }
            return null;
        }

        /** Codes (id -> name) of a code list, including the ones built from tables. */
        public Map<String, String> codes(String codelist) {
            return switch (codelist) {
                case "CL_AREA" -> economies;
                case "CL_INDICATOR" -> {
                    Map<String, String> names = new LinkedHashMap<>();
                    indicators.values().forEach(i -> names.put(i.code(), i.name()));
                    yield names;
                }
                case "CL_UNIT_MEASURE" -> {
                    Map<String, String> units = new LinkedHashMap<>();
                    indicators.values().forEach(i -> units.put(i.unitCode(), i.unit()));
                    yield units;
                }
                case "CL_UNIT_MULT" -> {
                    Map<String, String> multipliers = new LinkedHashMap<>();
                    indicators.values().stream().map(Indicator::unitMultiplier).distinct().sorted()
                            .forEach(m -> multipliers.put(Integer.toString(m), m == 0 ? "Units" : "10^" + m));
                    yield multipliers;
                }
                default -> codelists.getOrDefault(codelist, Map.of());
            };
        }

        /**
         * A code's name in the six UN languages, English as {@link #codes} gives it: an indicator's as ITU staff translated it,
         * any other code's from the label tables (sdmx/SdmxLabels).
         */
        public LabelTexts codeNames(String codelist, String code, String english) {
            Indicator indicator = codelist.equals("CL_INDICATOR") ? indicators.get(code) : null;
            return indicator != null ? indicator.names() : SdmxLabels.code(codelist, code, english);
        }

        /** DF_ICT's code lists, then those ITU staff created through the API (not bound to a dimension). */
        public List<String> codelistIds() {
            List<String> ids = new java.util.ArrayList<>(ICT.codelistIds());
            codelistVersions.keySet().stream().filter(id -> !ids.contains(id)).sorted().forEach(ids::add);
            return ids;
        }
    }

    private static final TypeReference<Map<String, StoredTranslation>> TRANSLATIONS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private volatile Snapshot snapshot;

    public Structures(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** The structures as of the last committed change (one small query to compare the revision). */
    public Snapshot get() {
        Snapshot current = snapshot;
        if (current == null || current.revision() != revision()) {
            current = reload();
        }
        return current;
    }

    /** The committed structure revision. */
    public long revision() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT revision FROM structure_revision")) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the structure revision failed", e);
        }
    }

    /** The snapshot, reloaded first if it lacks this indicator (one defined since the last load). */
    public Snapshot withIndicator(String code) {
        Snapshot current = get();
        return current.indicators().containsKey(code) ? current : reload();
    }

    public synchronized Snapshot reload() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // read first: a change committed while loading makes the next get() load again, never the reverse
            long revision;
            try (ResultSet rows = statement.executeQuery("SELECT revision FROM structure_revision")) {
                revision = rows.next() ? rows.getLong(1) : 0;
            }
            Map<String, Integer> versions = new LinkedHashMap<>();
            Map<String, String> names = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT id, version, name FROM codelist ORDER BY id")) {
                while (rows.next()) {
                    versions.put(rows.getString(1), rows.getInt(2));
                    names.put(rows.getString(1), rows.getString(3));
                }
            }
            Map<String, Indicator> indicators = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT code, name, unit, unit_multiplier, sdg_indicator, custodian, methodology, translations::text FROM indicator ORDER BY code")) {
                while (rows.next()) {
                    indicators.put(rows.getString(1), new Indicator(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getInt(4), rows.getString(5), rows.getString(6), rows.getString(7), translations(rows.getString(8))));
                }
            }
            Map<String, String> economies = new LinkedHashMap<>();
            Map<String, String> m49 = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT code, name, m49 FROM economy ORDER BY kind DESC, code")) {
                while (rows.next()) {
                    // a country's name is the platform vocabulary's (UN M49, service-commons reference/); the table names
                    // only the aggregates (migration V9)
                    economies.put(rows.getString(1), rows.getString(2) != null ? rows.getString(2) : countryName(rows.getString(1)));
                    if (rows.getString(3) != null) {
                        m49.put(rows.getString(1), rows.getString(3));
                    }
                }
            }
            Map<String, Map<String, String>> codelists = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT codelist, code, name FROM code ORDER BY codelist, code")) {
                while (rows.next()) {
                    codelists.computeIfAbsent(rows.getString(1), k -> new LinkedHashMap<>()).put(rows.getString(2), rows.getString(3));
                }
            }
            snapshot = new Snapshot(indicators, economies, m49, codelists, revision, versions, names);
            return snapshot;
        } catch (SQLException e) {
            throw new IllegalStateException("Loading SDMX structures failed", e);
        }
    }

    /** A country's English name: UN M49's, from the platform's one vocabulary (service-commons reference/country-labels.tsv). */
    static String countryName(String alpha3) {
        return ReferenceLabels.countries().find(alpha3).map(l -> l.texts().en())
                .orElseThrow(() -> new IllegalStateException("Economy " + alpha3 + " is a country the platform's vocabulary does not name"));
    }

    private Map<String, StoredTranslation> translations(String json) {
        try {
            return json == null ? Map.of() : mapper.readValue(json, TRANSLATIONS);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Reading indicator translations failed", e);
        }
    }

    /** "per 100 inhabitants" -> PER_100_INHABITANTS: an SDMX-safe id for a unit. */
    public static String unitCode(String unit) {
        String code = unit.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_|_$", "");
        return code.isEmpty() ? "UNKNOWN" : code;
    }
}
