package org.wsis.indicators.sdmx;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wsis.indicators.testing.AgencyTokens.asItu;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "indicators"))
class SdmxResourceTest {

    /** Data for NGA and ZAF, 2019-2023; uploading the same values again changes nothing (idempotent). */
    @BeforeEach
    void seed() {
        StringBuilder csv = new StringBuilder("indicator,economy,period,value,status,sex\n");
        for (int year = 2019; year <= 2023; year++) {
            csv.append("IT_NET_BBND,NGA,").append(year).append(',').append(year - 2018).append(".5,A,\n");
            csv.append("IT_NET_BBND,ZAF,").append(year).append(',').append(year - 2010).append(",").append(year == 2023 ? "P" : "A").append(",\n");
            csv.append("IT_NET_BBND,ZAF,").append(year).append(",1,A,F\n");
        }
        asItu().contentType("text/csv").body(csv.toString()).post("/api/v1/batches").then().statusCode(201);
    }

    @Test
    void sdmxJsonDataMessageForOneIndicatorAllEconomies() {
        asItu().accept("application/vnd.sdmx.data+json;version=1.0.0")
                .get("/api/sdmx/data/WSIS,DF_ICT,1.0/A..IT_NET_BBND._T._T._T?startPeriod=2020&endPeriod=2023")
                .then().statusCode(200).contentType(startsWith("application/vnd.sdmx.data+json"))
                .body("structure.dimensions.series.id", equalTo(java.util.List.of("FREQ", "REF_AREA", "INDICATOR", "SEX", "AGE", "URBANISATION")))
                .body("structure.dimensions.series[1].values.id", equalTo(java.util.List.of("NGA", "ZAF")))
                .body("structure.dimensions.series[1].values[0].name", equalTo("Nigeria"))
                .body("structure.dimensions.observation[0].values.id", equalTo(java.util.List.of("2020", "2021", "2022", "2023")))
                .body("structure.attributes.observation[0].id", equalTo("OBS_STATUS"))
                .body("dataSets[0].series.'0:0:0:0:0:0'.observations.'0'[0]", equalTo(2.5f))
                .body("dataSets[0].series.'0:1:0:0:0:0'.observations.'3'[0]", equalTo(13f))
                .body("structure.attributes.observation[0].values.id", hasItem("P"));
    }

    @Test
    void sdmxCsvWithFormatParameterAndLastNObservations() {
        String csv = asItu().get("/api/sdmx/data/DF_ICT/A.ZAF+NGA.IT_NET_BBND...?format=csvdata&lastNObservations=2")
                .then().statusCode(200).contentType(startsWith("application/vnd.sdmx.data+csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        org.junit.jupiter.api.Assertions.assertEquals(
                "DATAFLOW,FREQ,REF_AREA,INDICATOR,SEX,AGE,URBANISATION,TIME_PERIOD,OBS_VALUE,OBS_STATUS,COMMENT_OBS,UNIT_MEASURE,UNIT_MULT", lines[0]);
        org.junit.jupiter.api.Assertions.assertEquals(1 + 3 * 2, lines.length, csv);   // NGA total, ZAF total, ZAF female
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains("WSIS:DF_ICT(1.0),A,ZAF,IT_NET_BBND,_T,_T,_T,2023,13,P,,"), csv);
    }

    @Test
    void repeatedQueriesAreServedFromCacheUntilTheNextPublish() {
        String url = "/api/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND._T._T._T?format=csvdata";
        String etag = asItu().get(url).then().statusCode(200).extract().header("ETag");
        asItu().header("If-None-Match", etag).get(url).then().statusCode(304);
        asItu().contentType("text/csv").body("indicator,economy,period,value\nIT_NET_BBND,NGA,2018,0.25\n")
                .post("/api/v1/batches").then().statusCode(201);
        asItu().get(url).then().statusCode(200).body(containsString(",2018,0.25,"));
        asItu().header("If-None-Match", etag).get(url).then().statusCode(200);
    }

    @Test
    void genericXmlWhenAskedForXml() {
        asItu().accept("application/vnd.sdmx.genericdata+xml;version=2.1").get("/api/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND._T._T._T")
                .then().statusCode(200).body(containsString("<generic:ObsDimension value=\"2019\"/><generic:ObsValue value=\"1.5\"/>"));
    }

    @Test
    void updatedAfterInTheFutureFindsNothing() {
        asItu().accept("application/json").get("/api/sdmx/data/DF_ICT/all?updatedAfter=2999-01-01T00:00:00Z")
                .then().statusCode(404).body("errors[0].code", equalTo(100));
    }

    @Test
    void malformedKeysAndUnknownFlowsAreSdmxErrors() {
        asItu().get("/api/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND").then().statusCode(400)
                .contentType(startsWith("application/vnd.sdmx.error+xml"))
                .body(containsString("code=\"140\"")).body(containsString("expected 6"));
        asItu().get("/api/sdmx/data/DF_ICT/A.N!GA.IT_NET_BBND...").then().statusCode(400).body(containsString("Malformed value"));
        asItu().get("/api/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND...?startPeriod=yesterday").then().statusCode(400);
        asItu().get("/api/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND...?junk=1").then().statusCode(400).body(containsString("Unknown parameter 'junk'"));
        asItu().get("/api/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND...?detail=most").then().statusCode(400);
        asItu().get("/api/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND...?dimensionAtObservation=NOPE").then().statusCode(400);
        asItu().get("/api/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND...?includeHistory=true").then().statusCode(501).body(containsString("code=\"501\""));
        asItu().get("/api/sdmx/data/OECD,DF_OTHER,1.0/all").then().statusCode(404).body(containsString("code=\"100\""));
        asItu().get("/api/sdmx/data/DF_ICT/A.XYZ.IT_NET_BBND...").then().statusCode(404).body(containsString("Unknown REF_AREA code 'XYZ'"));
        asItu().get("/api/sdmx/data/DF_ICT/A.ATA.IT_NET_BBND...").then().statusCode(404).body(containsString("No Results Found"));
    }

    @Test
    void structureQueriesAnswerSdmxMl() {
        asItu().get("/api/sdmx/dataflow/WSIS/DF_ICT/1.0").then().statusCode(200)
                .contentType(startsWith("application/vnd.sdmx.structure+xml"))
                .body(containsString("<str:Dataflow id=\"DF_ICT\" agencyID=\"WSIS\" version=\"1.0\""))
                .body(not(containsString("<str:Codelists>")));
        asItu().get("/api/sdmx/dataflow/WSIS/DF_ICT/latest?references=all").then().statusCode(200)
                .body(containsString("<str:DataStructure id=\"DSD_ICT\"")).body(containsString("<str:Codelist id=\"CL_AREA\""));
        asItu().get("/api/sdmx/datastructure/WSIS/DSD_ICT/1.0").then().statusCode(200)
                .body(containsString("<str:TimeDimension id=\"TIME_PERIOD\" position=\"7\">"))
                .body(containsString("<str:Attribute id=\"OBS_STATUS\""))
                .body(containsString("<str:Code id=\"KEN\"><com:Annotations><com:Annotation id=\"M49\"><com:AnnotationTitle>404</com:AnnotationTitle>"))
                .body(containsString("<str:Attribute id=\"COMMENT_OBS\""));
        asItu().get("/api/sdmx/codelist/WSIS/CL_INDICATOR/latest").then().statusCode(200) // 1.n: other tests define indicators
                .body(containsString("<str:Code id=\"IT_USE_ii99\">")).body(not(containsString("CL_AREA")));
        asItu().get("/api/sdmx/codelist/WSIS/CL_NOPE").then().statusCode(404).body(containsString("code=\"100\""));
        asItu().get("/api/sdmx/dataflow/IMF").then().statusCode(404);
    }

    /** Issue 21: SDMX names carry every UN language as xml:lang (parsed, not string-matched); M49 annotations stay. */
    @Test
    void structureNamesCarryTheSixUnLanguages() throws Exception {
        String body = asItu().get("/api/sdmx/dataflow/WSIS/DF_ICT/latest?references=all").then().statusCode(200).extract().asString();
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        org.w3c.dom.Document xml = factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(body)));
        // one pass over the message (no XPath: it rescans the whole document per expression): artefact -> xml:lang -> name
        java.util.Map<String, java.util.Map<String, String>> names = new java.util.HashMap<>();
        java.util.Map<String, String> m49 = new java.util.HashMap<>();
        org.w3c.dom.NodeList all = xml.getElementsByTagNameNS(SdmxXml.COM, "Name");
        for (int i = 0; i < all.getLength(); i++) {
            org.w3c.dom.Element name = (org.w3c.dom.Element) all.item(i);
            org.w3c.dom.Element owner = (org.w3c.dom.Element) name.getParentNode();
            String key = owner.getLocalName() + ":" + owner.getAttribute("id");
            if (owner.getLocalName().equals("Code")) {
                key = ((org.w3c.dom.Element) owner.getParentNode()).getAttribute("id") + ":" + owner.getAttribute("id");
            }
            names.computeIfAbsent(key, k -> new java.util.HashMap<>())
                    .put(name.getAttributeNS(javax.xml.XMLConstants.XML_NS_URI, "lang"), name.getTextContent());
        }
        org.w3c.dom.NodeList annotations = xml.getElementsByTagNameNS(SdmxXml.COM, "AnnotationTitle");
        for (int i = 0; i < annotations.getLength(); i++) {
            org.w3c.dom.Node code = annotations.item(i).getParentNode().getParentNode().getParentNode();
            m49.put(((org.w3c.dom.Element) code).getAttribute("id"), annotations.item(i).getTextContent());
        }
        java.util.Map<String, String> korea = names.get("CL_AREA:KOR");
        // the six languages are the UN M49 names (service-commons reference/), English too: data messages name it the same
        assertEquals(java.util.Map.of("ar", "جمهورية كوريا", "zh", "大韩民国", "en", "Republic of Korea",
                "fr", "République de Corée", "ru", "Республика Корея", "es", "República de Corea"), korea);
        assertEquals("410", m49.get("KOR"));
        assertEquals("Kenya", names.get("CL_AREA:KEN").get("en"));
        assertEquals("Afrique (région de l'UIT)", names.get("CL_AREA:ITU_AFR").get("fr"));
        java.util.Map<String, String> female = names.get("CL_SEX:F");
        assertEquals(6, female.size());
        assertEquals("女性", female.get("zh"));
        assertEquals("Женщины", female.get("ru"));
        // every code list, concept, dataflow and DSD is named in the six languages
        for (String artefact : java.util.List.of("Dataflow:DF_ICT", "DataStructure:DSD_ICT", "ConceptScheme:CS_ICT",
                "Concept:REF_AREA", "Codelist:CL_AGE")) {
            assertEquals(java.util.Set.of("ar", "zh", "en", "fr", "ru", "es"), names.get(artefact).keySet(), artefact);
        }
        assertEquals("Indicadores de TIC intercambiados por los organismos de las Naciones Unidas (CMSI)",
                names.get("Dataflow:DF_ICT").get("es"));
        // a code ITU staff add in English only is published in English only (no stale or invented translation)
        io.restassured.specification.RequestSpecification staff = org.wsis.indicators.testing.AgencyTokens.as("itu-staff", "ITU", "platform-admin");
        staff.contentType("application/json").body("{\"name\": \"Youth in school (test " + System.nanoTime() + ")\"}")
                .put("/api/v1/codelists/CL_AGE/codes/Y_SCHOOL_TEST").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
        // the JSON code lists and indicator definitions carry the same labels
        given().header("Accept-Language", "es").get("/api/v1/codelists/CL_AGE").then().statusCode(200)
                .header("Content-Language", "es")
                .body("label", equalTo("Grupos de edad"))
                .body("codes.find { it.code == 'Y15T24' }.label", equalTo("De 15 a 24 años"))
                .body("codes.find { it.code == 'Y15T24' }.labels.zh", equalTo("15至24岁"))
                .body("codes.find { it.code == 'Y_SCHOOL_TEST' }.label", startsWith("Youth in school (test "))
                .body("codes.find { it.code == 'Y_SCHOOL_TEST' }.labels.es", nullValue());
        given().header("Accept-Language", "zh").get("/api/v1/indicators/IT_USE_ii99").then().statusCode(200)
                .header("Content-Language", "zh").body("label", equalTo("使用因特网的人口比例"))
                .body("officialLabels.size()", equalTo(6)).body("name", equalTo("Proportion of individuals using the Internet"));
        given().header("Accept-Language", "ru").get("/api/v1/indicators").then().statusCode(200)
                .body("find { it.code == 'IT_HH_NET' }.label", equalTo("Доля домохозяйств, имеющих доступ в интернет дома"))
                .body("find { it.code == 'IT_HH_NET' }.officialLabels.size()", equalTo(0));
        String ages = asItu().get("/api/sdmx/codelist/WSIS/CL_AGE/latest").then().statusCode(200).extract().asString();
        assertTrue(ages.contains("<str:Code id=\"Y_SCHOOL_TEST\"><com:Name xml:lang=\"en\">Youth in school (test "), ages);
        org.wsis.indicators.testing.AgencyTokens.as("itu-staff", "ITU", "platform-admin").delete("/api/v1/codelists/CL_AGE/codes/Y_SCHOOL_TEST").then().statusCode(204);
    }

    @Test
    void genericSdmxMlIsTheDefaultAndOtherVersionsAre406() {
        asItu().get("/api/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND._T._T._T").then().statusCode(200)
                .contentType(startsWith("application/vnd.sdmx.genericdata+xml")).body(containsString("<message:GenericData"));
        asItu().accept("*/*").get("/api/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND._T._T._T").then().statusCode(200)
                .contentType(startsWith("application/vnd.sdmx.genericdata+xml"));
        for (String type : java.util.List.of("application/vnd.sdmx.data+json;version=3.0.0", "application/vnd.sdmx.data+csv;version=2.0.0",
                "application/vnd.sdmx.genericdata+xml;version=3.0.0", "text/html")) {
            asItu().accept(type).get("/api/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND._T._T._T").then().statusCode(406);
        }
        asItu().accept("application/vnd.sdmx.structure+json;version=1.0").get("/api/sdmx/dataflow/WSIS/DF_ICT/1.0").then().statusCode(406);
        asItu().get("/api/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND._T._T._T?format=jsondata20").then().statusCode(406);
    }

    @Test
    void structureSpecificDataWithNotesAndUnits() {
        asItu().contentType("text/csv").body("indicator,economy,period,value,status,note\nIT_NET_BBND,NGA,2015,0.5,E,\"survey, provisional\"\n")
                .post("/api/v1/batches").then().statusCode(201);
        String xml = asItu().accept("application/vnd.sdmx.structurespecificdata+xml;version=2.1")
                .get("/api/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND._T._T._T").then().statusCode(200)
                .contentType(startsWith("application/vnd.sdmx.structurespecificdata+xml")).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(xml.contains("<Series FREQ=\"A\" REF_AREA=\"NGA\" INDICATOR=\"IT_NET_BBND\" SEX=\"_T\" AGE=\"_T\" URBANISATION=\"_T\" UNIT_MEASURE="), xml);
        org.junit.jupiter.api.Assertions.assertTrue(xml.contains("<Obs TIME_PERIOD=\"2015\" OBS_VALUE=\"0.5\" OBS_STATUS=\"E\" COMMENT_OBS=\"survey, provisional\"/>"), xml);
        asItu().accept("application/vnd.sdmx.genericdata+xml;version=2.1").get("/api/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND._T._T._T")
                .then().body(containsString("<generic:Value id=\"COMMENT_OBS\" value=\"survey, provisional\"/>"))
                .body(containsString("<generic:Value id=\"UNIT_MEASURE\""));
        asItu().get("/api/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND._T._T._T?format=csvdata")
                .then().body(containsString(",2015,0.5,E,\"survey, provisional\","));
        asItu().accept("application/vnd.sdmx.data+json;version=1.0.0").get("/api/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND._T._T._T")
                .then().body("structure.attributes.observation[1].id", equalTo("COMMENT_OBS"))
                .body("structure.attributes.observation[1].values[0].name", equalTo("survey, provisional"))
                .body("structure.attributes.series.id", equalTo(java.util.List.of("UNIT_MEASURE", "UNIT_MULT")));
    }

    @Test
    void detailAndDimensionAtObservationAreHonoured() {
        String base = "/api/sdmx/data/DF_ICT/A.NGA+ZAF.IT_NET_BBND._T._T._T";
        asItu().get(base + "?detail=serieskeysonly").then().statusCode(200)
                .body(not(containsString("<generic:Obs>"))).body(not(containsString("UNIT_MEASURE"))).body(containsString("<generic:SeriesKey>"));
        asItu().get(base + "?detail=nodata").then().statusCode(200)
                .body(not(containsString("<generic:Obs>"))).body(containsString("UNIT_MEASURE"));
        asItu().get(base + "?detail=dataonly").then().statusCode(200)
                .body(containsString("<generic:Obs>")).body(not(containsString("OBS_STATUS")));
        asItu().get(base + "?dimensionAtObservation=AllDimensions&startPeriod=2023").then().statusCode(200)
                .body(not(containsString("<generic:Series>"))).body(containsString("<generic:ObsKey>"));
        asItu().get(base + "?dimensionAtObservation=REF_AREA&startPeriod=2023&endPeriod=2023").then().statusCode(200)
                .body(containsString("<generic:Value id=\"TIME_PERIOD\" value=\"2023\"/>"))
                .body(containsString("<generic:ObsDimension value=\"NGA\"/>"));
        asItu().accept("application/vnd.sdmx.data+json;version=1.0.0").get(base + "?dimensionAtObservation=REF_AREA&startPeriod=2023&endPeriod=2023")
                .then().statusCode(200).body("structure.dimensions.observation[0].id", equalTo("REF_AREA"))
                .body("structure.dimensions.series.id", hasItem("TIME_PERIOD"));
        String first = asItu().get(base + "?format=csvdata&firstNObservations=1").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(first.contains(",NGA,IT_NET_BBND,_T,_T,_T,") && first.split("\n").length == 3, first);
        asItu().get(base + "?firstNObservations=1&dimensionAtObservation=REF_AREA").then().statusCode(501);
    }

    @Test
    void m49CodesAreAcceptedInKeys() {
        asItu().get("/api/sdmx/data/DF_ICT/A.566.IT_NET_BBND._T._T._T?format=csvdata").then().statusCode(200)
                .body(containsString(",A,NGA,IT_NET_BBND,"));
        asItu().get("/api/v1/observations?indicator=IT_NET_BBND&economy=710").then().statusCode(200).body("items.economy", hasItem("ZAF"));
    }

    /** Issue 15: a repeated filter value was silently dropped (only the first was kept); repeated and comma-separated now agree. */
    @Test
    void repeatedAndCommaSeparatedFilterValuesAreAllUsed() {
        asItu().get("/api/v1/observations?indicator=IT_NET_BBND&economy=NGA&economy=710&size=100").then().statusCode(200)
                .body("items.economy", org.hamcrest.Matchers.hasItems("NGA", "ZAF"));
        asItu().get("/api/v1/observations?indicator=IT_NET_BBND&economy=NGA,710&size=100").then().statusCode(200)
                .body("items.economy", org.hamcrest.Matchers.hasItems("NGA", "ZAF"));
        asItu().get("/api/v1/observations?indicator=IT_NET_BBND&from=2020&from=2021").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void availabilityListsCodesThatHaveData() {
        asItu().get("/api/sdmx/availableconstraint/DF_ICT/A..IT_NET_BBND...").then().statusCode(200)
                .contentType(startsWith("application/vnd.sdmx.structure+xml"))
                .body(containsString("type=\"Actual\""))
                .body(containsString("<com:KeyValue id=\"SEX\"><com:Value>F</com:Value><com:Value>_T</com:Value></com:KeyValue>"))
                .body(containsString("<com:Value>NGA</com:Value>")).body(not(containsString("<com:Value>KEN</com:Value>")));
        asItu().get("/api/sdmx/availableconstraint/DF_ICT/A.ZAF.IT_NET_BBND.F../all/SEX").then().statusCode(200)
                .body(containsString("<com:KeyValue id=\"SEX\"><com:Value>F</com:Value></com:KeyValue>"))
                .body(not(containsString("REF_AREA")));
    }

    @Test
    void unimplementedSdmxResourcesAnswer501InSdmxFormat() {
        asItu().get("/api/sdmx/categoryscheme/WSIS").then().statusCode(501)
                .contentType(startsWith("application/vnd.sdmx.error+xml")).body(containsString("code=\"501\""));
        asItu().get("/api/sdmx/contentconstraint").then().statusCode(501);
        asItu().get("/api/sdmx/nonsense").then().statusCode(404);
    }

    @Test
    void responsesAreGzippedWhenAsked() {
        asItu().header("Accept-Encoding", "gzip").get("/api/sdmx/data/DF_ICT/A..IT_NET_BBND...?format=csvdata")
                .then().statusCode(200).header("Content-Encoding", "gzip");
    }

    @Test
    void aCachedMessageIsServedGzippedOnceCompressedAndEqualToTheIdentityBytes() {
        String path = "/api/sdmx/data/DF_ICT/A..IT_NET_BBND...?format=genericdata";
        // RestAssured adds "Accept-Encoding: gzip,deflate" of its own unless its decoders are off
        var noDecoders = RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());
        String identity = given().config(noDecoders).header("Accept-Encoding", "identity").get(path)
                .then().statusCode(200).header("Content-Encoding", nullValue()).extract().asString();
        for (int round = 0; round < 2; round++) {   // the first may be rendered, the second comes from the cache
            var gzipped = given().header("Accept-Encoding", "gzip, deflate").get(path)
                    .then().statusCode(200).header("Content-Encoding", "gzip")
                    .header("Vary", containsString("Accept-Encoding")).extract();
            // RestAssured inflates once: compressed twice would leave gzip bytes here, not the message
            assertEquals(identity, gzipped.asString());
            String etag = gzipped.header("ETag");
            assertTrue(etag.endsWith("-gz\""), etag);
            given().header("Accept-Encoding", "gzip").header("If-None-Match", etag).get(path).then().statusCode(304);
            // the gzip ETag names the gzip bytes only: an identity request with it gets the full message
            given().config(noDecoders).header("Accept-Encoding", "identity").header("If-None-Match", etag).get(path)
                    .then().statusCode(200).header("Content-Encoding", nullValue());
        }
        given().config(noDecoders).header("Accept-Encoding", "gzip;q=0, identity").get(path)
                .then().statusCode(200).header("Content-Encoding", nullValue());
    }
}
