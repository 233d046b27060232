package org.wsis.indicators.upload;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import java.nio.charset.StandardCharsets;

import static org.wsis.indicators.testing.AgencyTokens.asItu;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Uploads in the shapes SDMX tools write: SDMX-CSV 1.0/2.0 with extra columns and labels, SDMX-ML 2.1, UTF-16. */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "indicators"))
class SdmxUploadTest {
    private static final String CSV = "application/vnd.sdmx.data+csv";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String csvOf(String area, int year) {
        return asItu().get("/api/sdmx/data/DF_ICT/A." + area + ".IT_HH_NET._T._T._T?format=csvdata&startPeriod=" + year + "&endPeriod=" + year)
                .then().extract().asString();
    }

    @Test
    void sdmxCsv10WithLabelsExtraColumnsNaNAndStandardStatuses() {
        String body = "DATAFLOW,FREQ: Frequency,REF_AREA: Reference area,INDICATOR,SEX,AGE,URBANISATION,TIME_PERIOD,OBS_VALUE,OBS_STATUS,OBS_CONF,COMMENT_OBS,UNIT_MEASURE,UNIT_MULT,DECIMALS\n"
                + "WSIS:DF_ICT(1.0),A: Annual,MLI: Mali,IT_HH_NET,_T,_T,_T,2001,12.5,F: Forecast value,F,\"a note, with comma\",PERCENT,0,1\n"
                + "WSIS:DF_ICT(1.0),A,MLI,IT_HH_NET,_T,_T,_T,2002,NaN,,F,,PERCENT,0,1\n"
                + "WSIS:DF_ICT(1.0),A,MLI,IT_HH_NET,_T,_T,_T,2003,14,I,,,PERCENT,0,1\n"
                + "WSIS:DF_ICT(1.0),A,466,IT_HH_NET,_T,_T,_T,2004,15,O,,,PERCENT,0,1\n";
        asItu().contentType(CSV).body(bytes(body)).post("/api/v1/batches").then().statusCode(422)
                .body("errors.field", hasItem("line 5: value"));   // O (missing) with a value
        asItu().contentType(CSV).body(bytes(body.replace(",2004,15,O,", ",2004,15,S,"))).post("/api/v1/batches").then().statusCode(201);
        asItu().get("/api/sdmx/data/DF_ICT/A.MLI.IT_HH_NET._T._T._T?format=csvdata&startPeriod=2001&endPeriod=2004").then().statusCode(200)
                .body(containsString(",MLI,IT_HH_NET,_T,_T,_T,2001,12.5,F,\"a note, with comma\","))
                .body(containsString(",2002,NaN,M,,"))
                .body(containsString(",2003,14,I,,"))
                .body(containsString(",2004,15,S,,"));
    }

    @Test
    void sdmxCsv20DeletesAreRefusedAndOtherDataflowsChecked() {
        String header = "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,SEX,AGE,URBANISATION,TIME_PERIOD,OBS_VALUE\n";
        asItu().contentType(CSV).body(bytes(header + "dataflow,WSIS:DF_ICT(1.0),I,A,NER,IT_HH_NET,_T,_T,_T,2001,3\n"
                        + "dataflow,WSIS:DF_ICT(1.0),D,A,NER,IT_HH_NET,_T,_T,_T,2002,\n"
                        + "dataflow,ESTAT:DF_OTHER(1.0),I,A,NER,IT_HH_NET,_T,_T,_T,2003,4\n"))
                .post("/api/v1/batches").then().statusCode(422)
                .body("errors.message", hasItem(containsString("ACTION=D (delete) is refused")))
                .body("errors.message", hasItem(containsString("ESTAT:DF_OTHER(1.0)")));
        asItu().get("/api/sdmx/data/DF_ICT/A.NER.IT_HH_NET._T._T._T?format=csvdata").then().statusCode(404);
        asItu().contentType(CSV).body(bytes(header + "dataflow,WSIS:DF_ICT(1.0),A,A,NER,IT_HH_NET,_T,_T,_T,2001,3\n"))
                .post("/api/v1/batches").then().statusCode(201);
    }

    @Test
    void structureSpecificSdmxMlRoundTrip() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
                    xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:ns1="urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=WSIS:DSD_ICT(1.0):ObsLevelDim:TIME_PERIOD">
                  <message:Header><message:ID>UP1</message:ID><message:Test>false</message:Test><message:Prepared>2026-01-01T00:00:00Z</message:Prepared><message:Sender id="ITU"/></message:Header>
                  <message:DataSet ss:structureRef="WSIS_DSD_ICT_1_0" xsi:type="ns1:DataSetType" action="Information">
                    <Series FREQ="A" REF_AREA="BFA" INDICATOR="IT_HH_NET" SEX="_T" AGE="_T" URBANISATION="_T" UNIT_MEASURE="PERCENT" UNIT_MULT="0">
                      <Obs TIME_PERIOD="2001" OBS_VALUE="1.5" OBS_STATUS="E" COMMENT_OBS="from a survey"/>
                      <Obs TIME_PERIOD="2002" OBS_VALUE="NaN"/>
                    </Series>
                  </message:DataSet>
                </message:StructureSpecificData>
                """;
        asItu().contentType("application/vnd.sdmx.structurespecificdata+xml;version=2.1").body(xml).post("/api/v1/batches")
                .then().statusCode(201).body("changedCount", equalTo(2));
        String back = asItu().accept("application/vnd.sdmx.structurespecificdata+xml;version=2.1")
                .get("/api/sdmx/data/DF_ICT/A.BFA.IT_HH_NET._T._T._T?startPeriod=2001&endPeriod=2002").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(back.contains("<Obs TIME_PERIOD=\"2001\" OBS_VALUE=\"1.5\" OBS_STATUS=\"E\" COMMENT_OBS=\"from a survey\"/>"), back);
        org.junit.jupiter.api.Assertions.assertTrue(back.contains("<Obs TIME_PERIOD=\"2002\" OBS_VALUE=\"NaN\" OBS_STATUS=\"M\"/>"), back);
        // what we serve, uploaded again, changes nothing
        asItu().contentType("application/vnd.sdmx.structurespecificdata+xml").body(back).post("/api/v1/batches")
                .then().statusCode(201).body("changedCount", equalTo(0));
        asItu().contentType("application/xml").body(xml.replace("action=\"Information\"", "action=\"Delete\"")).post("/api/v1/batches")
                .then().statusCode(400).body("detail", containsString("Delete"));
    }

    @Test
    void genericSdmxMlAsWeServeItIsAccepted() {
        asItu().contentType("text/csv").body("indicator,economy,period,value,note\nIT_HH_NET,TCD,2001,2.5,n1\n").post("/api/v1/batches").then().statusCode(201);
        String generic = asItu().get("/api/sdmx/data/DF_ICT/A.TCD.IT_HH_NET._T._T._T").then().statusCode(200).extract().asString();
        asItu().contentType("application/vnd.sdmx.genericdata+xml").body(generic.replace("value=\"2.5\"", "value=\"2.75\""))
                .post("/api/v1/batches").then().statusCode(201).body("changedCount", equalTo(1));
        org.junit.jupiter.api.Assertions.assertTrue(csvOf("TCD", 2001).contains(",2001,2.75,A,n1,"));
    }

    @Test
    void encodingsAreDetectedOrRefusedClearly() {
        byte[] utf16 = ("\uFEFFindicator,economy,period,value,note\nIT_HH_NET,NER,2005,5,Niamey \u00e9t\u00e9\n").getBytes(StandardCharsets.UTF_16LE);
        asItu().contentType("text/csv; charset=UTF-16").body(utf16).post("/api/v1/batches").then().statusCode(201);
        org.junit.jupiter.api.Assertions.assertTrue(csvOf("NER", 2005).contains("Niamey \u00e9t\u00e9"));
        byte[] noBom = "indicator,economy,period,value\n".getBytes(StandardCharsets.UTF_16LE);
        asItu().contentType("text/csv; charset=UTF-8").body(noBom).post("/api/v1/batches").then().statusCode(400)
                .body("detail", containsString("UTF-16 without a byte order mark")).body("detail", not(containsString("SQLState")));
        byte[] latin1 = "indicator,economy,period,value,note\nIT_HH_NET,NER,2006,5,\u00e9t\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        asItu().contentType("text/csv; charset=UTF-8").body(latin1).post("/api/v1/batches").then().statusCode(400)
                .body("detail", containsString("not valid UTF-8"));
        // the same bytes with their charset declared are read as such
        asItu().contentType("text/csv; charset=ISO-8859-1").body(latin1).post("/api/v1/batches").then().statusCode(201);
        org.junit.jupiter.api.Assertions.assertTrue(csvOf("NER", 2006).contains(",\u00e9t\u00e9,"));
    }

    @Test
    void aHugeSingleLineIsRefusedWithoutReadingItIntoMemory() {
        byte[] line = new byte[1_500_000];
        java.util.Arrays.fill(line, (byte) 'x');
        asItu().contentType("text/csv").body(line).post("/api/v1/batches").then().statusCode(400)
                .body("detail", containsString("longer than 65536 characters"));
    }
}
