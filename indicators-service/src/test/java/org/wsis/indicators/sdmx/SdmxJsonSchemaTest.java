package org.wsis.indicators.sdmx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wsis.indicators.testing.AgencyTokens.asItu;

/**
 * The SDMX-JSON data messages against the SDMX TWG's own JSON Schemas (test resources sdmx-json/): version 1.0 and
 * 2.0.0, in every arrangement a client can ask for (series by time, one dimension at observation, flat, without
 * observations), so the layouts cannot drift from the standard unnoticed.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "indicators"))
class SdmxJsonSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY = "/api/sdmx/data/DF_ICT/A.NGA+ZAF.IT_NET_BBND._T._T._T?startPeriod=1971&endPeriod=1974";

    private static JsonSchema schema(String file) throws IOException {
        try (InputStream in = SdmxJsonSchemaTest.class.getResourceAsStream("/sdmx-json/" + file)) {
            ObjectNode schema = (ObjectNode) JSON.readTree(in);
            // both name the generic "http://json-schema.org/schema#" meta-schema, which no validator resolves; their
            // keywords (definitions, const, formats) are draft-07's, and that is the dialect they are read in
            schema.remove("$schema");
            schema.remove("id");
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema, config);
        }
    }

    private static void upload() {
        StringBuilder csv = new StringBuilder("indicator,economy,period,value,status,note\n");
        for (int year = 1971; year <= 1974; year++) {
            csv.append("IT_NET_BBND,NGA,").append(year).append(',').append(year - 1970).append(".5,A,\n");
            csv.append("IT_NET_BBND,ZAF,").append(year).append(',').append(year - 1960).append(',')
                    .append(year == 1974 ? "P" : "A").append(',').append(year == 1971 ? "first survey" : "").append('\n');
        }
        asItu().contentType("text/csv").body(csv.toString()).post("/api/v1/batches").then().statusCode(201);
    }

    @Test
    void everyArrangementValidatesAgainstTheTwgSchemas() throws IOException {
        upload();
        JsonSchema v1 = schema("sdmx-json-data-schema-1.0.json");
        JsonSchema v2 = schema("sdmx-json-data-schema-2.0.0.json");
        List<String> arrangements = List.of("", "&dimensionAtObservation=REF_AREA", "&dimensionAtObservation=AllDimensions",
                "&detail=serieskeysonly", "&detail=dataonly", "&detail=nodata");
        for (String arrangement : arrangements) {
            assertValid(v1, "application/vnd.sdmx.data+json;version=1.0.0", arrangement);
            assertValid(v2, "application/vnd.sdmx.data+json;version=2.0.0", arrangement);
        }
    }

    @Test
    void sdmxJson2CarriesTheSameObservationsAsSdmxJson1() throws IOException {
        upload();
        JsonNode v2 = JSON.readTree(asItu().accept("application/vnd.sdmx.data+json;version=2.0.0").get(QUERY)
                .then().statusCode(200).contentType("application/vnd.sdmx.data+json;version=2.0.0").extract().asString());
        JsonNode structure = v2.at("/data/structures/0");
        assertEquals("OBS_VALUE", structure.at("/measures/observation/0/id").asText());
        assertEquals("Nigeria", structure.at("/dimensions/series/1/values/0/names/en").asText());
        assertEquals("ZAF", structure.at("/dimensions/series/1/values/1/id").asText());
        // ZAF 1974: series 0:1:0:0:0:0, period index 3; value 14, status P
        JsonNode observation = v2.at("/data/dataSets/0/series/0:1:0:0:0:0/observations/3");
        assertEquals(14.0, observation.get(0).asDouble());
        JsonNode statuses = structure.at("/attributes/observation/0");
        assertEquals("OBS_STATUS", statuses.get("id").asText());
        assertEquals("P", statuses.at("/values/" + observation.get(1).asInt() + "/id").asText());
        // format=jsondata keeps 1.0 unless Accept names 2.0.0
        asItu().get(QUERY + "&format=jsondata").then().statusCode(200).contentType("application/vnd.sdmx.data+json;version=1.0.0");
        asItu().accept("application/vnd.sdmx.data+json;version=2.0.0").get(QUERY + "&format=jsondata")
                .then().statusCode(200).contentType("application/vnd.sdmx.data+json;version=2.0.0");
    }

    private static void assertValid(JsonSchema schema, String accept, String arrangement) throws IOException {
        String body = asItu().accept(accept).get(QUERY + arrangement).then().statusCode(200).contentType(accept).extract().asString();
        Set<ValidationMessage> errors = schema.validate(JSON.readTree(body));
        assertTrue(errors.isEmpty(), accept + arrangement + ": " + errors.stream().map(ValidationMessage::getMessage).sorted()
                .collect(Collectors.joining("; ")) + "\n" + body);
    }
}
