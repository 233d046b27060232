package org.wsis.deploychecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** deploy/compose/compose.yaml parses, mounts what exists and matches the local stack's ports. */
class ComposeFileTest {

    private static final Path DIR = Path.of("..", "compose");

    @Test
    void composeFileHangsTogether() throws IOException {
        JsonNode services = new YAMLMapper().readTree(DIR.resolve("compose.yaml").toFile()).path("services");
        Set<String> names = new HashSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertEquals(Set.of("postgres", "kafka", "keycloak", "stocktaking-service", "prizes-service", "forum-service",
                "indicators-service", "gateway"), names);

        String init = Files.readString(DIR.resolve("postgres-init.sql"));
        var it = services.fields();
        while (it.hasNext()) {
            var service = it.next();
            for (JsonNode port : service.getValue().path("ports")) {
                assertTrue(port.asText().startsWith("127.0.0.1:"), service.getKey() + " publishes on loopback only: " + port);
            }
            for (JsonNode volume : service.getValue().path("volumes")) {
                String source = volume.asText().split(":")[0];
                Path path = DIR.resolve(source).normalize();
                // target/quarkus-app exists after packaging; its module must exist now.
                Path mustExist = source.endsWith("target/quarkus-app") ? path.getParent().getParent() : path;
                assertTrue(Files.exists(mustExist), service.getKey() + " mounts " + source + " (" + mustExist + " missing)");
            }
            String jdbc = service.getValue().path("environment").path("QUARKUS_DATASOURCE_JDBC_URL").asText();
            if (!jdbc.isEmpty()) {
                String database = jdbc.substring(jdbc.lastIndexOf('/') + 1);
                assertTrue(init.contains("CREATE DATABASE " + database + ";"), service.getKey() + " database " + database);
            }
        }
        assertEquals("127.0.0.1:8080:8080", services.at("/gateway/ports/0").asText());
        String[] listed = services.at("/gateway/environment/WSIS_GATEWAY_SERVICES").asText().split(",");
        assertEquals(java.util.List.of("stocktaking", "prizes", "forum", "indicators"), java.util.List.of(listed));
        for (String service : listed) {
            String url = services.at("/gateway/environment/WSIS_GATEWAY_UPSTREAM_" + service.toUpperCase() + "_URL").asText();
            String port = url.substring(url.lastIndexOf(':') + 1);
            assertTrue(url.startsWith("http://" + service + "-service:"), url);
            assertEquals(port, services.at("/" + service + "-service/environment/QUARKUS_HTTP_PORT").asText(), url);
        }
    }
}
