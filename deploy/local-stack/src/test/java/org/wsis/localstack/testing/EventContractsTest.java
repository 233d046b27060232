package org.wsis.localstack.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every published event type has a schema and an example that keeps to it; the check is not vacuous. */
class EventContractsTest {

    @Test
    void everyEventSchemaOfEveryServiceHasAnExampleThatKeepsToIt() throws IOException {
        List<Path> schemas;
        try (Stream<Path> files = Files.walk(EventContracts.repositoryRoot(), 6)) {
            schemas = files.filter(f -> f.toString().endsWith(".schema.json"))
                    .filter(f -> f.getParent().endsWith(Path.of("src/main/resources/events"))).sorted().toList();
        }
        assertEquals(21, schemas.size(), "the platform publishes eighteen event types, three of them in two versions (issue 19: stocktaking entry published and updated, forum registration confirmed, v1 and v2), three of them by every service (issue 20: audit entry recorded, privacy erasure requested and confirmed, in service-commons), one new with issue 16 (prizes statistics published), six new with issue 20's forum operations (edition and session changed, registration requested, rejected and programme-changed, signup offered): " + schemas);
        for (Path schema : schemas) {
            String module = EventContracts.repositoryRoot().relativize(schema).getName(0).toString();
            String name = schema.getFileName().toString().replace(".schema.json", "");
            ObjectNode example = EventContracts.example(module, name); // fails if missing or off its schema
            assertFalse(example.isEmpty(), name);
        }
    }

    @Test
    void aDriftedPayloadIsRefusedNamingWhatDrifted() {
        ObjectNode drifted = EventContracts.example("stocktaking-service", "entry-published.v1");
        drifted.put("entryId", "not-a-uuid");
        drifted.putArray("actionLines").add("C7_E_HEALTH"); // the drift issue 19 found in a consumer test
        drifted.remove("title");
        AssertionError refused = assertThrows(AssertionError.class,
                () -> EventContracts.assertValid("stocktaking-service", "entry-published.v1", drifted.toString()));
        assertTrue(refused.getMessage().contains("entryId") && refused.getMessage().contains("actionLines")
                && refused.getMessage().contains("title"), refused.getMessage());
    }
}
