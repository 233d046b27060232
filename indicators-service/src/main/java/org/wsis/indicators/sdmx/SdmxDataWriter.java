package org.wsis.indicators.sdmx;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.wsis.indicators.observation.ObservationStore.Row;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Data messages in SDMX-ML 2.1 generic and structure-specific data, SDMX-JSON 1.0 and SDMX-CSV 1.0,
 * for any dimensionAtObservation (TIME_PERIOD, AllDimensions or one dimension) and detail level.
 * Attributes in every format: OBS_STATUS and COMMENT_OBS (the observation's note) per observation,
 * UNIT_MEASURE and UNIT_MULT per series (per observation when INDICATOR is not in the series key).
 */
public final class SdmxDataWriter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String FREQ = "A";
    static final String SS_NS = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific";
    static final String GENERIC_NS = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic";
    private static final int INDICATOR = 2;
    private static final int TIME = 6;

    /** Every dimension in DSD order, TIME_PERIOD last. */
    static final List<String> DIMENSION_IDS = List.of("FREQ", "REF_AREA", "INDICATOR", "SEX", "AGE", "URBANISATION", "TIME_PERIOD");
    private static final List<String> DIMENSION_NAMES = List.of("Frequency", "Reference area (economy)", "ICT indicator", "Sex",
            "Age group", "Urban or rural area", "Time period");

    private SdmxDataWriter() {
    }

    static String dimension(Row r, int i) {
        return switch (i) {
            case 0 -> FREQ;
            case 1 -> r.economy();
            case 2 -> r.indicator();
            case 3 -> r.sex();
            case 4 -> r.age();
            case 5 -> r.urbanisation();
            default -> Integer.toString(r.period());
        };
    }

    /** The rows arranged as the query asks: which dimensions key a series, which an observation. */
    static final class Cube {
        final List<Integer> seriesDims = new ArrayList<>();
        final List<Integer> obsDims = new ArrayList<>();
        final boolean unitsAtSeries;
        final boolean flat;
        final List<List<Row>> series = new ArrayList<>();
        final DataQuery.Detail detail;
        final String dimensionAtObservation;

        Cube(List<Row> rows, DataQuery query) {
            detail = query.detail();
            dimensionAtObservation = query.dimensionAtObservation();
            flat = dimensionAtObservation.equals(DataQuery.ALL_DIMENSIONS);
            for (int i = 0; i < DIMENSION_IDS.size(); i++) {
                boolean atObs = flat || DIMENSION_IDS.get(i).equals(dimensionAtObservation);
                (atObs ? obsDims : seriesDims).add(i);
            }
            unitsAtSeries = seriesDims.contains(INDICATOR);
            List<Row> ordered = rows;
            if (!dimensionAtObservation.equals(DataQuery.TIME_PERIOD)) {
                Comparator<Row> order = Comparator.comparing(r -> "");
                for (int i : seriesDims) {
                    order = order.thenComparing(r -> dimension(r, i));
                }
                for (int i : obsDims) {
                    order = order.thenComparing(r -> dimension(r, i));
                }
                ordered = new ArrayList<>(rows);
                ordered.sort(order);
            }
            if (flat) {
                series.add(ordered);
                return;
            }
            String current = null;
            List<Row> group = null;
            for (Row r : ordered) {
                String key = seriesKey(r);
                if (!key.equals(current)) {
                    current = key;
                    group = new ArrayList<>();
                    series.add(group);
                }
                group.add(r);
            }
        }

        String seriesKey(Row r) {
            StringBuilder key = new StringBuilder();
            for (int i : seriesDims) {
                key.append(dimension(r, i)).append('.');
            }
            return key.toString();
        }

        boolean attributes() {
            return detail == DataQuery.Detail.FULL || detail == DataQuery.Detail.NODATA;
        }

        boolean observations() {
            return detail == DataQuery.Detail.FULL || detail == DataQuery.Detail.DATAONLY;
        }
    }

    // ---- SDMX-ML 2.1 generic ----

    public static void genericXml(List<Row> rows, Structures.Snapshot s, DataQuery query, OutputStream out) throws IOException {
        Cube cube = new Cube(rows, query);
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        StringBuilder x = new StringBuilder(1 << 14);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<message:GenericData xmlns:message=\"").append(SdmxXml.MES)
                .append("\" xmlns:generic=\"").append(GENERIC_NS).append("\" xmlns:common=\"").append(SdmxXml.COM).append("\">\n");
        header(x, cube, "WSIS_DSD_ICT_1_0", null);
        x.append("<message:DataSet structureRef=\"WSIS_DSD_ICT_1_0\" action=\"Information\">\n");
        for (List<Row> series : cube.series) {
            Row first = series.get(0);
            if (!cube.flat) {
                x.append("<generic:Series><generic:SeriesKey>");
                for (int i : cube.seriesDims) {
                    value(x, DIMENSION_IDS.get(i), dimension(first, i));
                }
                x.append("</generic:SeriesKey>");
                if (cube.attributes() && cube.unitsAtSeries) {
                    x.append("<generic:Attributes>");
                    value(x, "UNIT_MEASURE", unitCode(s, first));
                    value(x, "UNIT_MULT", Integer.toString(unitMult(s, first)));
                    x.append("</generic:Attributes>");
                }
            }
            if (cube.observations()) {
                for (Row r : series) {
                    x.append("<generic:Obs>");
                    if (cube.flat) {
                        x.append("<generic:ObsKey>");
                        for (int i : cube.obsDims) {
                            value(x, DIMENSION_IDS.get(i), dimension(r, i));
                        }
                        x.append("</generic:ObsKey>");
                    } else {
                        x.append("<generic:ObsDimension value=\"").append(SdmxXml.escape(dimension(r, cube.obsDims.get(0)))).append("\"/>");
                    }
                    x.append("<generic:ObsValue value=\"").append(r.value() == null ? "NaN" : number(r.value())).append("\"/>");
                    if (cube.attributes()) {
                        x.append("<generic:Attributes>");
                        value(x, "OBS_STATUS", r.status());
                        if (r.note() != null) {
                            value(x, "COMMENT_OBS", r.note());
                        }
                        if (!cube.unitsAtSeries) {
                            value(x, "UNIT_MEASURE", unitCode(s, r));
                            value(x, "UNIT_MULT", Integer.toString(unitMult(s, r)));
                        }
                        x.append("</generic:Attributes>");
                    }
                    x.append("</generic:Obs>");
                    if (x.length() > (1 << 14)) {
                        w.write(x.toString());
                        x.setLength(0);
                    }
                }
            }
            if (!cube.flat) {
                x.append("</generic:Series>\n");
            }
        }
        x.append("</message:DataSet>\n</message:GenericData>\n");
        w.write(x.toString());
        w.flush();
    }

    private static void header(StringBuilder x, Cube cube, String structureId, String namespace) {
        x.append("<message:Header><message:ID>IREF").append(System.nanoTime()).append("</message:ID><message:Test>false</message:Test><message:Prepared>")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("</message:Prepared><message:Sender id=\"")
                .append(Structures.AGENCY).append("\"/><message:Structure structureID=\"").append(structureId).append('"');
        if (namespace != null) {
            x.append(" namespace=\"").append(namespace).append('"');
        }
        x.append(" dimensionAtObservation=\"").append(cube.dimensionAtObservation).append("\"><common:Structure><Ref agencyID=\"")
                .append(Structures.AGENCY).append("\" id=\"").append(Structures.DSD).append("\" version=\"").append(Structures.VERSION)
                .append("\"/></common:Structure></message:Structure></message:Header>\n");
    }

    private static void value(StringBuilder x, String id, String value) {
        x.append("<generic:Value id=\"").append(id).append("\" value=\"").append(SdmxXml.escape(value)).append("\"/>");
    }

    // ---- SDMX-ML 2.1 structure-specific ----

    public static void structureSpecificXml(List<Row> rows, Structures.Snapshot s, DataQuery query, OutputStream out) throws IOException {
        Cube cube = new Cube(rows, query);
        String level = cube.flat ? "ObsLevelDim:AllDimensions" : "ObsLevelDim:" + cube.dimensionAtObservation;
        String namespace = "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=" + Structures.AGENCY + ":" + Structures.DSD
                + "(" + Structures.VERSION + "):" + level;
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        StringBuilder x = new StringBuilder(1 << 14);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<message:StructureSpecificData xmlns:message=\"").append(SdmxXml.MES)
                .append("\" xmlns:ss=\"").append(SS_NS).append("\" xmlns:ns1=\"").append(SdmxXml.escape(namespace))
                .append("\" xmlns:common=\"").append(SdmxXml.COM)
                .append("\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n");
        header(x, cube, "WSIS_DSD_ICT_1_0", SdmxXml.escape(namespace));
        x.append("<message:DataSet ss:structureRef=\"WSIS_DSD_ICT_1_0\" xsi:type=\"ns1:DataSetType\" ss:dataScope=\"DataStructure\" action=\"Information\">\n");
        for (List<Row> series : cube.series) {
            Row first = series.get(0);
            if (!cube.flat) {
                x.append("<Series");
                for (int i : cube.seriesDims) {
                    attr(x, DIMENSION_IDS.get(i), dimension(first, i));
                }
                if (cube.attributes() && cube.unitsAtSeries) {
                    attr(x, "UNIT_MEASURE", unitCode(s, first));
                    attr(x, "UNIT_MULT", Integer.toString(unitMult(s, first)));
                }
                x.append(cube.observations() ? ">" : "/>");
            }
            if (cube.observations()) {
                for (Row r : series) {
                    x.append("<Obs");
                    for (int i : cube.obsDims) {
                        attr(x, DIMENSION_IDS.get(i), dimension(r, i));
                    }
                    attr(x, "OBS_VALUE", r.value() == null ? "NaN" : number(r.value()));
                    if (cube.attributes()) {
                        attr(x, "OBS_STATUS", r.status());
                        if (r.note() != null) {
                            attr(x, "COMMENT_OBS", r.note());
                        }
                        if (!cube.unitsAtSeries) {
                            attr(x, "UNIT_MEASURE", unitCode(s, r));
                            attr(x, "UNIT_MULT", Integer.toString(unitMult(s, r)));
                        }
                    }
                    x.append("/>");
                    if (x.length() > (1 << 14)) {
                        w.write(x.toString());
                        x.setLength(0);
                    }
                }
                if (!cube.flat) {
                    x.append("</Series>\n");
                }
            }
        }
        x.append("</message:DataSet>\n</message:StructureSpecificData>\n");
        w.write(x.toString());
        w.flush();
    }

    private static void attr(StringBuilder x, String name, String value) {
        x.append(' ').append(name).append("=\"").append(SdmxXml.escape(value)).append('"');
    }

    // ---- SDMX-JSON 1.0 ----

    /** The values a component takes in this message, in order, with their index. */
    private static final class Values {
        final List<String> ids;
        final Map<String, Integer> index = new HashMap<>();

        Values(List<Row> rows, Function<Row, String> of) {
            TreeSet<String> distinct = new TreeSet<>();
            rows.forEach(r -> {
                String v = of.apply(r);
                if (v != null) {
                    distinct.add(v);
                }
            });
            ids = new ArrayList<>(distinct);
            for (int i = 0; i < ids.size(); i++) {
                index.put(ids.get(i), i);
            }
        }

        Integer of(String value) {
            return value == null ? null : index.get(value);
        }
    }

    public static void json(List<Row> rows, Structures.Snapshot s, DataQuery query, String selfUri, OutputStream out) throws IOException {
        Cube cube = new Cube(rows, query);
        List<Values> dims = new ArrayList<>();
        for (int i = 0; i < DIMENSION_IDS.size(); i++) {
            int d = i;
            dims.add(new Values(rows, r -> dimension(r, d)));
        }
        Values units = new Values(rows, r -> unitCode(s, r));
        Values multipliers = new Values(rows, r -> Integer.toString(unitMult(s, r)));
        Values statuses = new Values(rows, Row::status);
        Values notes = new Values(rows, Row::note);

        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("header");
            g.writeStringField("id", "IREF" + System.nanoTime());
            g.writeBooleanField("test", false);
            g.writeStringField("prepared", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            g.writeObjectFieldStart("sender");
            g.writeStringField("id", Structures.AGENCY);
            g.writeStringField("name", "WSIS platform, ICT indicators");
            g.writeEndObject();
            g.writeArrayFieldStart("links");
            link(g, selfUri, "request", null);
            g.writeEndArray();
            g.writeEndObject();

            g.writeObjectFieldStart("structure");
            g.writeArrayFieldStart("links");
            link(g, null, "dataflow", "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=" + Structures.FLOW_URN_SHORT);
            link(g, null, "datastructure", "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=" + Structures.AGENCY + ":"
                    + Structures.DSD + "(" + Structures.VERSION + ")");
            g.writeEndArray();
            g.writeStringField("name", "ICT indicators exchanged by UN agencies (WSIS)");
            g.writeObjectFieldStart("dimensions");
            g.writeArrayFieldStart("dataSet");
            g.writeEndArray();
            g.writeArrayFieldStart("series");
            for (int i : cube.seriesDims) {
                dimensionComponent(g, s, i, dims.get(i));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("observation");
            if (cube.observations()) {
                for (int i : cube.obsDims) {
                    dimensionComponent(g, s, i, dims.get(i));
                }
            }
            g.writeEndArray();
            g.writeEndObject();

            g.writeObjectFieldStart("attributes");
            g.writeArrayFieldStart("dataSet");
            g.writeEndArray();
            g.writeArrayFieldStart("series");
            if (cube.attributes() && cube.unitsAtSeries) {
                component(g, "UNIT_MEASURE", "Unit of measure", -1, null, units, s.codes("CL_UNIT_MEASURE"));
                component(g, "UNIT_MULT", "Unit multiplier", -1, null, multipliers, s.codes("CL_UNIT_MULT"));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("observation");
            if (cube.attributes() && cube.observations()) {
                component(g, "OBS_STATUS", "Observation status", -1, null, statuses, s.codes("CL_OBS_STATUS"));
                component(g, "COMMENT_OBS", "Observation comment", -1, null, notes, Map.of());
                if (!cube.unitsAtSeries) {
                    component(g, "UNIT_MEASURE", "Unit of measure", -1, null, units, s.codes("CL_UNIT_MEASURE"));
                    component(g, "UNIT_MULT", "Unit multiplier", -1, null, multipliers, s.codes("CL_UNIT_MULT"));
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();

            g.writeArrayFieldStart("dataSets");
            g.writeStartObject();
            g.writeStringField("action", "Information");
            if (cube.flat) {
                g.writeObjectFieldStart("observations");
                for (Row r : cube.series.isEmpty() ? List.<Row>of() : cube.series.get(0)) {
                    observation(g, s, cube, dims, r, units, multipliers, statuses, notes);
                }
                g.writeEndObject();
            } else {
                g.writeObjectFieldStart("series");
                for (List<Row> series : cube.series) {
                    Row first = series.get(0);
                    StringBuilder key = new StringBuilder();
                    for (int i : cube.seriesDims) {
                        if (!key.isEmpty()) {
                            key.append(':');
                        }
                        key.append(dims.get(i).of(dimension(first, i)));
                    }
                    g.writeObjectFieldStart(key.toString());
                    g.writeArrayFieldStart("attributes");
                    if (cube.attributes() && cube.unitsAtSeries) {
                        g.writeNumber(units.of(unitCode(s, first)));
                        g.writeNumber(multipliers.of(Integer.toString(unitMult(s, first))));
                    }
                    g.writeEndArray();
                    g.writeObjectFieldStart("observations");
                    if (cube.observations()) {
                        for (Row r : series) {
                            observation(g, s, cube, dims, r, units, multipliers, statuses, notes);
                        }
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void observation(JsonGenerator g, Structures.Snapshot s, Cube cube, List<Values> dims, Row r, Values units,
                                    Values multipliers, Values statuses, Values notes) throws IOException {
        StringBuilder key = new StringBuilder();
        for (int i : cube.obsDims) {
            if (!key.isEmpty()) {
                key.append(':');
            }
            key.append(dims.get(i).of(dimension(r, i)));
        }
        g.writeArrayFieldStart(key.toString());
        if (r.value() == null) {
            g.writeNull();
        } else {
            g.writeNumber(r.value());
        }
        if (cube.attributes()) {
            writeIndex(g, statuses.of(r.status()));
            writeIndex(g, notes.of(r.note()));
            if (!cube.unitsAtSeries) {
                writeIndex(g, units.of(unitCode(s, r)));
                writeIndex(g, multipliers.of(Integer.toString(unitMult(s, r))));
            }
        }
        g.writeEndArray();
    }

    private static void writeIndex(JsonGenerator g, Integer index) throws IOException {
        if (index == null) {
            g.writeNull();
        } else {
            g.writeNumber(index);
        }
    }

    private static void link(JsonGenerator g, String href, String rel, String urn) throws IOException {
        g.writeStartObject();
        if (href != null) {
            g.writeStringField("href", href);
        }
        if (urn != null) {
            g.writeStringField("urn", urn);
        }
        g.writeStringField("rel", rel);
        g.writeEndObject();
    }

    private static void dimensionComponent(JsonGenerator g, Structures.Snapshot s, int i, Values values) throws IOException {
        if (i == TIME) {
            g.writeStartObject();
            g.writeStringField("id", "TIME_PERIOD");
            g.writeStringField("name", "Time period");
            g.writeNumberField("keyPosition", TIME);
            g.writeStringField("role", "time");
            g.writeArrayFieldStart("values");
            for (String period : values.ids) {
                g.writeStartObject();
                g.writeStringField("id", period);
                g.writeStringField("name", period);
                g.writeStringField("start", period + "-01-01T00:00:00Z");
                g.writeStringField("end", period + "-12-31T23:59:59Z");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            return;
        }
        Structures.Dimension d = Structures.DIMENSIONS.get(i);
        String role = switch (d.id()) {
            case "FREQ" -> "FREQ";
            case "REF_AREA" -> "REF_AREA";
            default -> null;
        };
        component(g, d.id(), DIMENSION_NAMES.get(i), i, role, values, s.codes(d.codelist()));
    }

    private static void component(JsonGenerator g, String id, String name, int keyPosition, String role, Values values,
                                  Map<String, String> names) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("name", name);
        if (keyPosition >= 0) {
            g.writeNumberField("keyPosition", keyPosition);
        }
        if (role != null) {
            g.writeStringField("role", role);
        }
        g.writeArrayFieldStart("values");
        for (String value : values.ids) {
            g.writeStartObject();
            if (names.isEmpty()) {
                // free-text attribute (COMMENT_OBS): the value is its name
                g.writeStringField("name", value);
            } else {
                g.writeStringField("id", value);
                g.writeStringField("name", names.getOrDefault(value, value));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    // ---- SDMX-CSV 1.0 ----

    /** SDMX-CSV 1.0 is flat whatever dimensionAtObservation says; detail drops observation or attribute columns. */
    public static void csv(List<Row> rows, Structures.Snapshot s, DataQuery query, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        DataQuery.Detail detail = query.detail();
        boolean observations = detail == DataQuery.Detail.FULL || detail == DataQuery.Detail.DATAONLY;
        boolean attributes = detail == DataQuery.Detail.FULL || detail == DataQuery.Detail.NODATA;
        StringBuilder header = new StringBuilder("DATAFLOW,FREQ,REF_AREA,INDICATOR,SEX,AGE,URBANISATION");
        if (observations) {
            header.append(",TIME_PERIOD,OBS_VALUE");
        }
        if (attributes) {
            header.append(observations ? ",OBS_STATUS,COMMENT_OBS,UNIT_MEASURE,UNIT_MULT" : ",UNIT_MEASURE,UNIT_MULT");
        }
        w.write(header.append('\n').toString());
        StringBuilder line = new StringBuilder(128);
        String lastSeries = null;
        for (Row r : rows) {
            String series = r.indicator() + '.' + r.economy() + '.' + r.sex() + '.' + r.age() + '.' + r.urbanisation();
            if (!observations && series.equals(lastSeries)) {
                continue;   // one line per series when there are no observations
            }
            lastSeries = series;
            line.setLength(0);
            line.append(Structures.FLOW_URN_SHORT).append(',').append(FREQ).append(',').append(r.economy()).append(',')
                    .append(r.indicator()).append(',').append(r.sex()).append(',').append(r.age()).append(',')
                    .append(r.urbanisation());
            if (observations) {
                line.append(',').append(r.period()).append(',').append(r.value() == null ? "NaN" : number(r.value()));
            }
            if (attributes) {
                if (observations) {
                    line.append(',').append(r.status()).append(',');
                    csvField(line, r.note());
                }
                line.append(',').append(unitCode(s, r)).append(',').append(unitMult(s, r));
            }
            w.write(line.append('\n').toString());
        }
        w.flush();
    }

    private static void csvField(StringBuilder line, String value) {
        if (value == null) {
            return;
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            line.append(value);
            return;
        }
        line.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    static String unitCode(Structures.Snapshot s, Row r) {
        Structures.Indicator indicator = s.indicators().get(r.indicator());
        return indicator == null ? "UNKNOWN" : indicator.unitCode();
    }

    static int unitMult(Structures.Snapshot s, Row r) {
        Structures.Indicator indicator = s.indicators().get(r.indicator());
        return indicator == null ? 0 : indicator.unitMultiplier();
    }
}
