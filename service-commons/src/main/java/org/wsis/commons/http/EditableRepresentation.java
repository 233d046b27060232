package org.wsis.commons.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.wsis.commons.problem.Problem;
import org.wsis.commons.problem.ProblemException;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A client edits what it read (issue 15): the representation read with GET may be sent back with PUT, and
 * changed in part with a JSON Merge Patch (RFC 7396, {@value #MERGE_PATCH}). The representation's fields a client
 * cannot write (id, status, version, timestamps, derived values) are accepted when they equal the stored ones
 * and refused with a 422 naming each field when they differ, never silently ignored. The rest becomes the
 * operation's input type as any body does: an unknown field or a Bean Validation failure is a 400, the
 * service's own rules a 422.
 * <p>
 * Call it after the resource's existence, access and If-Match checks, so a stale ETag stays a 412 and does not
 * turn into a 422 on {@code version} or {@code updatedAt}.
 */
@ApplicationScoped
public class EditableRepresentation {
    public static final String MERGE_PATCH = "application/merge-patch+json";
    /** What the OpenAPI description of each such PUT says. */
    public static final String ECHO_ACCEPTED = "The representation read with GET may be sent back as it is: its read-only "
            + "fields (id, status, version, times, ...) are accepted when equal to the stored values (422 naming them otherwise).";

    private final ObjectMapper mapper;
    private final Validator validator;

    EditableRepresentation(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /**
     * A PUT body: the input type's fields, and any of {@code stored}'s read-only fields unchanged ({@code stored}
     * null: a PUT that creates, where only the input type's fields are known).
     */
    public <T> T replacement(String body, Object stored, Class<T> input) throws JsonProcessingException {
        return toInput(parse(body), stored, input);
    }

    /** {@code stored} with a merge patch applied, as the input a PUT would take. */
    public <T> T patched(String patch, Object stored, Class<T> input) throws JsonProcessingException {
        return toInput(MergePatch.apply(mapper.valueToTree(stored), parse(patch)), stored, input);
    }

    private JsonNode parse(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            throw ProblemException.malformed("body", "a JSON object is required");
        }
        return mapper.readTree(body);
    }

    private <T> T toInput(JsonNode tree, Object stored, Class<T> input) throws JsonProcessingException {
        if (!(tree instanceof ObjectNode body)) {
            throw ProblemException.malformed("body", "must be a JSON object");
        }
        ObjectNode current = stored == null ? mapper.createObjectNode() : mapper.valueToTree(stored);
        Set<String> writable = writableProperties(input);
        List<Problem.FieldError> changed = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (writable.contains(name) || !current.has(name)) {
                continue; // the input type judges it: an unknown field stays a 400
            }
            if (!same(current.get(name), field.getValue())) {
                changed.add(new Problem.FieldError(name, "is read-only: send the stored value " + current.get(name)
                        + " or leave the field out"));
            }
            fields.remove();
        }
        if (!changed.isEmpty()) {
            throw new ProblemException(Problem.of(422, "read-only", "Read-only field changed",
                    changed.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")))
                    .withErrors(changed));
        }
        T value = mapper.treeToValue(body, input);
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }

    private Set<String> writableProperties(Class<?> input) {
        return mapper.getDeserializationConfig().introspect(mapper.constructType(input)).findProperties().stream()
                .map(BeanPropertyDefinition::getName).collect(Collectors.toSet());
    }

    /**
     * Equal as JSON, where numbers compare by value (1 and 1.0) and date-times by instant ("Z" and "+00:00"):
     * a client's JSON library may write back what it read in another spelling.
     */
    static boolean same(JsonNode stored, JsonNode sent) {
        return stored.equals((a, b) -> {
            if (a.equals(b)) {
                return 0;
            }
            if (a.isNumber() && b.isNumber()) {
                return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText()));
            }
            if (a.isTextual() && b.isTextual()) {
                return sameInstant(a.textValue(), b.textValue()) ? 0 : 1;
            }
            return 1;
        }, sent);
    }

    private static boolean sameInstant(String a, String b) {
        if (a.length() < 20 || b.length() < 20 || !Character.isDigit(a.charAt(0)) || !Character.isDigit(b.charAt(0))) {
            return false;
        }
        try {
            return OffsetDateTime.parse(a).toInstant().equals(OffsetDateTime.parse(b).toInstant());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** RFC 7396: objects merge member by member, null removes a member, anything else replaces. */
    static final class MergePatch {
        private MergePatch() {
        }

        static JsonNode apply(JsonNode target, JsonNode patch) {
            if (!patch.isObject()) {
                return patch;
            }
            ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                    : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            patch.fields().forEachRemaining(member -> {
                if (member.getValue().isNull()) {
                    result.remove(member.getKey());
                } else {
                    result.set(member.getKey(), apply(result.get(member.getKey()), member.getValue()));
                }
            });
            return result;
        }
    }
}
