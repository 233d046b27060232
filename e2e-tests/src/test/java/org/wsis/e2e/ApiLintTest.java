package org.wsis.e2e;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The merged OpenAPI document, as the gateway serves it, passes Spectral's {@code oas} ruleset with no error
 * (ruleset: e2e-tests/.spectral.yaml). Needs node and npm (npx fetches @stoplight/spectral-cli once).
 */
@Tag("integration")
class ApiLintTest {
    static final String SPECTRAL = "@stoplight/spectral-cli@6.16.3";

    @Test
    void mergedDocumentHasNoSpectralErrors() throws Exception {
        Path document = Path.of("target", "platform-openapi.json").toAbsolutePath();
        Files.createDirectories(document.getParent());
        Files.writeString(document, SharedPlatform.contract().documentJson());
        Path ruleset = Path.of(".spectral.yaml").toAbsolutePath();
        Process spectral = new ProcessBuilder(List.of("npx", "--yes", SPECTRAL, "lint", document.toString(),
                "--ruleset", ruleset.toString(), "--fail-severity=error", "--format=text"))
                .redirectErrorStream(true).start();
        String output = new String(spectral.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(spectral.waitFor(5, TimeUnit.MINUTES), "spectral finished");
        Files.writeString(Path.of("target", "spectral.txt"), output);
        System.out.println(output);
        int errors = count(output, " error ");
        int warnings = count(output, " warning ");
        System.out.printf("Spectral %s: %d errors, %d warnings (target/spectral.txt)%n", SPECTRAL, errors, warnings);
        assertEquals(0, spectral.exitValue(), "Spectral found errors:\n" + output);
    }

    private static int count(String output, String severity) {
        int count = 0;
        // Spectral's text format: "<file>:<line>:<column> <severity> <rule> <message>"
        Matcher line = Pattern.compile("(?m):\\d+:\\d+" + Pattern.quote(severity)).matcher(output);
        while (line.find()) {
            count++;
        }
        return count;
    }
}
