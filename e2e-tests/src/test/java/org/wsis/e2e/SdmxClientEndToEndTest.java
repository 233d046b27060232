package org.wsis.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.bancaditalia.oss.sdmx.api.BaseObservation;
import it.bancaditalia.oss.sdmx.api.DataFlowStructure;
import it.bancaditalia.oss.sdmx.api.Dataflow;
import it.bancaditalia.oss.sdmx.api.Dimension;
import it.bancaditalia.oss.sdmx.api.PortableTimeSeries;
import it.bancaditalia.oss.sdmx.client.SdmxClientHandler;
import it.bancaditalia.oss.sdmx.parser.v21.GenericDataParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.xml.stream.XMLInputFactory;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wsis.e2e.SharedPlatform.as;

/**
 * SDMX through the public entry, read by an independent SDMX client: the Bank of Italy's SDMX
 * library (it.bancaditalia.oss:sdmx, the engine of the R/Stata/MATLAB connectors), configured as a
 * custom SDMX 2.1 REST provider at the gateway's SDMX base URL. An agency uploads data through the
 * API first; every value the client reads must equal the JSON API's.
 */
@Tag("integration")
class SdmxClientEndToEndTest {
    private static final String PROVIDER = "WSIS_E2E";
    private static final String INDICATOR = "IT_CEL_SETS";
    /** Years no other test uses, so the comparison is exact whatever else the shared platform holds. */
    private static final int FROM = 1961;
    private static final int TO = 1968;
    private static final List<String> ECONOMIES = List.of("KEN", "UGA", "TZA");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String sdmxBase;
    private static String agency;

    @BeforeAll
    static void uploadAndConfigureTheClient() throws Exception {
        sdmxBase = SharedPlatform.stack().gateway().url() + "/api/indicators/sdmx";
        agency = SharedPlatform.tokens().agencyToken("agency-itu");
        StringBuilder csv = new StringBuilder("indicator,economy,period,value,status,note\n");
        for (int e = 0; e < ECONOMIES.size(); e++) {
            for (int year = FROM; year <= TO; year++) {
                csv.append(INDICATOR).append(',').append(ECONOMIES.get(e)).append(',').append(year).append(',')
                        .append(e * 10 + (year - FROM) + 0.25).append(',').append(year == TO ? "P" : "A").append(',')
                        .append(year == FROM ? "\"first year, survey\"" : "").append('\n');
            }
        }
        as(agency).contentType("text/csv").body(csv.toString()).post("/api/indicators/v1/batches").then().statusCode(201);
        SdmxClientHandler.addProvider(PROVIDER, sdmxBase, false, false, true, "WSIS platform through the gateway");
    }

    /** What the JSON API says: economy/period -> value. */
    private static Map<String, Double> jsonApi() throws Exception {
        String body = SharedPlatform.gateway().get("/api/indicators/v1/observations"
                + "?indicator=" + INDICATOR + "&economy=" + String.join(",", ECONOMIES) + "&from=" + FROM + "&to=" + TO + "&size=100")
                .then().statusCode(200).extract().asString();
        Map<String, Double> values = new HashMap<>();
        for (JsonNode o : JSON.readTree(body).get("items")) {
            if (o.get("sex").asText().equals("_T")) {
                values.put(o.get("economy").asText() + "/" + o.get("period").asInt(), o.get("value").asDouble());
            }
        }
        assertEquals(ECONOMIES.size() * (TO - FROM + 1), values.size(), body);
        return values;
    }

    private static Map<String, Double> fromSeries(List<PortableTimeSeries<Double>> series) {
        Map<String, Double> values = new HashMap<>();
        for (PortableTimeSeries<Double> s : series) {
            for (BaseObservation<? extends Double> o : s) {
                values.put(s.getDimension("REF_AREA") + "/" + o.getTimeslot(), o.getValueAsDouble());
            }
        }
        return values;
    }

    @Test
    void theClientReadsDataflowsAndTheDsdWithCodeLists() throws Exception {
        Map<String, String> flows = SdmxClientHandler.getFlows(PROVIDER, null);
        assertTrue(flows.keySet().stream().anyMatch(f -> f.contains("DF_ICT")), flows.toString());
        List<Dimension> dimensions = SdmxClientHandler.getDimensions(PROVIDER, "DF_ICT");
        assertEquals(List.of("FREQ", "REF_AREA", "INDICATOR", "SEX", "AGE", "URBANISATION"),
                dimensions.stream().map(Dimension::getId).collect(Collectors.toList()));
        Map<String, String> areas = SdmxClientHandler.getCodes(PROVIDER, "DF_ICT", "REF_AREA");
        assertEquals("Kenya", areas.get("KEN"));
        assertTrue(SdmxClientHandler.getCodes(PROVIDER, "DF_ICT", "INDICATOR").containsKey(INDICATOR));
        DataFlowStructure dsd = SdmxClientHandler.getDataFlowStructure(PROVIDER, "DF_ICT");
        assertEquals("TIME_PERIOD", dsd.getTimeDimension());
    }

    @Test
    void structureSpecificDataThroughTheClientEqualsTheJsonApi() throws Exception {
        List<PortableTimeSeries<Double>> series = SdmxClientHandler.getTimeSeries(PROVIDER,
                "DF_ICT/A." + String.join("+", ECONOMIES) + "." + INDICATOR + "._T._T._T", Integer.toString(FROM), Integer.toString(TO));
        assertEquals(ECONOMIES.size(), series.size());
        assertEquals(jsonApi(), fromSeries(series));
        PortableTimeSeries<Double> kenya = series.stream().filter(s -> s.getDimension("REF_AREA").equals("KEN")).findFirst().orElseThrow();
        assertEquals("P", kenya.getObsLevelAttributes("OBS_STATUS").get(TO - FROM));
        assertEquals("first year, survey", kenya.getObsLevelAttributes("COMMENT_OBS").get(0));
        assertFalse(kenya.getAttributeValue("UNIT_MEASURE") == null || kenya.getAttributeValue("UNIT_MEASURE").isBlank());
    }

    @Test
    void genericSdmxMlParsedByTheClientsParserEqualsTheJsonApi() throws Exception {
        String xml = SharedPlatform.gateway().header("Accept-Encoding", "gzip")
                .get("/api/indicators/sdmx/data/WSIS,DF_ICT,1.0/A." + String.join("+", ECONOMIES) + "." + INDICATOR
                        + "._T._T._T?startPeriod=" + FROM + "&endPeriod=" + TO)
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("application/vnd.sdmx.genericdata+xml"))
                .extract().asString();
        Dataflow flow = SdmxClientHandler.getFlow(PROVIDER, "DF_ICT");
        DataFlowStructure dsd = SdmxClientHandler.getDataFlowStructure(PROVIDER, "DF_ICT");
        List<PortableTimeSeries<Double>> series = new GenericDataParser(dsd, flow, true)
                .parse(XMLInputFactory.newInstance().createXMLEventReader(new StringReader(xml)), List.of());
        assertEquals(jsonApi(), fromSeries(series));
    }

    @Test
    void sdmxJsonAndSdmxCsvEqualTheJsonApi() throws Exception {
        String path = "/api/indicators/sdmx/data/DF_ICT/A." + String.join("+", ECONOMIES) + "." + INDICATOR
                + "._T._T._T?startPeriod=" + FROM + "&endPeriod=" + TO;
        JsonNode message = JSON.readTree(SharedPlatform.gateway().accept("application/vnd.sdmx.data+json;version=1.0.0").get(path)
                .then().statusCode(200).extract().asString());
        JsonNode series = message.get("structure").get("dimensions").get("series");
        JsonNode periods = message.get("structure").get("dimensions").get("observation").get(0).get("values");
        Map<String, Double> fromJson = new HashMap<>();
        message.get("dataSets").get(0).get("series").fields().forEachRemaining(s -> {
            String area = series.get(1).get("values").get(Integer.parseInt(s.getKey().split(":")[1])).get("id").asText();
            s.getValue().get("observations").fields().forEachRemaining(o ->
                    fromJson.put(area + "/" + periods.get(Integer.parseInt(o.getKey())).get("id").asText(), o.getValue().get(0).asDouble()));
        });
        assertEquals(jsonApi(), fromJson);

        String csv = SharedPlatform.gateway().accept("application/vnd.sdmx.data+csv;version=1.0.0").get(path)
                .then().statusCode(200).extract().asString();
        Map<String, Double> fromCsv = new HashMap<>();
        String[] lines = csv.split("\n");
        assertTrue(lines[0].startsWith("DATAFLOW,FREQ,REF_AREA,INDICATOR,SEX,AGE,URBANISATION,TIME_PERIOD,OBS_VALUE,OBS_STATUS,COMMENT_OBS"));
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            fromCsv.put(f[2] + "/" + f[7], Double.parseDouble(f[8]));
        }
        assertEquals(jsonApi(), fromCsv);
    }

    @Test
    void sdmxIsDocumentedAtTheGateway() {
        SharedPlatform.gateway().get("/api/openapi.json").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/api/indicators/sdmx/data/{flow}/{key}"));
    }
}
