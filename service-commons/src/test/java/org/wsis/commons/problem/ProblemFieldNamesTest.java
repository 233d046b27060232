package org.wsis.commons.problem;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The field a 400 names is the path the client wrote, for lists, beans in lists and maps alike. */
class ProblemFieldNamesTest {
    record Item(@NotBlank String name) {
    }

    record Body(@NotBlank String title,
                List<@NotBlank String> speakers,
                List<@Valid Item> items,
                Map<@Pattern(regexp = "ar|zh|en|fr|ru|es") String, @Valid Item> translations) {
    }

    private static final ValidatorFactory FACTORY = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private static String field(Body body) {
        var violations = VALIDATOR.validate(body);
        assertEquals(1, violations.size(), violations::toString);
        return ProblemExceptionMappers.fieldName(violations.iterator().next());
    }

    @Test
    void aViolationNamesThePathTheClientWrote() {
        assertEquals("title", field(new Body(" ", List.of(), List.of(), Map.of())));
        assertEquals("speakers[1]", field(new Body("t", List.of("a", ""), List.of(), Map.of())));
        assertEquals("items[0].name", field(new Body("t", List.of(), List.of(new Item("")), Map.of())));
        Map<String, Item> german = new TreeMap<>(Map.of("de", new Item("x")));
        assertEquals("translations[de]", field(new Body("t", List.of(), List.of(), german)));
        assertEquals("translations[fr].name", field(new Body("t", List.of(), List.of(), Map.of("fr", new Item(" ")))));
    }
}
