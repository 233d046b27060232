package org.wsis.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 20, "the audit log has an entry for every admin endpoint", walked over the published document while
 * {@link ApiContractTest} performs every operation with valid input through the gateway.
 * <p>
 * An operation is <b>admin</b> when the merged document says only staff may call it: a non-GET operation whose
 * {@code x-wsis-roles} (the gateway lists there the realm roles any of which will do) are all of
 * {@link #STAFF_ROLES}. Each must declare in {@code x-wsis-audited} (service-commons {@code AuditLog.OPERATION_EXTENSION})
 * the audit action(s) it records. After each step, the entries the step's caller left in that service's audit log
 * since the walk began are read ({@code actor=} their subject, {@code from=} the start), and each new entry must have
 * an action one of the step's admin operations declares. The walk fails for an admin operation that has no
 * declaration, that was never answered 2xx, or that was answered 2xx and left no entry (a replay that changes
 * nothing may leave none, so one entry over all its calls is enough).
 */
final class AuditWalk {
    /** The realm roles of staff who take admin and moderator decisions. */
    static final Set<String> STAFF_ROLES = Set.of("platform-admin", "prize-admin", "stocktaking-moderator", "forum-organizer");
    static final String EXTENSION = "x-wsis-audited";
    private static final Pattern SERVICE = Pattern.compile("^/api/([a-z]+)/.*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** "METHOD /template" of each admin operation -> the actions it declares (empty: none). */
    private final Map<String, Set<String>> declared = new TreeMap<>();
    private final Map<String, Integer> entries = new HashMap<>();
    private final Map<String, Integer> succeeded = new HashMap<>();
    private final Set<String> seenEntries = new HashSet<>();
    private final List<String> failures = new ArrayList<>();
    private final Instant start = Instant.now().minusSeconds(1);
    private final String adminToken;

    AuditWalk(OpenAPI document, String adminToken) {
        this.adminToken = adminToken;
        document.getPaths().forEach((template, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (method != PathItem.HttpMethod.GET && isStaffOnly(operation)) {
                Object value = operation.getExtensions() == null ? null : operation.getExtensions().get(EXTENSION);
                Set<String> actions = new LinkedHashSet<>();
                if (value != null) {
                    for (String action : value.toString().split(",")) {
                        actions.add(action.trim());
                    }
                }
                declared.put(method.name() + " " + template, actions);
            }
        }));
    }

    private static boolean isStaffOnly(Operation operation) {
        Object roles = operation.getExtensions() == null ? null : operation.getExtensions().get("x-wsis-roles");
        if (!(roles instanceof List<?> list) || list.isEmpty()) {
            return false;
        }
        return list.stream().allMatch(r -> STAFF_ROLES.contains(String.valueOf(r)));
    }

    Set<String> adminOperations() {
        return declared.keySet();
    }

    /**
     * After one step: the calls it made ("METHOD /template status") and the caller's token. Reads the caller's new
     * audit entries in each service an admin operation of the step answered 2xx in.
     */
    void afterStep(String step, List<String> calls, String callerToken) {
        Map<String, List<String>> adminByService = new TreeMap<>();
        for (String call : calls) {
            int space = call.lastIndexOf(' ');
            String operation = call.substring(0, space);
            int status = Integer.parseInt(call.substring(space + 1));
            if (declared.containsKey(operation) && status >= 200 && status < 300) {
                succeeded.merge(operation, 1, Integer::sum);
                Matcher service = SERVICE.matcher(operation.substring(operation.indexOf(' ') + 1));
                if (service.matches()) {
                    adminByService.computeIfAbsent(service.group(1), s -> new ArrayList<>()).add(operation);
                }
            }
        }
        if (adminByService.isEmpty() || callerToken == null) {
            return;
        }
        String subject = subject(callerToken);
        adminByService.forEach((service, operations) -> {
            JsonNode items = read(SharedPlatform.gateway().auth().oauth2(adminToken).queryParam("actor", subject)
                    .queryParam("from", start.toString()).queryParam("size", 100)
                    .get("/api/" + service + "/v1/audit").then().statusCode(200).extract().asString()).get("items");
            for (JsonNode entry : items) {
                if (!seenEntries.add(entry.get("id").asText())) {
                    continue;
                }
                String action = entry.get("action").asText();
                String credited = operations.stream().filter(o -> declared.get(o).contains(action)).findFirst().orElse(null);
                if (credited == null) {
                    failures.add(step + ": audit entry '" + action + "' of " + service + " is declared by none of the step's admin operations "
                            + operations.stream().map(o -> o + " " + declared.get(o)).toList());
                } else {
                    entries.merge(credited, 1, Integer::sum);
                }
            }
        });
    }

    /** What the walk found wrong, one line per admin operation or stray entry. */
    List<String> failures() {
        List<String> all = new ArrayList<>(failures);
        declared.forEach((operation, actions) -> {
            if (actions.isEmpty()) {
                all.add(operation + ": an admin operation without " + EXTENSION + " (record it with AuditLog.record and declare the action)");
            } else if (succeeded.getOrDefault(operation, 0) == 0) {
                all.add(operation + ": never performed with valid input (no 2xx), so its audit entry " + actions + " is unproven");
            } else if (entries.getOrDefault(operation, 0) == 0) {
                all.add(operation + ": answered 2xx " + succeeded.get(operation) + " time(s) but left no audit entry " + actions);
            }
        });
        return all;
    }

    /** Admin operations with the number of entries each left. */
    Map<String, Integer> entriesByOperation() {
        Map<String, Integer> all = new TreeMap<>();
        declared.keySet().forEach(o -> all.put(o, entries.getOrDefault(o, 0)));
        return all;
    }

    private static String subject(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return read(payload).get("sub").asText();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
