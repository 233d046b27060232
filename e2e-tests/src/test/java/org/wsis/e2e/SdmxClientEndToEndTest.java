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

import sdmxdl.Connection;
import sdmxdl.DataSet;
import sdmxdl.DatabaseRef;
import sdmxdl.FlowRef;
import sdmxdl.Key;
import sdmxdl.Languages;
import sdmxdl.Obs;
import sdmxdl.Query;
import sdmxdl.Series;
import sdmxdl.Structure;
import sdmxdl.format.ObsParser;
import sdmxdl.format.csv.SdmxPicocsvParser;
import sdmxdl.web.SdmxWebManager;
import sdmxdl.web.WebSource;

import javax.xml.stream.XMLInputFactory;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wsis.e2e.SharedPlatform.as;

/**
 * SDMX through the public entry, read by independent SDMX clients, each configured with the gateway's SDMX base
 * URL: the Bank of Italy's SDMX library (it.bancaditalia.oss:sdmx, the engine of the R/Stata/MATLAB connectors):
 * dataflows, the DSD, structure-specific and generic SDMX-ML; the National Bank of Belgium's sdmx-dl (JDemetra+'s
 * SDMX access): dataflows, the DSD and data through its SDMX 2.1 REST driver, and SDMX-CSV through its SDMX-CSV
 * parser; the Pacific Community's sdmx-json-parser (npm, in Node.js): SDMX-JSON. An agency uploads data through
 * the API first; every value each client reads must equal the JSON API's.
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
    private static final FlowRef DF_ICT = FlowRef.parse("WSIS,DF_ICT,1.0");
    private static final Key KEY = Key.parse("A." + String.join("+", ECONOMIES) + "." + INDICATOR + "._T._T._T");
    private static final String SDMX_JSON_PARSER = "sdmx-json-parser@0.3.1";
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

    /** sdmx-dl's SDMX 2.1 REST driver, configured with the gateway's SDMX base URL as a custom source. */
    private static Connection sdmxDl() throws Exception {
        WebSource source = WebSource.builder().id("WSIS_E2E").driver("RI_SDMX21").endpointOf(sdmxBase).build();
        return SdmxWebManager.ofServiceLoader().getConnection(source, Languages.ANY);
    }

    private static Map<String, Double> fromSdmxDl(java.util.Collection<Series> series) {
        Map<String, Double> values = new HashMap<>();
        for (Series s : series) {
            for (Obs o : s.getObs()) {
                values.put(s.getKey().get(1) + "/" + o.getPeriod().getStart().getYear(), o.getValue());
            }
        }
        return values;
    }

    @Test
    void sdmxDlReadsTheDataflowTheDsdAndSdmxMlData() throws Exception {
        try (Connection connection = sdmxDl()) {
            assertTrue(connection.getFlows(DatabaseRef.NO_DATABASE).stream().anyMatch(f -> f.getRef().getId().equals("DF_ICT")));
            Structure dsd = connection.getStructure(DatabaseRef.NO_DATABASE, DF_ICT);
            assertEquals(List.of("FREQ", "REF_AREA", "INDICATOR", "SEX", "AGE", "URBANISATION"),
                    dsd.getDimensionList().stream().map(d -> d.getId()).collect(Collectors.toList()));
            assertEquals("TIME_PERIOD", dsd.getTimeDimensionId());
            assertEquals("Kenya", dsd.getDimensionList().get(1).getCodelist().getCodes().get("KEN"));
            DataSet data = connection.getData(DatabaseRef.NO_DATABASE, DF_ICT, Query.builder().key(KEY).build());
            Map<String, Double> values = fromSdmxDl(data.getData());
            values.keySet().removeIf(k -> !inRange(k));
            assertEquals(jsonApi(), values);
        }
    }

    @Test
    void sdmxCsvParsedBySdmxDlEqualsTheJsonApi() throws Exception {
        Structure dsd;
        try (Connection connection = sdmxDl()) {
            dsd = connection.getStructure(DatabaseRef.NO_DATABASE, DF_ICT);
        }
        String csv = SharedPlatform.gateway().accept("application/vnd.sdmx.data+csv;version=1.0.0").get(dataPath())
                .then().statusCode(200).contentType("application/vnd.sdmx.data+csv;version=1.0.0").extract().asString();
        DataSet parsed = SdmxPicocsvParser.builder().factory(ObsParser::newDefault).build().getParser(dsd).parseReader(new StringReader(csv));
        assertEquals(ECONOMIES.size(), parsed.getData().size());
        assertEquals(jsonApi(), fromSdmxDl(parsed.getData()));
        assertEquals("DF_ICT", parsed.getRef().getId());
        // sdmx-dl's parser keeps keys, periods and values (not attributes): the note's quoted comma must not shift them
        assertTrue(csv.contains(",\"first year, survey\","), csv);
    }

    /**
     * SDMX-JSON read by the Pacific Community's sdmx-json-parser (npm; it reads the SDMX-JSON 2.0 layout SDMX 3.0
     * registries serve, so it asks for version 2.0.0), run in Node.js. Needs node and npm, like ApiLintTest.
     */
    @Test
    void sdmxJsonReadByThePacificCommunityParserEqualsTheJsonApi() throws Exception {
        Path dir = Path.of("target", "sdmx-json-parser").toAbsolutePath();
        Files.createDirectories(dir);
        try (var script = SdmxClientEndToEndTest.class.getResourceAsStream("/sdmx-json-parser/read.cjs")) {
            Files.write(dir.resolve("read.cjs"), script.readAllBytes());
        }
        run(dir, "npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix", dir.toString(), SDMX_JSON_PARSER);
        String printed = run(dir, "node", dir.resolve("read.cjs").toString(), sdmxBase.replace("/api/indicators/sdmx", "")
                + dataPath() + "&format=jsondata", "application/vnd.sdmx.data+json;version=2.0.0");
        JsonNode read = JSON.readTree(printed);
        assertEquals(List.of("FREQ", "REF_AREA", "INDICATOR", "SEX", "AGE", "URBANISATION", "TIME_PERIOD"),
                JSON.convertValue(read.get("dimensions"), List.class));
        // the parser names every dimension value by its name (Kenya, not KEN): map the names back with the DSD's code list
        Map<String, String> codeOfName = new HashMap<>();
        SdmxClientHandler.getCodes(PROVIDER, "DF_ICT", "REF_AREA").forEach((code, name) -> codeOfName.put(name, code));
        Map<String, Double> values = new HashMap<>();
        for (JsonNode o : read.get("data")) {
            values.put(codeOfName.get(o.get("REF_AREA").asText()) + "/" + o.get("TIME_PERIOD").asText(), o.get("value").asDouble());
        }
        assertEquals(jsonApi(), values);
    }

    private static String run(Path dir, String... command) throws Exception {
        Path errors = Files.createTempFile(dir, "stderr", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(errors.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), String.join(" ", command) + " finished");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + out + Files.readString(errors));
        return out;
    }

    private static String dataPath() {
        return "/api/indicators/sdmx/data/DF_ICT/A." + String.join("+", ECONOMIES) + "." + INDICATOR
                + "._T._T._T?startPeriod=" + FROM + "&endPeriod=" + TO;
    }

    private static boolean inRange(String economyPeriod) {
        int year = Integer.parseInt(economyPeriod.substring(economyPeriod.indexOf('/') + 1));
        return year >= FROM && year <= TO;
    }

    @Test
    void sdmxIsDocumentedAtTheGateway() {
        SharedPlatform.gateway().get("/api/openapi.json").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/api/indicators/sdmx/data/{flow}/{key}"));
    }
}
