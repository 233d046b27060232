package org.wsis.commons.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The merge-patch algorithm against RFC 7396's own test cases (Appendix A), and how echoed values compare. */
class EditableRepresentationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"a\":\"b\"}                  | {\"a\":\"c\"}             | {\"a\":\"c\"}",
            "{\"a\":\"b\"}                  | {\"b\":\"c\"}             | {\"a\":\"b\",\"b\":\"c\"}",
            "{\"a\":\"b\"}                  | {\"a\":null}              | {}",
            "{\"a\":\"b\",\"b\":\"c\"}      | {\"a\":null}              | {\"b\":\"c\"}",
            "{\"a\":[\"b\"]}                | {\"a\":\"c\"}             | {\"a\":\"c\"}",
            "{\"a\":\"c\"}                  | {\"a\":[\"b\"]}           | {\"a\":[\"b\"]}",
            "{\"a\":{\"b\":\"c\"}}          | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
            "{\"a\":[{\"b\":\"c\"}]}        | {\"a\":[1]}               | {\"a\":[1]}",
            "[\"a\",\"b\"]                  | [\"c\",\"d\"]             | [\"c\",\"d\"]",
            "{\"a\":\"b\"}                  | [\"c\"]                   | [\"c\"]",
            "{\"a\":\"foo\"}                | null                      | null",
            "{\"a\":\"foo\"}                | \"bar\"                   | \"bar\"",
            "{\"e\":null}                   | {\"a\":1}                 | {\"e\":null,\"a\":1}",
            "[1,2]                          | {\"a\":\"b\",\"c\":null}  | {\"a\":\"b\"}",
            "{}                             | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}"})
    void rfc7396AppendixA(String target, String patch, String result) throws Exception {
        assertEquals(JSON.readTree(result), EditableRepresentation.MergePatch.apply(JSON.readTree(target), JSON.readTree(patch)));
    }

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "3                                   | 3.0                             | true",
            "3                                   | 4                               | false",
            "\"2026-12-05T03:50:53.123456Z\"     | \"2026-12-05T04:50:53.123456+01:00\" | true",
            "\"2026-12-05T03:50:53.123456Z\"     | \"2026-12-05T03:50:53.123457Z\" | false",
            "\"DRAFT\"                           | \"PUBLISHED\"                   | false",
            "[\"KE\",\"TZ\"]                     | [\"KE\",\"TZ\"]                 | true",
            "[\"KE\",\"TZ\"]                     | [\"TZ\",\"KE\"]                 | false",
            "{\"edition\":2025}                  | {\"edition\":2025.0}            | true",
            "null                                | \"\"                            | false",
            "\"1\"                               | 1                               | false"})
    void echoedValuesCompareByMeaning(String stored, String sent, boolean same) throws Exception {
        JsonNode a = JSON.readTree(stored);
        JsonNode b = JSON.readTree(sent);
        assertEquals(same, EditableRepresentation.same(a, b));
    }
}
