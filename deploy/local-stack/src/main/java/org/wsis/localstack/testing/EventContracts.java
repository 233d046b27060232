package org.wsis.localstack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The event contracts, checked in the build (issue 19): each publisher keeps, per event type, the JSON Schema of
 * its CloudEvent data and an example next to it ({@code <module>/src/main/resources/events/<name>.schema.json} and
 * {@code <name>.example.json}). Publishers' tests check what they really publish against the schema; consumers'
 * tests feed the publisher's example (read from the publisher's module, not copied), so a change on either side
 * fails a build.
 */
public final class EventContracts {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The one field a consumer's test may add that no schema declares: it stands for a field a later version of the
     * publisher adds, to show the consumer reads tolerantly (the schemas allow additional properties).
     */
    public static final String FUTURE_FIELD = "fieldALaterVersionAdds";
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private EventContracts() {
    }

    /** Fails naming every violation unless {@code data} (the CloudEvent's data) is valid against the publisher's schema. */
    public static void assertValid(String publisher, String name, String data) {
        Set<ValidationMessage> errors = violations(schema(publisher, name), read(data));
        if (!errors.isEmpty()) {
            throw new AssertionError(publisher + " event " + name + " breaks its schema: "
                    + errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "))
                    + "\n" + data);
        }
    }

    /**
     * Fails unless {@code cloudEvent} (a whole CloudEvent, as the outbox stores it and Kafka carries it) is version
     * 1.0, has the type the schema is for (its {@code $id}, {@code urn:wsis:event:<type>}) and data valid against it.
     */
    public static void assertValidCloudEvent(String publisher, String name, String cloudEvent) {
        JsonNode event = read(cloudEvent);
        String type;
        try {
            type = JSON.readTree(Files.readString(schema(publisher, name))).path("$id").asText().replace("urn:wsis:event:", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!"1.0".equals(event.path("specversion").asText()) || !type.equals(event.path("type").asText())) {
            throw new AssertionError("not a CloudEvent 1.0 of type " + type + ": " + cloudEvent);
        }
        assertValid(publisher, name, event.path("data").toString());
    }

    /** The publisher's example data of an event type (checked against its schema), to change and send. */
    public static ObjectNode example(String publisher, String name) {
        Path file = eventsDir(publisher).resolve(name + ".example.json");
        try {
            String text = Files.readString(file);
            assertValid(publisher, name, text);
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("no example " + file + " for the event " + name, e);
        }
    }

    /**
     * A structured CloudEvent 1.0, as the outbox relays send them, carrying {@code data}; {@code source} names the
     * publisher ({@code /wsis/<module>}). What a consumer's test sends must still keep to the publisher's schema for
     * {@code type} after the test changed the example: a field the publisher renamed or dropped that a consumer's
     * test puts back fails here, so a change of contract on the publisher's side fails the consumer's build too.
     */
    public static String cloudEvent(String source, String type, String eventId, String subject, JsonNode data) {
        String publisher = source.substring(source.lastIndexOf('/') + 1);
        Path schema = schemaOfType(publisher, type);
        Set<ValidationMessage> errors = violations(schema, data);
        if (!errors.isEmpty()) {
            throw new AssertionError("a consumer test sends " + type + " data that " + publisher + "'s schema refuses: "
                    + errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")) + "\n" + data);
        }
        // the schemas let publishers add fields (additionalProperties: true, tolerant readers); a consumer's test may
        // only send fields the publisher declares, or it would go on passing on a field the publisher no longer sends
        JsonNode declared = read(readString(schema)).path("properties");
        data.fieldNames().forEachRemaining(field -> {
            if (!declared.has(field) && !field.equals(FUTURE_FIELD)) {
                throw new AssertionError("a consumer test sends field '" + field + "' that " + publisher + "'s schema for "
                        + type + " does not declare (renamed or dropped?)\n" + data);
            }
        });
        return unvalidatedCloudEvent(source, type, eventId, subject, data);
    }

    /** A CloudEvent whose data is not checked: only for tests that send a malformed event on purpose. */
    public static String unvalidatedCloudEvent(String source, String type, String eventId, String subject, JsonNode data) {
        ObjectNode event = JSON.createObjectNode().put("specversion", "1.0").put("id", eventId).put("source", source)
                .put("type", type).put("subject", subject).put("time", "2026-11-23T10:00:00Z")
                .put("datacontenttype", "application/json");
        event.set("data", data);
        return event.toString();
    }

    /** Every violation of {@code data} against the schema file. */
    public static Set<ValidationMessage> violations(Path schemaFile, JsonNode data) {
        try (InputStream in = Files.newInputStream(schemaFile)) {
            JsonSchema schema = SCHEMAS.getSchema(in, CONFIG);
            return schema.validate(data);
        } catch (IOException e) {
            throw new UncheckedIOException("no schema " + schemaFile, e);
        }
    }

    /** The publisher's schema whose {@code $id} is {@code urn:wsis:event:<type>}. */
    public static Path schemaOfType(String publisher, String type) {
        try (var files = Files.list(eventsDir(publisher))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".schema.json")).sorted().toList()) {
                if (("urn:wsis:event:" + type).equals(JSON.readTree(Files.readString(file)).path("$id").asText())) {
                    return file;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no events of " + publisher, e);
        }
        throw new AssertionError(publisher + " publishes no event of type " + type + " (no schema with that $id in "
                + eventsDir(publisher) + ")");
    }

    public static Path schema(String publisher, String name) {
        return eventsDir(publisher).resolve(name + ".schema.json");
    }

    public static Path eventsDir(String publisher) {
        return repositoryRoot().resolve(publisher).resolve("src/main/resources/events");
    }

    /** The folder holding mvnw and the modules, found upwards from where the tests run (a module's folder). */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("service-commons"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the WSIS platform repository: " + Path.of("").toAbsolutePath());
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
