package org.wsis.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * deploy/kubernetes parses and hangs together: what the kustomization lists exists, every Deployment
 * has an image, probes and resources, every Service, HPA, ConfigMap, Secret and operator resource
 * refers to something that is there, and the Keycloak realm import is the realm of
 * deploy/keycloak/wsis-realm.json (minus the local test users). No cluster needed.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of("..", "deploy", "kubernetes");
    private static final ObjectMapper YAML = new YAMLMapper();

    private record Manifest(Path file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return kind() + "/" + name() + " (" + ROOT.relativize(file) + ")";
        }
    }

    private static List<Manifest> manifests;
    private static JsonNode kustomization;

    @BeforeAll
    static void load() throws IOException {
        kustomization = YAML.readTree(ROOT.resolve("kustomization.yaml").toFile());
        manifests = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path file = ROOT.resolve(resource.asText());
            assertTrue(Files.isRegularFile(file), "kustomization lists " + resource.asText() + ", which is missing");
            try (var parser = new YAMLFactory().createParser(file.toFile())) {
                for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                    if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                        manifests.add(new Manifest(file, doc));
                    }
                }
            }
        }
    }

    @Test
    void everyYamlFileIsListedAndEveryDocumentIsAnObjectWithKindAndName() throws IOException {
        Set<Path> listed = new HashSet<>();
        kustomization.path("resources").forEach(r -> listed.add(ROOT.resolve(r.asText()).normalize()));
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("kustomization.yaml"))
                    .forEach(f -> assertTrue(listed.contains(f.normalize()), f + " is not in kustomization.yaml"));
        }
        for (Manifest m : manifests) {
            assertFalse(m.node().path("apiVersion").asText().isEmpty(), m + " has no apiVersion");
            assertFalse(m.kind().isEmpty(), m + " has no kind");
            assertFalse(m.name().isEmpty(), m + " has no name");
        }
    }

    @Test
    void deploymentsHaveImageProbesAndResources() {
        List<Manifest> deployments = ofKind("Deployment");
        Set<String> names = new HashSet<>();
        deployments.forEach(d -> names.add(d.name()));
        assertEquals(Set.of("stocktaking-service", "prizes-service", "forum-service", "indicators-service", "gateway"),
                names);
        Set<String> images = new HashSet<>();
        kustomization.path("images").forEach(i -> images.add(i.path("name").asText()));
        for (Manifest d : deployments) {
            JsonNode spec = d.node().path("spec");
            JsonNode podLabels = spec.path("template").path("metadata").path("labels");
            spec.path("selector").path("matchLabels").fields().forEachRemaining(label -> assertEquals(
                    label.getValue().asText(), podLabels.path(label.getKey()).asText(), d + ": selector matches pods"));
            for (JsonNode container : spec.path("template").path("spec").path("containers")) {
                String image = container.path("image").asText();
                assertTrue(images.contains(image), d + ": image " + image + " is set in kustomization images");
                assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText(), d + " liveness");
                assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText(), d + " readiness");
                assertFalse(container.path("resources").path("requests").path("cpu").asText().isEmpty(), d + " cpu request");
                assertFalse(container.path("resources").path("requests").path("memory").asText().isEmpty(), d + " memory request");
                assertFalse(container.path("resources").path("limits").path("memory").asText().isEmpty(), d + " memory limit");
                String port = container.path("readinessProbe").path("httpGet").path("port").asText();
                boolean named = false;
                for (JsonNode p : container.path("ports")) {
                    named |= p.path("name").asText().equals(port);
                }
                assertTrue(named, d + ": probe port " + port + " is a container port");
            }
        }
    }

    @Test
    void configMapsAndSecretsReferencedByPodsAndOperatorsExist() {
        Set<String> configMaps = names("ConfigMap");
        Set<String> secrets = names("Secret");
        for (Manifest d : ofKind("Deployment")) {
            for (JsonNode container : d.node().path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode from : container.path("envFrom")) {
                    if (from.has("configMapRef")) {
                        assertTrue(configMaps.contains(from.path("configMapRef").path("name").asText()), d + " envFrom " + from);
                    }
                    if (from.has("secretRef")) {
                        assertTrue(secrets.contains(from.path("secretRef").path("name").asText()), d + " envFrom " + from);
                    }
                }
                for (JsonNode env : container.path("env")) {
                    JsonNode secretRef = env.path("valueFrom").path("secretKeyRef");
                    if (!secretRef.isMissingNode()) {
                        assertSecretKey(secretRef.path("name").asText(), secretRef.path("key").asText(), d.toString());
                    }
                    JsonNode configRef = env.path("valueFrom").path("configMapKeyRef");
                    if (!configRef.isMissingNode()) {
                        assertTrue(configMaps.contains(configRef.path("name").asText()), d + " env " + env);
                    }
                }
            }
        }
        Manifest cluster = single("Cluster");
        assertSecretKey(cluster.node().at("/spec/bootstrap/initdb/secret/name").asText(), "password", cluster.toString());
        for (JsonNode role : cluster.node().at("/spec/managed/roles")) {
            assertSecretKey(role.at("/passwordSecret/name").asText(), "password", cluster + " role " + role.path("name"));
        }
        Manifest keycloak = single("Keycloak");
        JsonNode db = keycloak.node().at("/spec/db");
        assertSecretKey(db.at("/usernameSecret/name").asText(), db.at("/usernameSecret/key").asText(), keycloak.toString());
        assertSecretKey(db.at("/passwordSecret/name").asText(), db.at("/passwordSecret/key").asText(), keycloak.toString());
    }

    @Test
    void servicesSelectDeploymentsAndHpasScaleThem() {
        List<JsonNode> podLabelSets = ofKind("Deployment").stream()
                .map(d -> d.node().at("/spec/template/metadata/labels")).toList();
        for (Manifest service : ofKind("Service")) {
            JsonNode selector = service.node().at("/spec/selector");
            assertFalse(selector.isEmpty(), service + " has a selector");
            boolean matched = podLabelSets.stream().anyMatch(labels -> {
                var it = selector.fields();
                while (it.hasNext()) {
                    var e = it.next();
                    if (!e.getValue().asText().equals(labels.path(e.getKey()).asText())) {
                        return false;
                    }
                }
                return true;
            });
            assertTrue(matched, service + " selects the pods of a Deployment");
        }
        Set<String> deployments = names("Deployment");
        for (Manifest hpa : ofKind("HorizontalPodAutoscaler")) {
            JsonNode target = hpa.node().at("/spec/scaleTargetRef");
            assertEquals("Deployment", target.path("kind").asText(), hpa.toString());
            assertTrue(deployments.contains(target.path("name").asText()), hpa + " scales an existing Deployment");
            assertTrue(hpa.node().at("/spec/minReplicas").asInt() >= 2, hpa + " keeps two pods at least");
            assertTrue(hpa.node().at("/spec/maxReplicas").asInt() > hpa.node().at("/spec/minReplicas").asInt(), hpa.toString());
        }
        assertEquals(deployments, names("HorizontalPodAutoscaler"), "every Deployment has an HPA");
        Set<String> serviceNames = names("Service");
        for (Manifest ingress : ofKind("Ingress")) {
            for (JsonNode rule : ingress.node().at("/spec/rules")) {
                for (JsonNode path : rule.at("/http/paths")) {
                    assertTrue(serviceNames.contains(path.at("/backend/service/name").asText()), ingress + " backend");
                }
            }
        }
    }

    /**
     * Issue 17: the gateway's health (it lists the upstream URLs) and metrics are on its management
     * port: the probes use it, and no Service exposes it (so neither does the Ingress).
     */
    @Test
    void theGatewaysManagementPortIsProbedButNotExposed() {
        Manifest gateway = ofKind("Deployment").stream().filter(d -> d.name().equals("gateway")).findFirst().orElseThrow();
        JsonNode container = gateway.node().path("spec").path("template").path("spec").path("containers").get(0);
        for (String probe : new String[]{"startupProbe", "readinessProbe", "livenessProbe"}) {
            assertEquals("management", container.path(probe).path("httpGet").path("port").asText(), "gateway " + probe);
        }
        for (Manifest service : ofKind("Service")) {
            for (JsonNode port : service.node().path("spec").path("ports")) {
                assertFalse(port.path("targetPort").asText().equals("management") || port.path("targetPort").asText().equals("9080"),
                        service + " exposes the gateway's management port");
            }
        }
    }

    @Test
    void upstreamUrlsOfTheGatewayNameExistingServices() {
        Manifest config = ofKind("ConfigMap").stream().filter(c -> c.name().equals("gateway")).findFirst().orElseThrow();
        Set<String> serviceNames = names("Service");
        for (String service : List.of("STOCKTAKING", "PRIZES", "FORUM", "INDICATORS")) {
            String url = config.node().at("/data/WSIS_GATEWAY_UPSTREAM_" + service + "_URL").asText();
            String host = url.replaceFirst("^http://", "").replaceFirst("[:/].*$", "");
            assertTrue(serviceNames.contains(host), "gateway upstream " + url + " is a Service");
        }
    }

    @Test
    void operatorResourcesHaveTheirRequiredFields() {
        Manifest kafka = single("Kafka");
        assertFalse(kafka.node().at("/spec/kafka/listeners").isEmpty(), "Kafka listeners");
        assertEquals("enabled", kafka.node().at("/metadata/annotations").path("strimzi.io/kraft").asText(), "KRaft mode");
        assertEquals("enabled", kafka.node().at("/metadata/annotations").path("strimzi.io/node-pools").asText());
        assertTrue(kafka.node().has("spec") && kafka.node().at("/spec/entityOperator/topicOperator").isObject(),
                "topic operator manages the KafkaTopics");
        Set<String> roles = new HashSet<>();
        for (Manifest pool : ofKind("KafkaNodePool")) {
            assertEquals(kafka.name(), pool.node().at("/metadata/labels").path("strimzi.io/cluster").asText(), pool.toString());
            assertTrue(pool.node().at("/spec/replicas").asInt() >= 3, pool + " replicas");
            assertFalse(pool.node().at("/spec/storage/type").asText().isEmpty(), pool + " storage");
            pool.node().at("/spec/roles").forEach(r -> roles.add(r.asText()));
        }
        assertEquals(Set.of("controller", "broker"), roles);
        Set<String> topics = names("KafkaTopic");
        assertTrue(topics.containsAll(Set.of("stocktaking.entries", "prizes.results", "forum.registrations",
                "forum.sessions", "indicators.releases")), "event topics: " + topics);
        for (Manifest topic : ofKind("KafkaTopic")) {
            assertEquals(kafka.name(), topic.node().at("/metadata/labels").path("strimzi.io/cluster").asText(), topic.toString());
            assertTrue(topic.node().at("/spec/partitions").asInt() >= 1 && topic.node().at("/spec/replicas").asInt() == 3, topic.toString());
        }

        Manifest cluster = single("Cluster");
        assertTrue(cluster.node().at("/spec/instances").asInt() >= 2, "PostgreSQL has replicas");
        assertFalse(cluster.node().at("/spec/storage/size").asText().isEmpty(), "PostgreSQL storage");
        Set<String> databases = new HashSet<>(Set.of(cluster.node().at("/spec/bootstrap/initdb/database").asText()));
        for (Manifest database : ofKind("Database")) {
            assertEquals(cluster.name(), database.node().at("/spec/cluster/name").asText(), database.toString());
            databases.add(database.node().at("/spec/name").asText());
        }
        assertEquals(Set.of("stocktaking", "prizes", "forum", "indicators", "keycloak"), databases);
        for (Manifest d : ofKind("Deployment")) {
            for (JsonNode env : d.node().at("/spec/template/spec/containers/0/env")) {
                if (env.path("name").asText().equals("QUARKUS_DATASOURCE_JDBC_URL")) {
                    String url = env.path("value").asText();
                    assertTrue(url.startsWith("jdbc:postgresql://" + cluster.name() + "-rw:5432/"), d + " " + url);
                    assertTrue(databases.contains(url.substring(url.lastIndexOf('/') + 1)), d + " database exists");
                }
            }
        }

        Manifest keycloak = single("Keycloak");
        assertTrue(keycloak.node().at("/spec/instances").asInt() >= 1);
        assertEquals(cluster.name() + "-rw", keycloak.node().at("/spec/db/host").asText());
        assertTrue(databases.contains(keycloak.node().at("/spec/db/database").asText()));
        assertFalse(keycloak.node().at("/spec/hostname/hostname").asText().isEmpty(), "Keycloak public hostname");
        Manifest realmImport = single("KeycloakRealmImport");
        assertEquals(keycloak.name(), realmImport.node().at("/spec/keycloakCRName").asText());
    }

    @Test
    void realmImportIsTheRealmOfDeployKeycloakWithoutTestUsers() throws IOException {
        ObjectNode realm = (ObjectNode) new ObjectMapper().readTree(Path.of("..", "deploy", "keycloak", "wsis-realm.json").toFile());
        realm.remove("users");
        JsonNode imported = single("KeycloakRealmImport").node().at("/spec/realm");
        assertEquals(realm, imported,
                "keycloak/realm-import.yaml is out of date: run deploy/kubernetes/keycloak/generate-realm-import.sh");
        assertNotNull(imported.path("clients"));
    }

    private static void assertSecretKey(String name, String key, String where) {
        Manifest secret = ofKind("Secret").stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(where + " refers to Secret " + name + ", which is not in the manifests"));
        JsonNode data = secret.node().path("stringData").has(key) ? secret.node().path("stringData") : secret.node().path("data");
        assertTrue(data.has(key), where + " refers to key " + key + " of Secret " + name);
    }

    private static List<Manifest> ofKind(String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    private static Set<String> names(String kind) {
        Set<String> names = new HashSet<>();
        ofKind(kind).forEach(m -> names.add(m.name()));
        return names;
    }

    private static Manifest single(String kind) {
        List<Manifest> found = ofKind(kind);
        assertEquals(1, found.size(), "one " + kind + ": " + found);
        return found.get(0);
    }

}
