package org.wsis.indicators.sdmx;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "indicators"))
@TestSecurity(user = "svc-itu", roles = "indicator-publisher", attributes = @SecurityAttribute(key = "agency", value = "ITU"))
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
        given().contentType("text/csv").body(csv.toString()).post("/api/v1/batches").then().statusCode(201);
    }

    @Test
    void sdmxJsonDataMessageForOneIndicatorAllEconomies() {
        given().accept("application/vnd.sdmx.data+json;version=1.0.0")
                .get("/sdmx/data/WSIS,DF_ICT,1.0/A..IT_NET_BBND._T._T._T?startPeriod=2020&endPeriod=2023")
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
        String csv = given().get("/sdmx/data/DF_ICT/A.ZAF+NGA.IT_NET_BBND...?format=csvdata&lastNObservations=2")
                .then().statusCode(200).contentType(startsWith("application/vnd.sdmx.data+csv")).extract().asString();
        String[] lines = csv.split("\n");
        org.junit.jupiter.api.Assertions.assertEquals(SdmxDataWriter.CSV_HEADER.trim(), lines[0]);
        org.junit.jupiter.api.Assertions.assertEquals(1 + 3 * 2, lines.length, csv);   // NGA total, ZAF total, ZAF female
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains("WSIS:DF_ICT(1.0),A,ZAF,IT_NET_BBND,_T,_T,_T,2023,13,P,PER_100_INHABITANTS_BY_SPEED,0")
                || csv.contains("WSIS:DF_ICT(1.0),A,ZAF,IT_NET_BBND,_T,_T,_T,2023,13,P,"), csv);
    }

    @Test
    void repeatedQueriesAreServedFromCacheUntilTheNextPublish() {
        String url = "/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND._T._T._T?format=csvdata";
        String etag = given().get(url).then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).get(url).then().statusCode(304);
        given().contentType("text/csv").body("indicator,economy,period,value\nIT_NET_BBND,NGA,2018,0.25\n")
                .post("/api/v1/batches").then().statusCode(201);
        given().get(url).then().statusCode(200).body(containsString(",2018,0.25,"));
        given().header("If-None-Match", etag).get(url).then().statusCode(200);
    }

    @Test
    void genericXmlWhenAskedForXml() {
        given().accept("application/vnd.sdmx.genericdata+xml;version=2.1").get("/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND._T._T._T")
                .then().statusCode(200).body(containsString("<generic:ObsDimension value=\"2019\"/><generic:ObsValue value=\"1.5\"/>"));
    }

    @Test
    void updatedAfterInTheFutureFindsNothing() {
        given().accept("application/json").get("/sdmx/data/DF_ICT/all?updatedAfter=2999-01-01T00:00:00Z")
                .then().statusCode(404).body("errors[0].code", equalTo(100));
    }

    @Test
    void malformedKeysAndUnknownFlowsAreSdmxErrors() {
        given().get("/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND").then().statusCode(400)
                .contentType(startsWith("application/vnd.sdmx.error+xml"))
                .body(containsString("code=\"140\"")).body(containsString("expected 6"));
        given().get("/sdmx/data/DF_ICT/A.N!GA.IT_NET_BBND...").then().statusCode(400).body(containsString("Malformed value"));
        given().get("/sdmx/data/DF_ICT/A.NGA.IT_NET_BBND...?startPeriod=yesterday").then().statusCode(400);
        given().get("/sdmx/data/OECD,DF_OTHER,1.0/all").then().statusCode(404).body(containsString("code=\"100\""));
        given().get("/sdmx/data/DF_ICT/A.XYZ.IT_NET_BBND...").then().statusCode(404).body(containsString("Unknown REF_AREA code 'XYZ'"));
        given().get("/sdmx/data/DF_ICT/A.ATA.IT_NET_BBND...").then().statusCode(404).body(containsString("No Results Found"));
    }

    @Test
    void structureQueriesAnswerSdmxMl() {
        given().get("/sdmx/dataflow/WSIS/DF_ICT/1.0").then().statusCode(200)
                .contentType(startsWith("application/vnd.sdmx.structure+xml"))
                .body(containsString("<str:Dataflow id=\"DF_ICT\" agencyID=\"WSIS\" version=\"1.0\""))
                .body(not(containsString("<str:Codelists>")));
        given().get("/sdmx/dataflow/WSIS/DF_ICT/latest?references=all").then().statusCode(200)
                .body(containsString("<str:DataStructure id=\"DSD_ICT\"")).body(containsString("<str:Codelist id=\"CL_AREA\""));
        given().get("/sdmx/datastructure/WSIS/DSD_ICT/1.0").then().statusCode(200)
                .body(containsString("<str:TimeDimension id=\"TIME_PERIOD\" position=\"7\">"))
                .body(containsString("<str:Attribute id=\"OBS_STATUS\""))
                .body(containsString("<str:Code id=\"KEN\"><com:Name xml:lang=\"en\">Kenya</com:Name></str:Code>"));
        given().get("/sdmx/codelist/WSIS/CL_INDICATOR/1.0").then().statusCode(200)
                .body(containsString("<str:Code id=\"IT_USE_ii99\">")).body(not(containsString("CL_AREA")));
        given().get("/sdmx/codelist/WSIS/CL_NOPE").then().statusCode(404).body(containsString("code=\"100\""));
        given().get("/sdmx/dataflow/IMF").then().statusCode(404);
    }
}
