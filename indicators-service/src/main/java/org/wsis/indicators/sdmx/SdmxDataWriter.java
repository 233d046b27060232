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
 * Data messages in SDMX-ML 2.1 generic and structure-specific data, SDMX-JSON 1.0 and 2.0, and SDMX-CSV 1.0,
 * for any dataflow ({@link Layout}: its structure and how its rows read), any dimensionAtObservation
 * (TIME_PERIOD, AllDimensions or one dimension) and detail level. Attributes in every format: those attached
 * to the observation per observation, those attached to a dimension per series when that dimension keys the
 * series (per observation otherwise). DF_ICT: OBS_STATUS and COMMENT_OBS per observation, UNIT_MEASURE and
 * UNIT_MULT with INDICATOR.
 */
public final class SdmxDataWriter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String FREQ = "A";
    static final String SS_NS = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific";
    static final String GENERIC_NS = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic";

    /** DF_ICT's dimensions in DSD order, TIME_PERIOD last. */
    static final List<String> DIMENSION_IDS = Structures.ICT.dimensionIds();

    private SdmxDataWriter() {
    }

    /** A dataflow as the writers read it: its structure, dimension i of a row (the last one is TIME_PERIOD), value, attribute a. */
    public interface Layout<R> {
        Dataflow flow();

        String dimension(R row, int i);

        Double value(R row);

        String attribute(R row, int a);

        /** The codes (id -> name) of one of its code lists. */
        Map<String, String> codes(String codelist);
    }

    /** DF_ICT: rows of the observation store, units from the indicator definitions. */
    public static Layout<Row> ict(Structures.Snapshot s) {
        return new Layout<>() {
            @Override
            public Dataflow flow() {
                return Structures.ICT;
            }

            @Override
            public String dimension(Row r, int i) {
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

            @Override
            public Double value(Row r) {
                return r.value();
            }

            @Override
            public String attribute(Row r, int a) {
                return switch (a) {
                    case 0 -> r.status();
                    case 1 -> r.note();
                    case 2 -> unitCode(s, r);
                    default -> Integer.toString(unitMult(s, r));
                };
            }

            @Override
            public Map<String, String> codes(String codelist) {
                return s.codes(codelist);
            }
        };
    }

    /** The rows arranged as the query asks: which dimensions key a series, which an observation. */
    static final class Cube<R> {
        final Layout<R> layout;
        final List<String> dimensionIds;
        final List<Integer> seriesDims = new ArrayList<>();
        final List<Integer> obsDims = new ArrayList<>();
        /** Attribute indexes written per series, and per observation. */
        final List<Integer> seriesAttributes = new ArrayList<>();
        final List<Integer> obsAttributes = new ArrayList<>();
        final boolean flat;
        final List<List<R>> series = new ArrayList<>();
        final DataQuery.Detail detail;
        final String dimensionAtObservation;

        Cube(List<R> rows, Layout<R> layout, DataQuery query) {
            this.layout = layout;
            dimensionIds = layout.flow().dimensionIds();
            detail = query.detail();
            dimensionAtObservation = query.dimensionAtObservation();
            flat = dimensionAtObservation.equals(DataQuery.ALL_DIMENSIONS);
            for (int i = 0; i < dimensionIds.size(); i++) {
                boolean atObs = flat || dimensionIds.get(i).equals(dimensionAtObservation);
                (atObs ? obsDims : seriesDims).add(i);
            }
            List<Dataflow.Attribute> attributes = layout.flow().attributes();
            for (int a = 0; a < attributes.size(); a++) {
                String dimension = attributes.get(a).dimension();
                boolean atSeries = dimension != null && seriesDims.contains(dimensionIds.indexOf(dimension));
                (atSeries ? seriesAttributes : obsAttributes).add(a);
            }
            List<R> ordered = rows;
            if (!dimensionAtObservation.equals(DataQuery.TIME_PERIOD)) {
                Comparator<R> order = Comparator.comparing(r -> "");
                for (int i : seriesDims) {
                    order = order.thenComparing(r -> layout.dimension(r, i));
                }
                for (int i : obsDims) {
                    order = order.thenComparing(r -> layout.dimension(r, i));
                }
                ordered = new ArrayList<>(rows);
                ordered.sort(order);
            }
            if (flat) {
                series.add(ordered);
                return;
            }
            String current = null;
            List<R> group = null;
            for (R r : ordered) {
                String key = seriesKey(r);
                if (!key.equals(current)) {
                    current = key;
                    group = new ArrayList<>();
                    series.add(group);
                }
                group.add(r);
            }
        }

        String seriesKey(R r) {
            StringBuilder key = new StringBuilder();
            for (int i : seriesDims) {
                key.append(layout.dimension(r, i)).append('.');
            }
            return key.toString();
        }

        String dimension(R r, int i) {
            return layout.dimension(r, i);
        }

        String attributeId(int a) {
            return layout.flow().attributes().get(a).id();
        }

        boolean attributes() {
            return detail == DataQuery.Detail.FULL || detail == DataQuery.Detail.NODATA;
        }

        boolean observations() {
            return detail == DataQuery.Detail.FULL || detail == DataQuery.Detail.DATAONLY;
        }
    }

    // ---- SDMX-ML 2.1 generic ----

    public static <R> void genericXml(List<R> rows, Layout<R> layout, DataQuery query, OutputStream out) throws IOException {
        Cube<R> cube = new Cube<>(rows, layout, query);
        Dataflow flow = layout.flow();
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        StringBuilder x = new StringBuilder(1 << 14);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<message:GenericData xmlns:message=\"").append(SdmxXml.MES)
                .append("\" xmlns:generic=\"").append(GENERIC_NS).append("\" xmlns:common=\"").append(SdmxXml.COM).append("\">\n");
        header(x, cube, flow, null);
        x.append("<message:DataSet structureRef=\"").append(flow.structureRef()).append("\" action=\"Information\">\n");
        for (List<R> series : cube.series) {
            R first = series.get(0);
            if (!cube.flat) {
                x.append("<generic:Series><generic:SeriesKey>");
                for (int i : cube.seriesDims) {
                    value(x, cube.dimensionIds.get(i), cube.dimension(first, i));
                }
                x.append("</generic:SeriesKey>");
                if (cube.attributes() && !cube.seriesAttributes.isEmpty()) {
                    x.append("<generic:Attributes>");
                    for (int a : cube.seriesAttributes) {
                        optionalValue(x, cube.attributeId(a), layout.attribute(first, a));
                    }
                    x.append("</generic:Attributes>");
                }
            }
            if (cube.observations()) {
                for (R r : series) {
                    x.append("<generic:Obs>");
                    if (cube.flat) {
                        x.append("<generic:ObsKey>");
                        for (int i : cube.obsDims) {
                            value(x, cube.dimensionIds.get(i), cube.dimension(r, i));
                        }
                        x.append("</generic:ObsKey>");
                    } else {
                        x.append("<generic:ObsDimension value=\"").append(SdmxXml.escape(cube.dimension(r, cube.obsDims.get(0)))).append("\"/>");
                    }
                    Double v = layout.value(r);
                    x.append("<generic:ObsValue value=\"").append(v == null ? "NaN" : number(v)).append("\"/>");
                    if (cube.attributes() && !cube.obsAttributes.isEmpty()) {
                        x.append("<generic:Attributes>");
                        for (int a : cube.obsAttributes) {
                            optionalValue(x, cube.attributeId(a), layout.attribute(r, a));
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

    private static void header(StringBuilder x, Cube<?> cube, Dataflow flow, String namespace) {
        x.append("<message:Header><message:ID>IREF").append(System.nanoTime()).append("</message:ID><message:Test>false</message:Test><message:Prepared>")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("</message:Prepared><message:Sender id=\"")
                .append(Structures.AGENCY).append("\"/><message:Structure structureID=\"").append(flow.structureRef()).append('"');
        if (namespace != null) {
            x.append(" namespace=\"").append(namespace).append('"');
        }
        x.append(" dimensionAtObservation=\"").append(cube.dimensionAtObservation).append("\"><common:Structure><Ref agencyID=\"")
                .append(Structures.AGENCY).append("\" id=\"").append(flow.dsd()).append("\" version=\"").append(Structures.VERSION)
                .append("\"/></common:Structure></message:Structure></message:Header>\n");
    }

    private static void value(StringBuilder x, String id, String value) {
        x.append("<generic:Value id=\"").append(id).append("\" value=\"").append(SdmxXml.escape(value)).append("\"/>");
    }

    /** Conditional attributes without a value (a note that was not given) are left out. */
    private static void optionalValue(StringBuilder x, String id, String value) {
        if (value != null) {
            value(x, id, value);
        }
    }

    // ---- SDMX-ML 2.1 structure-specific ----

    public static <R> void structureSpecificXml(List<R> rows, Layout<R> layout, DataQuery query, OutputStream out) throws IOException {
        Cube<R> cube = new Cube<>(rows, layout, query);
        Dataflow flow = layout.flow();
        String level = cube.flat ? "ObsLevelDim:AllDimensions" : "ObsLevelDim:" + cube.dimensionAtObservation;
        String namespace = "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=" + Structures.AGENCY + ":" + flow.dsd()
                + "(" + Structures.VERSION + "):" + level;
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        StringBuilder x = new StringBuilder(1 << 14);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<message:StructureSpecificData xmlns:message=\"").append(SdmxXml.MES)
                .append("\" xmlns:ss=\"").append(SS_NS).append("\" xmlns:ns1=\"").append(SdmxXml.escape(namespace))
                .append("\" xmlns:common=\"").append(SdmxXml.COM)
                .append("\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n");
        header(x, cube, flow, SdmxXml.escape(namespace));
        x.append("<message:DataSet ss:structureRef=\"").append(flow.structureRef())
                .append("\" xsi:type=\"ns1:DataSetType\" ss:dataScope=\"DataStructure\" action=\"Information\">\n");
        for (List<R> series : cube.series) {
            R first = series.get(0);
            if (!cube.flat) {
                x.append("<Series");
                for (int i : cube.seriesDims) {
                    attr(x, cube.dimensionIds.get(i), cube.dimension(first, i));
                }
                if (cube.attributes()) {
                    for (int a : cube.seriesAttributes) {
                        attr(x, cube.attributeId(a), layout.attribute(first, a));
                    }
                }
                x.append(cube.observations() ? ">" : "/>");
            }
            if (cube.observations()) {
                for (R r : series) {
                    x.append("<Obs");
                    for (int i : cube.obsDims) {
                        attr(x, cube.dimensionIds.get(i), cube.dimension(r, i));
                    }
                    Double v = layout.value(r);
                    attr(x, "OBS_VALUE", v == null ? "NaN" : number(v));
                    if (cube.attributes()) {
                        for (int a : cube.obsAttributes) {
                            attr(x, cube.attributeId(a), layout.attribute(r, a));
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

    /** An XML attribute; none for a conditional attribute without a value. */
    private static void attr(StringBuilder x, String name, String value) {
        if (value != null) {
            x.append(' ').append(name).append("=\"").append(SdmxXml.escape(value)).append('"');
        }
    }

    // ---- SDMX-JSON 1.0 ----

    /** The values a component takes in this message, in order, with their index. */
    private static final class Values {
        final List<String> ids;
        final Map<String, Integer> index = new HashMap<>();

        <R> Values(List<R> rows, Function<R, String> of) {
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

    /** The values each dimension takes in these rows, in dimension order. */
    private static <R> List<Values> dimensionValues(List<R> rows, Cube<R> cube) {
        List<Values> dims = new ArrayList<>();
        for (int i = 0; i < cube.dimensionIds.size(); i++) {
            int d = i;
            dims.add(new Values(rows, (R r) -> cube.layout.dimension(r, d)));
        }
        return dims;
    }

    /** The values each attribute takes in these rows, in attribute order. */
    private static <R> List<Values> attributeValues(List<R> rows, Layout<R> layout) {
        List<Values> attributes = new ArrayList<>();
        for (int a = 0; a < layout.flow().attributes().size(); a++) {
            int attribute = a;
            attributes.add(new Values(rows, (R r) -> layout.attribute(r, attribute)));
        }
        return attributes;
    }

    public static <R> void json(List<R> rows, Layout<R> layout, DataQuery query, String selfUri, OutputStream out) throws IOException {
        Cube<R> cube = new Cube<>(rows, layout, query);
        Dataflow flow = layout.flow();
        List<Values> dims = dimensionValues(rows, cube);
        List<Values> attributes = attributeValues(rows, layout);

        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("header");
            g.writeStringField("id", "IREF" + System.nanoTime());
            g.writeBooleanField("test", false);
            g.writeStringField("prepared", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            g.writeObjectFieldStart("sender");
            g.writeStringField("id", Structures.AGENCY);
            g.writeStringField("name", "WSIS platform");
            g.writeEndObject();
            g.writeArrayFieldStart("links");
            link(g, selfUri, "request", null);
            g.writeEndArray();
            g.writeEndObject();

            g.writeObjectFieldStart("structure");
            g.writeArrayFieldStart("links");
            link(g, null, "dataflow", dataflowUrn(flow));
            link(g, null, "datastructure", dataStructureUrn(flow));
            g.writeEndArray();
            g.writeStringField("name", flow.name());
            components(g, "dimensions", cube.seriesDims, cube.obsDims, true, cube.observations(),
                    (i, v) -> dimensionComponent(g, layout, i, v), dims);

            components(g, "attributes", cube.seriesAttributes, cube.obsAttributes, cube.attributes(),
                    cube.attributes() && cube.observations(), (a, v) -> attributeComponent(g, layout, a, v), attributes);
            g.writeEndObject();

            writeDataSets(g, cube, dims, attributes, false);
            g.writeEndObject();
        }
    }

    /** Writes one component of a structure: its index and the values it takes in the message. */
    private interface ComponentWriter {
        void write(int index, Values values) throws IOException;
    }

    /**
     * The {@code dimensions} or {@code attributes} object of an SDMX-JSON structure (1.0 and 2.0 alike): none at data
     * set level, the series-level ones, the observation-level ones, each list written only when the detail keeps it.
     */
    private static void components(JsonGenerator g, String field, List<Integer> series, List<Integer> observation,
                                   boolean withSeries, boolean withObservation, ComponentWriter writer, List<Values> values)
            throws IOException {
        g.writeObjectFieldStart(field);
        g.writeArrayFieldStart("dataSet");
        g.writeEndArray();
        g.writeArrayFieldStart("series");
        if (withSeries) {
            for (int i : series) {
                writer.write(i, values.get(i));
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("observation");
        if (withObservation) {
            for (int i : observation) {
                writer.write(i, values.get(i));
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * The one data set of a message, its series (or flat observations) as index keys into the structure's values.
     * SDMX-JSON 2.0 adds the data set's structure index and its dataflow link; the arrays are the same in both.
     */
    private static <R> void writeDataSets(JsonGenerator g, Cube<R> cube, List<Values> dims, List<Values> attributes, boolean v2)
            throws IOException {
        Layout<R> layout = cube.layout;
        g.writeArrayFieldStart("dataSets");
        g.writeStartObject();
        if (v2) {
            g.writeNumberField("structure", 0);
            g.writeArrayFieldStart("links");
            link(g, null, "dataflow", dataflowUrn(layout.flow()));
            g.writeEndArray();
        }
        g.writeStringField("action", "Information");
        if (cube.flat) {
            g.writeObjectFieldStart("observations");
            for (R r : cube.series.isEmpty() ? List.<R>of() : cube.series.get(0)) {
                observation(g, cube, dims, attributes, r);
            }
            g.writeEndObject();
        } else {
            g.writeObjectFieldStart("series");
            for (List<R> series : cube.series) {
                R first = series.get(0);
                StringBuilder key = new StringBuilder();
                for (int i : cube.seriesDims) {
                    if (!key.isEmpty()) {
                        key.append(':');
                    }
                    key.append(dims.get(i).of(cube.dimension(first, i)));
                }
                g.writeObjectFieldStart(key.toString());
                g.writeArrayFieldStart("attributes");
                if (cube.attributes()) {
                    for (int a : cube.seriesAttributes) {
                        writeIndex(g, attributes.get(a).of(layout.attribute(first, a)));
                    }
                }
                g.writeEndArray();
                g.writeObjectFieldStart("observations");
                if (cube.observations()) {
                    for (R r : series) {
                        observation(g, cube, dims, attributes, r);
                    }
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndArray();
    }

    private static <R> void observation(JsonGenerator g, Cube<R> cube, List<Values> dims, List<Values> attributes, R r) throws IOException {
        StringBuilder key = new StringBuilder();
        for (int i : cube.obsDims) {
            if (!key.isEmpty()) {
                key.append(':');
            }
            key.append(dims.get(i).of(cube.dimension(r, i)));
        }
        g.writeArrayFieldStart(key.toString());
        Double v = cube.layout.value(r);
        if (v == null) {
            g.writeNull();
        } else {
            g.writeNumber(v);
        }
        if (cube.attributes()) {
            for (int a : cube.obsAttributes) {
                writeIndex(g, attributes.get(a).of(cube.layout.attribute(r, a)));
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

    private static String dataflowUrn(Dataflow flow) {
        return "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=" + flow.urnShort();
    }

    private static String dataStructureUrn(Dataflow flow) {
        return "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=" + Structures.AGENCY + ":" + flow.dsd() + "(" + Structures.VERSION + ")";
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

    private static void dimensionComponent(JsonGenerator g, Layout<?> layout, int i, Values values) throws IOException {
        List<Structures.Dimension> dimensions = layout.flow().dimensions();
        if (i == dimensions.size()) {
            g.writeStartObject();
            g.writeStringField("id", "TIME_PERIOD");
            g.writeStringField("name", "Time period");
            g.writeNumberField("keyPosition", i);
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
        Structures.Dimension d = dimensions.get(i);
        String role = switch (d.id()) {
            case "FREQ" -> "FREQ";
            case "REF_AREA" -> "REF_AREA";
            default -> null;
        };
        component(g, d.id(), d.name(), i, role, values, layout.codes(d.codelist()));
    }

    private static void attributeComponent(JsonGenerator g, Layout<?> layout, int a, Values values) throws IOException {
        Dataflow.Attribute attribute = layout.flow().attributes().get(a);
        component(g, attribute.id(), attribute.name(), -1, null, values,
                attribute.codelist() == null ? Map.of() : layout.codes(attribute.codelist()));
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

    // ---- SDMX-JSON 2.0 ----

    /** Where the SDMX-JSON 2.0.0 data message schema is published (the message names it in meta.schema). */
    static final String JSON_2_SCHEMA =
            "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/v2.0.0/data-message/tools/schemas/2.0.0/sdmx-json-data-schema.json";

    /**
     * SDMX-JSON 2.0.0 (the SDMX 3.0 generation): meta instead of header, a list of structures each naming its data
     * sets, the measure OBS_VALUE declared under measures, attributes with their relationship, localised names
     * ({@code names}). Observation arrays are the same as in 1.0: the value, then the attributes' value indexes.
     */
    public static <R> void json2(List<R> rows, Layout<R> layout, DataQuery query, String selfUri, OutputStream out) throws IOException {
        Cube<R> cube = new Cube<>(rows, layout, query);
        Dataflow flow = layout.flow();
        List<Values> dims = dimensionValues(rows, cube);
        List<Values> attributes = attributeValues(rows, layout);

        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("meta");
            g.writeStringField("schema", JSON_2_SCHEMA);
            g.writeStringField("id", "IREF" + System.nanoTime());
            g.writeBooleanField("test", false);
            g.writeStringField("prepared", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            g.writeArrayFieldStart("contentLanguages");
            g.writeString("en");
            g.writeEndArray();
            g.writeObjectFieldStart("sender");
            g.writeStringField("id", Structures.AGENCY);
            localised(g, "name", "WSIS platform");
            g.writeEndObject();
            g.writeArrayFieldStart("links");
            link(g, selfUri, "request", null);
            g.writeEndArray();
            g.writeEndObject();

            g.writeObjectFieldStart("data");
            g.writeArrayFieldStart("structures");
            g.writeStartObject();
            g.writeArrayFieldStart("dataSets");
            g.writeNumber(0);
            g.writeEndArray();
            g.writeArrayFieldStart("links");
            link(g, null, "dataflow", dataflowUrn(flow));
            link(g, null, "datastructure", dataStructureUrn(flow));
            g.writeEndArray();
            localised(g, "name", flow.name());

            components(g, "dimensions", cube.seriesDims, cube.obsDims, true, cube.observations(),
                    (i, v) -> dimensionComponent2(g, layout, i, v), dims);

            g.writeObjectFieldStart("measures");
            g.writeArrayFieldStart("observation");
            if (cube.observations()) {
                g.writeStartObject();
                g.writeStringField("id", "OBS_VALUE");
                localised(g, "name", flow.measureName());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();

            components(g, "attributes", cube.seriesAttributes, cube.obsAttributes, cube.attributes(),
                    cube.attributes() && cube.observations(), (a, v) -> attributeComponent2(g, layout, a, v), attributes);
            g.writeEndObject();
            g.writeEndArray();

            writeDataSets(g, cube, dims, attributes, true);
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** A name as SDMX-JSON 2.0 gives it: the best match in {@code name} and every language in {@code names}. */
    private static void localised(JsonGenerator g, String field, String english) throws IOException {
        g.writeStringField(field, english);
        g.writeObjectFieldStart(field + "s");
        g.writeStringField("en", english);
        g.writeEndObject();
    }

    private static void dimensionComponent2(JsonGenerator g, Layout<?> layout, int i, Values values) throws IOException {
        List<Structures.Dimension> dimensions = layout.flow().dimensions();
        g.writeStartObject();
        if (i == dimensions.size()) {
            g.writeStringField("id", "TIME_PERIOD");
            localised(g, "name", "Time period");
            g.writeNumberField("keyPosition", i);
            g.writeArrayFieldStart("roles");
            g.writeString("TIME_PERIOD");
            g.writeEndArray();
            g.writeArrayFieldStart("values");
            for (String period : values.ids) {
                g.writeStartObject();
                g.writeStringField("id", period);
                localised(g, "name", period);
                g.writeStringField("start", period + "-01-01T00:00:00Z");
                g.writeStringField("end", period + "-12-31T23:59:59Z");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            return;
        }
        Structures.Dimension d = dimensions.get(i);
        g.writeStringField("id", d.id());
        localised(g, "name", d.name());
        g.writeNumberField("keyPosition", i);
        if (d.id().equals("FREQ") || d.id().equals("REF_AREA")) {
            g.writeArrayFieldStart("roles");
            g.writeString(d.id());
            g.writeEndArray();
        }
        codedValues(g, values, layout.codes(d.codelist()));
        g.writeEndObject();
    }

    private static void attributeComponent2(JsonGenerator g, Layout<?> layout, int a, Values values) throws IOException {
        Dataflow.Attribute attribute = layout.flow().attributes().get(a);
        g.writeStartObject();
        g.writeStringField("id", attribute.id());
        localised(g, "name", attribute.name());
        g.writeBooleanField("isMandatory", attribute.mandatory());
        g.writeObjectFieldStart("relationship");
        if (attribute.dimension() == null) {
            g.writeObjectFieldStart("observation");
            g.writeEndObject();
        } else {
            g.writeArrayFieldStart("dimensions");
            g.writeString(attribute.dimension());
            g.writeEndArray();
        }
        g.writeEndObject();
        if (attribute.codelist() == null) {
            // free text (COMMENT_OBS): each value is itself; the schema wants at least one value or none listed
            if (!values.ids.isEmpty()) {
                g.writeArrayFieldStart("values");
                for (String value : values.ids) {
                    g.writeStartObject();
                    g.writeStringField("value", value);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        } else {
            codedValues(g, values, layout.codes(attribute.codelist()));
        }
        g.writeEndObject();
    }

    private static void codedValues(JsonGenerator g, Values values, Map<String, String> names) throws IOException {
        if (values.ids.isEmpty()) {
            return; // the schema wants at least one value when values are listed
        }
        g.writeArrayFieldStart("values");
        for (String value : values.ids) {
            g.writeStartObject();
            g.writeStringField("id", value);
            localised(g, "name", names.getOrDefault(value, value));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    // ---- SDMX-CSV 1.0 ----

    /** SDMX-CSV is built on RFC 4180, whose records end with CRLF (strict readers such as sdmx-dl's insist on it). */
    private static final String CRLF = "\r\n";

    /**
     * SDMX-CSV 1.0 is flat whatever dimensionAtObservation says; detail drops observation or attribute columns
     * (without observations: one line per series, with the attributes attached to dimensions).
     */
    public static <R> void csv(List<R> rows, Layout<R> layout, DataQuery query, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        Dataflow flow = layout.flow();
        int time = flow.dimensions().size();
        DataQuery.Detail detail = query.detail();
        boolean observations = detail == DataQuery.Detail.FULL || detail == DataQuery.Detail.DATAONLY;
        boolean withAttributes = detail == DataQuery.Detail.FULL || detail == DataQuery.Detail.NODATA;
        List<Integer> attributes = new ArrayList<>();
        for (int a = 0; a < flow.attributes().size(); a++) {
            if (withAttributes && (observations || flow.attributes().get(a).dimension() != null)) {
                attributes.add(a);
            }
        }
        StringBuilder header = new StringBuilder("DATAFLOW");
        flow.dimensions().forEach(d -> header.append(',').append(d.id()));
        if (observations) {
            header.append(",TIME_PERIOD,OBS_VALUE");
        }
        attributes.forEach(a -> header.append(',').append(flow.attributes().get(a).id()));
        w.write(header.append(CRLF).toString());
        StringBuilder line = new StringBuilder(128);
        String lastSeries = null;
        for (R r : rows) {
            StringBuilder seriesKey = new StringBuilder();
            for (int i = 0; i < time; i++) {
                seriesKey.append(layout.dimension(r, i)).append('.');
            }
            String series = seriesKey.toString();
            if (!observations && series.equals(lastSeries)) {
                continue;   // one line per series when there are no observations
            }
            lastSeries = series;
            line.setLength(0);
            line.append(flow.urnShort());
            for (int i = 0; i < time; i++) {
                line.append(',');
                csvField(line, layout.dimension(r, i));
            }
            if (observations) {
                Double v = layout.value(r);
                line.append(',').append(layout.dimension(r, time)).append(',').append(v == null ? "NaN" : number(v));
            }
            for (int a : attributes) {
                line.append(',');
                csvField(line, layout.attribute(r, a));
            }
            w.write(line.append(CRLF).toString());
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
