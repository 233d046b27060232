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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/** Data messages in SDMX-JSON 1.0, SDMX-CSV 1.0 and SDMX-ML 2.1 generic data. Rows come ordered by series key and period. */
public final class SdmxDataWriter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String FREQ = "A";

    private SdmxDataWriter() {
    }

    /** The values a dimension or attribute takes in this message, in order, with their index. */
    private static final class Values {
        final List<String> ids;
        final Map<String, Integer> index = new HashMap<>();

        Values(List<Row> rows, Function<Row, String> of) {
            TreeSet<String> distinct = new TreeSet<>();
            rows.forEach(r -> distinct.add(of.apply(r)));
            ids = new ArrayList<>(distinct);
            for (int i = 0; i < ids.size(); i++) {
                index.put(ids.get(i), i);
            }
        }
    }

    public static void json(List<Row> rows, Structures.Snapshot s, String selfUri, OutputStream out) throws IOException {
        List<Function<Row, String>> dimensionOf = List.of(r -> FREQ, Row::economy, Row::indicator, Row::sex, Row::age, Row::urbanisation);
        List<Values> dims = new ArrayList<>();
        dimensionOf.forEach(f -> dims.add(new Values(rows, f)));
        Values periods = new Values(rows, r -> Integer.toString(r.period()));
        Values units = new Values(rows, r -> unitCode(s, r));
        Values multipliers = new Values(rows, r -> Integer.toString(unitMult(s, r)));
        Values statuses = new Values(rows, Row::status);

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
            g.writeEndObject();

            g.writeObjectFieldStart("structure");
            g.writeArrayFieldStart("links");
            g.writeStartObject();
            g.writeStringField("href", selfUri);
            g.writeStringField("rel", "request");
            g.writeEndObject();
            g.writeStartObject();
            g.writeStringField("urn", "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=" + Structures.FLOW_URN_SHORT);
            g.writeStringField("rel", "dataflow");
            g.writeEndObject();
            g.writeEndArray();
            g.writeStringField("name", "ICT indicators exchanged by UN agencies (WSIS)");
            g.writeObjectFieldStart("dimensions");
            g.writeArrayFieldStart("dataSet");
            g.writeEndArray();
            g.writeArrayFieldStart("series");
            for (int i = 0; i < dims.size(); i++) {
                Structures.Dimension d = Structures.DIMENSIONS.get(i);
                component(g, d.id(), d.name(), i, dims.get(i), s.codes(d.codelist()));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("observation");
            g.writeStartObject();
            g.writeStringField("id", "TIME_PERIOD");
            g.writeStringField("name", "Time period");
            g.writeNumberField("keyPosition", dims.size());
            g.writeStringField("role", "time");
            g.writeArrayFieldStart("values");
            for (String period : periods.ids) {
                g.writeStartObject();
                g.writeStringField("id", period);
                g.writeStringField("name", period);
                g.writeStringField("start", period + "-01-01T00:00:00");
                g.writeStringField("end", period + "-12-31T23:59:59");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();

            g.writeObjectFieldStart("attributes");
            g.writeArrayFieldStart("dataSet");
            g.writeEndArray();
            g.writeArrayFieldStart("series");
            component(g, "UNIT_MEASURE", "Unit of measure", -1, units, s.codes("CL_UNIT_MEASURE"));
            component(g, "UNIT_MULT", "Unit multiplier", -1, multipliers, s.codes("CL_UNIT_MULT"));
            g.writeEndArray();
            g.writeArrayFieldStart("observation");
            component(g, "OBS_STATUS", "Observation status", -1, statuses, s.codes("CL_OBS_STATUS"));
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();

            g.writeArrayFieldStart("dataSets");
            g.writeStartObject();
            g.writeStringField("action", "Information");
            g.writeObjectFieldStart("series");
            String currentKey = null;
            for (Row row : rows) {
                StringBuilder key = new StringBuilder();
                for (int i = 0; i < dims.size(); i++) {
                    if (i > 0) {
                        key.append(':');
                    }
                    key.append(dims.get(i).index.get(dimensionOf.get(i).apply(row)));
                }
                if (!key.toString().equals(currentKey)) {
                    if (currentKey != null) {
                        g.writeEndObject();   // observations
                        g.writeEndObject();   // series
                    }
                    currentKey = key.toString();
                    g.writeObjectFieldStart(currentKey);
                    g.writeArrayFieldStart("attributes");
                    g.writeNumber(units.index.get(unitCode(s, row)));
                    g.writeNumber(multipliers.index.get(Integer.toString(unitMult(s, row))));
                    g.writeEndArray();
                    g.writeObjectFieldStart("observations");
                }
                g.writeArrayFieldStart(Integer.toString(periods.index.get(Integer.toString(row.period()))));
                if (row.value() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(row.value());
                }
                g.writeNumber(statuses.index.get(row.status()));
                g.writeEndArray();
            }
            if (currentKey != null) {
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void component(JsonGenerator g, String id, String name, int keyPosition, Values values,
                                  Map<String, String> names) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("name", name);
        if (keyPosition >= 0) {
            g.writeNumberField("keyPosition", keyPosition);
        }
        g.writeArrayFieldStart("values");
        for (String value : values.ids) {
            g.writeStartObject();
            g.writeStringField("id", value);
            g.writeStringField("name", names.getOrDefault(value, value));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    public static final String CSV_HEADER = "DATAFLOW,FREQ,REF_AREA,INDICATOR,SEX,AGE,URBANISATION,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE,UNIT_MULT\n";

    public static void csv(List<Row> rows, Structures.Snapshot s, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(CSV_HEADER);
        StringBuilder line = new StringBuilder(128);
        for (Row r : rows) {
            line.setLength(0);
            line.append(Structures.FLOW_URN_SHORT).append(',').append(FREQ).append(',').append(r.economy()).append(',')
                    .append(r.indicator()).append(',').append(r.sex()).append(',').append(r.age()).append(',')
                    .append(r.urbanisation()).append(',').append(r.period()).append(',')
                    .append(r.value() == null ? "" : number(r.value())).append(',').append(r.status()).append(',')
                    .append(unitCode(s, r)).append(',').append(unitMult(s, r)).append('\n');
            w.write(line.toString());
        }
        w.flush();
    }

    /** SDMX-ML 2.1 GenericData, for clients that ask for XML. */
    public static void genericXml(List<Row> rows, Structures.Snapshot s, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        StringBuilder x = new StringBuilder(1 << 14);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<message:GenericData xmlns:message=\"").append(SdmxXml.MES)
                .append("\" xmlns:generic=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic\" xmlns:common=\"")
                .append(SdmxXml.COM).append("\">\n");
        x.append("<message:Header><message:ID>IREF").append(System.nanoTime()).append("</message:ID><message:Test>false</message:Test><message:Prepared>")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("</message:Prepared><message:Sender id=\"")
                .append(Structures.AGENCY).append("\"/><message:Structure structureID=\"").append(Structures.DSD)
                .append("\" dimensionAtObservation=\"TIME_PERIOD\"><common:Structure><Ref agencyID=\"").append(Structures.AGENCY)
                .append("\" id=\"").append(Structures.DSD).append("\" version=\"").append(Structures.VERSION)
                .append("\"/></common:Structure></message:Structure></message:Header>\n<message:DataSet structureRef=\"")
                .append(Structures.DSD).append("\">\n");
        String currentKey = null;
        for (Row r : rows) {
            String key = r.economy() + '.' + r.indicator() + '.' + r.sex() + '.' + r.age() + '.' + r.urbanisation();
            if (!key.equals(currentKey)) {
                if (currentKey != null) {
                    x.append("</generic:Series>\n");
                }
                currentKey = key;
                x.append("<generic:Series><generic:SeriesKey>");
                value(x, "FREQ", FREQ);
                value(x, "REF_AREA", r.economy());
                value(x, "INDICATOR", r.indicator());
                value(x, "SEX", r.sex());
                value(x, "AGE", r.age());
                value(x, "URBANISATION", r.urbanisation());
                x.append("</generic:SeriesKey><generic:Attributes>");
                value(x, "UNIT_MEASURE", unitCode(s, r));
                value(x, "UNIT_MULT", Integer.toString(unitMult(s, r)));
                x.append("</generic:Attributes>");
            }
            x.append("<generic:Obs><generic:ObsDimension value=\"").append(r.period()).append("\"/><generic:ObsValue value=\"")
                    .append(r.value() == null ? "NaN" : number(r.value())).append("\"/><generic:Attributes>");
            value(x, "OBS_STATUS", r.status());
            x.append("</generic:Attributes></generic:Obs>");
            if (x.length() > (1 << 14)) {
                w.write(x.toString());
                x.setLength(0);
            }
        }
        if (currentKey != null) {
            x.append("</generic:Series>\n");
        }
        x.append("</message:DataSet>\n</message:GenericData>\n");
        w.write(x.toString());
        w.flush();
    }

    private static void value(StringBuilder x, String id, String value) {
        x.append("<generic:Value id=\"").append(id).append("\" value=\"").append(SdmxXml.escape(value)).append("\"/>");
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static String unitCode(Structures.Snapshot s, Row r) {
        Structures.Indicator indicator = s.indicators().get(r.indicator());
        return indicator == null ? "UNKNOWN" : indicator.unitCode();
    }

    private static int unitMult(Structures.Snapshot s, Row r) {
        Structures.Indicator indicator = s.indicators().get(r.indicator());
        return indicator == null ? 0 : indicator.unitMultiplier();
    }
}
