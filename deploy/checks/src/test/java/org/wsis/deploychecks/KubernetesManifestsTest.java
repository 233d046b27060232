package org.wsis.deploychecks;

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

import org.junit.jupiter.api.Tag;
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
 * refers to something that is there (Secrets are generated from git-ignored files or made by Strimzi
 * for KafkaUsers: none with values is committed), the Keycloak realm import is the production form of
 * deploy/keycloak/wsis-realm.json, Kafka authenticates and authorises per service, NetworkPolicies
 * fence the services and the data, and each service has a database role of its own. No cluster needed.
 */
@Tag("integration")
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of("..", "kubernetes");
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
            assertTrue(Files.isRegularFile(file) || Files.isRegularFile(file.resolve("kustomization.yaml")),
                    "kustomization lists " + resource.asText() + ", which is missing");
            String yaml = Files.isDirectory(file) ? kustomize(file) : Files.readString(file);
            try (var parser = new YAMLFactory().createParser(yaml)) {
                for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                    if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                        manifests.add(new Manifest(file, doc));
                    }
                }
            }
        }
    }

    /**
     * A listed directory (services/: one base, an overlay per service) rendered by kustomize itself, as
     * {@code kubectl apply -k} will: the checks below then see each service as the cluster gets it.
     */
    private static String kustomize(Path dir) throws IOException {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("kubectl (with kustomize v5, kubectl 1.27 or newer) is needed to render "
                    + dir + ": " + e.getMessage(), e);
        }
        String out = new String(kubectl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            assertEquals(0, kubectl.waitFor(), "kubectl kustomize " + dir + " failed:\n" + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }

    @Test
    void everyYamlFileIsListedAndEveryDocumentIsAnObjectWithKindAndName() throws IOException {
        Set<Path> listed = new HashSet<>();
        kustomization.path("resources").forEach(r -> listed.add(ROOT.resolve(r.asText()).normalize()));
        try (Stream<Path> files = Files.walk(ROOT)) {
            // a file inside a listed directory is that directory's kustomization's (rendered in load())
            files.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("kustomization.yaml"))
                    .forEach(f -> assertTrue(listed.stream().anyMatch(l -> f.normalize().startsWith(l)),
                            f + " is not in kustomization.yaml"));
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
        assertSecretKey(cluster.node().at("/spec/bootstrap/initdb/secret/name").asText(), "username", cluster.toString());
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
        List<String> listed = List.of(config.node().at("/data/WSIS_GATEWAY_SERVICES").asText().split(","));
        assertEquals(List.of("stocktaking", "prizes", "forum", "indicators"), listed, "the gateway routes to every service");
        for (String service : listed) {
            String url = config.node().at("/data/WSIS_GATEWAY_UPSTREAM_" + service.toUpperCase(java.util.Locale.ROOT) + "_URL").asText();
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
            // issue 20: records published before an erasure only expire, so every topic bounds them (90 days at most);
            // prizes.results (public results, no person) alone is kept forever
            long retention = topic.node().at("/spec/config/retention.ms").asLong(0);
            assertTrue(topic.name().equals("prizes.results") ? retention == -1 : retention > 0 && retention <= 7_776_000_000L,
                    topic + " retention.ms " + retention);
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

    /**
     * The production realm is the dev realm's roles, scopes and clients, without what must not reach
     * a cluster (test users, the password-grant client, the password grant, published secrets,
     * localhost redirects), with brute-force detection, a password policy, e-mail verification and
     * short access tokens on.
     */
    @Test
    void realmImportIsTheDevRealmWithoutTestUsersTestClientsPasswordGrantOrSecrets() throws IOException {
        JsonNode dev = new ObjectMapper().readTree(Path.of("..", "keycloak", "wsis-realm.json").toFile());
        Manifest realmImport = single("KeycloakRealmImport");
        JsonNode realm = realmImport.node().at("/spec/realm");
        String stale = " (keycloak/realm-import.yaml is stale: run deploy/kubernetes/keycloak/generate-realm-import.sh)";

        assertEquals(dev.path("roles"), realm.path("roles"), "the same roles" + stale);
        assertEquals(dev.path("components"), realm.path("components"), "the same user profile" + stale);
        Set<String> devClients = new HashSet<>();
        dev.path("clients").forEach(c -> devClients.add(c.path("clientId").asText()));
        devClients.remove("wsis-dev-cli");
        Set<String> clients = new HashSet<>();
        realm.path("clients").forEach(c -> clients.add(c.path("clientId").asText()));
        assertEquals(devClients, clients, "every client of the dev realm but wsis-dev-cli" + stale);

        for (JsonNode user : realm.path("users")) {
            assertTrue(user.path("username").asText().startsWith("service-account-"), "no test user: " + user.path("username"));
            assertTrue(user.path("credentials").isMissingNode(), "no credentials: " + user.path("username"));
        }
        Set<String> placeholders = new HashSet<>();
        realmImport.node().at("/spec/placeholders").fields().forEachRemaining(p -> {
            placeholders.add(p.getKey());
            assertSecretKey(p.getValue().at("/secret/name").asText(), p.getValue().at("/secret/key").asText(), "placeholder " + p.getKey());
        });
        for (JsonNode client : realm.path("clients")) {
            String id = client.path("clientId").asText();
            assertFalse(client.path("directAccessGrantsEnabled").asBoolean(false), id + ": no password grant");
            assertFalse(client.path("implicitFlowEnabled").asBoolean(false), id + ": no implicit flow");
            if (!client.path("publicClient").asBoolean(false)) {
                String secret = client.path("secret").asText();
                assertTrue(secret.matches("\\$\\{[A-Z_]+}") && placeholders.contains(secret.substring(2, secret.length() - 1)),
                        id + ": secret is a placeholder filled from a Secret, not " + secret);
            }
            client.path("redirectUris").forEach(uri -> assertTrue(uri.asText().startsWith("https://"), id + " redirect " + uri));
            client.path("webOrigins").forEach(origin -> assertTrue(origin.asText().startsWith("https://"), id + " web origin " + origin));
        }
        assertTrue(realm.path("bruteForceProtected").asBoolean(), "brute-force detection on");
        assertTrue(realm.path("failureFactor").asInt(99) <= 10, "lockout after a few failures");
        assertTrue(realm.path("passwordPolicy").asText().contains("length("), "a password policy");
        assertTrue(realm.path("verifyEmail").asBoolean(), "e-mail verification on");
        assertFalse(realm.path("registrationAllowed").asBoolean(), "no self-registration");
        assertTrue(realm.path("accessTokenLifespan").asInt(Integer.MAX_VALUE) <= 60, "short access tokens (the revocation window)");
        assertTrue(realm.path("revokeRefreshToken").asBoolean(), "refresh tokens rotate");
        assertNotNull(realm.path("clients"));
    }

    /** One PostgreSQL role per service (and Keycloak), each owning its own database, each with its own Secret. */
    @Test
    void everyServiceHasADatabaseRoleOfItsOwn() {
        Manifest cluster = single("Cluster");
        java.util.Map<String, String> owners = new java.util.HashMap<>();
        owners.put(cluster.node().at("/spec/bootstrap/initdb/database").asText(), cluster.node().at("/spec/bootstrap/initdb/owner").asText());
        for (Manifest database : ofKind("Database")) {
            owners.put(database.node().at("/spec/name").asText(), database.node().at("/spec/owner").asText());
        }
        assertEquals(java.util.Map.of("stocktaking", "stocktaking", "prizes", "prizes", "forum", "forum",
                "indicators", "indicators", "keycloak", "keycloak"), owners, "each database owned by its own role");
        assertFalse(cluster.node().at("/spec/enableSuperuserAccess").asBoolean(true), "no superuser login over the network");
        Set<String> secretsUsed = new HashSet<>();
        for (Manifest d : ofKind("Deployment")) {
            for (JsonNode env : d.node().at("/spec/template/spec/containers/0/env")) {
                if (env.path("name").asText().equals("QUARKUS_DATASOURCE_PASSWORD")) {
                    assertTrue(secretsUsed.add(env.at("/valueFrom/secretKeyRef/name").asText()), d + " shares a database Secret");
                }
            }
        }
        assertEquals(4, secretsUsed.size(), "four services, four database Secrets");
    }

    private static Set<String> plus(Set<String> set, String... more) {
        Set<String> all = new HashSet<>(set);
        all.addAll(java.util.List.of(more));
        return all;
    }

    /**
     * Kafka: every listener authenticates, ACLs are on, and each service's KafkaUser writes only its
     * own topics ("<service>." prefix, dead-letter included) and reads only what it consumes; each
     * service signs in as its own user.
     */
    @Test
    void kafkaAuthenticatesEveryClientAndEachServiceWritesOnlyItsOwnTopics() {
        Manifest kafka = single("Kafka");
        for (JsonNode listener : kafka.node().at("/spec/kafka/listeners")) {
            assertFalse(listener.at("/authentication/type").asText().isEmpty(), "listener " + listener.path("name") + " authenticates");
            assertFalse(listener.path("networkPolicyPeers").isEmpty(), "listener " + listener.path("name") + " names its peers");
        }
        assertEquals("simple", kafka.node().at("/spec/kafka/authorization/type").asText(), "ACLs are enforced");
        // issue 20: every service reads every service's erasure requests and confirmations (service-commons privacy/)
        Set<String> privacy = Set.of("stocktaking.privacy", "prizes.privacy", "forum.privacy", "indicators.privacy");
        java.util.Map<String, Set<String>> consumed = java.util.Map.of("stocktaking-service", plus(privacy, "prizes.results"),
                "prizes-service", plus(privacy, "stocktaking.entries"), "forum-service", plus(privacy, "prizes.results"),
                // issue 16: the WSIS statistics dataflows
                "indicators-service", plus(privacy, "stocktaking.entries", "prizes.results"));
        Set<String> users = new HashSet<>();
        for (Manifest user : ofKind("KafkaUser")) {
            String name = user.name();
            users.add(name);
            String owner = name.replace("-service", "");
            assertEquals("scram-sha-512", user.node().at("/spec/authentication/type").asText(), name);
            for (JsonNode acl : user.node().at("/spec/authorization/acls")) {
                String resource = acl.at("/resource/name").asText();
                Set<String> operations = new HashSet<>();
                acl.path("operations").forEach(o -> operations.add(o.asText()));
                if (operations.contains("Write")) {
                    assertEquals("topic", acl.at("/resource/type").asText(), name + " " + acl);
                    assertEquals(owner + ".", resource, name + " writes only its own topics");
                    assertEquals("prefix", acl.at("/resource/patternType").asText(), name + " " + acl);
                }
                assertFalse(operations.contains("All") || operations.contains("Alter") || operations.contains("Delete")
                        || resource.equals("*"), name + " has no broad rights: " + acl);
                if (acl.at("/resource/type").asText().equals("topic") && operations.contains("Read")) {
                    assertTrue(consumed.getOrDefault(name, Set.of()).contains(resource), name + " reads only what it consumes, not " + resource);
                }
            }
        }
        assertEquals(Set.of("stocktaking-service", "prizes-service", "forum-service", "indicators-service"), users);
        for (Manifest d : ofKind("Deployment")) {
            if (d.name().equals("gateway")) {
                continue;
            }
            boolean ownUser = false;
            for (JsonNode env : d.node().at("/spec/template/spec/containers/0/env")) {
                if (env.path("name").asText().equals("KAFKA_SASL_JAAS_CONFIG")) {
                    ownUser = env.at("/valueFrom/secretKeyRef/name").asText().equals(d.name());
                }
            }
            assertTrue(ownUser, d + " signs in to Kafka as its own KafkaUser");
        }
        Manifest config = ofKind("ConfigMap").stream().filter(c -> c.name().equals("wsis-platform")).findFirst().orElseThrow();
        assertEquals("SCRAM-SHA-512", config.node().at("/data/KAFKA_SASL_MECHANISM").asText());
    }

    /**
     * Kafka over TLS (issue 17): every listener is {@code tls: true}, the services connect to the
     * listener's port with SASL_SSL and check the brokers against Strimzi's cluster CA, which each
     * service mounts (read-only) from the Secret Strimzi makes for it.
     */
    @Test
    void servicesReachKafkaOnlyOverTlsCheckedAgainstTheClusterCa() {
        Manifest kafka = single("Kafka");
        Set<Integer> tlsPorts = new HashSet<>();
        for (JsonNode listener : kafka.node().at("/spec/kafka/listeners")) {
            assertTrue(listener.path("tls").asBoolean(false), "listener " + listener.path("name") + " is TLS");
            tlsPorts.add(listener.path("port").asInt());
        }
        JsonNode config = ofKind("ConfigMap").stream().filter(c -> c.name().equals("wsis-platform")).findFirst().orElseThrow().node().path("data");
        assertEquals("SASL_SSL", config.path("KAFKA_SECURITY_PROTOCOL").asText(), "services use SASL over TLS");
        String bootstrap = config.path("KAFKA_BOOTSTRAP_SERVERS").asText();
        assertEquals(kafka.name() + "-kafka-bootstrap", bootstrap.replaceFirst(":.*", ""), "bootstrap Service of " + kafka);
        assertTrue(tlsPorts.contains(Integer.parseInt(bootstrap.replaceFirst(".*:", ""))), bootstrap + " is a TLS listener's port " + tlsPorts);
        assertEquals("PEM", config.path("KAFKA_SSL_TRUSTSTORE_TYPE").asText());
        String truststore = config.path("KAFKA_SSL_TRUSTSTORE_LOCATION").asText();
        String caSecret = kafka.name() + "-cluster-ca-cert";
        for (Manifest d : ofKind("Deployment")) {
            if (d.name().equals("gateway")) {
                continue;
            }
            JsonNode pod = d.node().at("/spec/template/spec");
            boolean mounted = false;
            for (JsonNode mount : pod.at("/containers/0/volumeMounts")) {
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.path("name").asText().equals(mount.path("name").asText())
                            && volume.at("/secret/secretName").asText().equals(caSecret)
                            && mount.path("readOnly").asBoolean(false)) {
                        for (JsonNode item : volume.at("/secret/items")) {
                            mounted |= item.path("key").asText().equals("ca.crt")
                                    && (mount.path("mountPath").asText() + "/" + item.path("path").asText()).equals(truststore);
                        }
                    }
                }
            }
            assertTrue(mounted, d + " mounts " + caSecret + "'s ca.crt read-only at " + truststore);
        }
    }

    /**
     * Egress (issue 17): the services may open connections only to PostgreSQL, Kafka's brokers,
     * Keycloak, DNS and the trace collector; the gateway only to the services, Keycloak, DNS and the
     * trace collector. Every rule names its peers and ports (an empty {@code to} or no ports would
     * allow everything), and nobody is allowed out by IP block.
     */
    @Test
    void egressLetsTheServicesReachOnlyTheDataAndTheGatewayOnlyTheServices() {
        List<Manifest> policies = ofKind("NetworkPolicy");
        java.util.Map<String, Set<String>> allowed = java.util.Map.of(
                "service", Set.of("postgres", "kafka", "keycloak", "dns", "traces"),
                "gateway", Set.of("services", "keycloak", "dns", "traces"));
        java.util.Map<String, Set<String>> required = java.util.Map.of(
                "service", Set.of("postgres", "kafka", "keycloak", "dns"),
                "gateway", Set.of("services", "keycloak", "dns"));
        for (Manifest d : ofKind("Deployment")) {
            String role = d.name().equals("gateway") ? "gateway" : "service";
            JsonNode labels = d.node().at("/spec/template/metadata/labels");
            List<Manifest> egress = policies.stream()
                    .filter(p -> selects(p.node().at("/spec/podSelector/matchLabels"), labels) && !p.node().at("/spec/podSelector").isEmpty())
                    .filter(p -> p.node().at("/spec/policyTypes").toString().contains("Egress")).toList();
            assertFalse(egress.isEmpty(), d + " has an egress policy");
            Set<String> reached = new HashSet<>();
            for (Manifest p : egress) {
                for (JsonNode rule : p.node().at("/spec/egress")) {
                    assertFalse(rule.path("to").isEmpty(), p + ": a rule without 'to' lets " + d + " reach anything");
                    assertFalse(rule.path("ports").isEmpty(), p + ": a rule without ports lets " + d + " reach every port");
                    Set<Integer> ports = new HashSet<>();
                    rule.path("ports").forEach(port -> ports.add(port.path("port").asInt()));
                    for (JsonNode to : rule.path("to")) {
                        assertTrue(to.path("ipBlock").isMissingNode(), p + ": no egress by IP block: " + to);
                        String peer = egressPeer(to, ports);
                        assertTrue(allowed.get(role).contains(peer), d + " may not reach " + to + " on " + ports + " (" + peer + ")");
                        reached.add(peer);
                    }
                }
            }
            assertTrue(reached.containsAll(required.get(role)), d + " reaches " + required.get(role) + ", not only " + reached);
        }
        // and inbound: Kafka's listeners take connections from the services only
        for (JsonNode listener : single("Kafka").node().at("/spec/kafka/listeners")) {
            for (JsonNode peer : listener.path("networkPolicyPeers")) {
                assertEquals("service", peer.at("/podSelector/matchLabels").path("app.kubernetes.io/component").asText(),
                        "Kafka listener " + listener.path("name") + " reachable only from the services, not " + peer);
                assertTrue(peer.path("namespaceSelector").isMissingNode(), "no other namespace reaches Kafka: " + peer);
            }
        }
    }

    /** What an egress peer is, judged by its selectors and ports; "other" for anything else. */
    private static String egressPeer(JsonNode to, Set<Integer> ports) {
        JsonNode pod = to.at("/podSelector/matchLabels");
        String namespace = to.at("/namespaceSelector/matchLabels").path("kubernetes.io/metadata.name").asText();
        boolean sameNamespace = to.path("namespaceSelector").isMissingNode();
        if (sameNamespace && pod.path("cnpg.io/cluster").asText().equals("wsis-db") && ports.equals(Set.of(5432))) {
            return "postgres";
        }
        if (sameNamespace && pod.path("strimzi.io/cluster").asText().equals("wsis-kafka")
                && pod.path("strimzi.io/broker-role").asText().equals("true") && ports.equals(Set.of(9093))) {
            return "kafka";
        }
        if (sameNamespace && pod.path("app").asText().equals("keycloak") && pod.size() == 1 && ports.equals(Set.of(8080))) {
            return "keycloak";
        }
        if (sameNamespace && pod.path("app.kubernetes.io/component").asText().equals("service") && pod.size() == 1 && ports.equals(Set.of(8080))) {
            return "services";
        }
        if (namespace.equals("kube-system") && pod.path("k8s-app").asText().equals("kube-dns") && ports.equals(Set.of(53))) {
            return "dns";
        }
        if (namespace.equals("observability") && to.path("podSelector").isMissingNode() && ports.equals(Set.of(4317))) {
            return "traces";
        }
        return "other";
    }

    /**
     * NetworkPolicies: everything is refused by default; the services take connections from the
     * gateway (and metrics scraping) only; PostgreSQL from the services and Keycloak only.
     */
    @Test
    void networkPoliciesLetOnlyTheGatewayReachTheServicesAndOnlyTheServicesReachTheData() {
        List<Manifest> policies = ofKind("NetworkPolicy");
        assertTrue(policies.stream().anyMatch(p -> p.node().at("/spec/podSelector").isEmpty()
                && p.node().at("/spec/ingress").isMissingNode()), "a default deny-all ingress policy");
        for (Manifest d : ofKind("Deployment")) {
            JsonNode labels = d.node().at("/spec/template/metadata/labels");
            List<Manifest> selecting = policies.stream().filter(p -> selects(p.node().at("/spec/podSelector/matchLabels"), labels)
                    && !p.node().at("/spec/podSelector").isEmpty()).toList();
            assertFalse(selecting.isEmpty(), d + " has a NetworkPolicy of its own");
            for (Manifest p : selecting) {
                for (JsonNode rule : p.node().at("/spec/ingress")) {
                    for (JsonNode from : rule.path("from")) {
                        JsonNode peer = from.at("/podSelector/matchLabels");
                        String namespace = from.at("/namespaceSelector/matchLabels").path("kubernetes.io/metadata.name").asText();
                        if (d.name().equals("gateway")) {
                            assertTrue(Set.of("ingress-nginx", "monitoring").contains(namespace), d + " reachable from " + from);
                        } else {
                            assertTrue(peer.path("app.kubernetes.io/name").asText().equals("gateway")
                                    || namespace.equals("monitoring"), d + " reachable only from the gateway, not " + from);
                        }
                    }
                }
            }
        }
        Manifest postgres = policies.stream().filter(p -> p.node().at("/spec/podSelector/matchLabels").path("cnpg.io/cluster")
                .asText().equals("wsis-db")).findFirst().orElseThrow(() -> new AssertionError("a policy for PostgreSQL"));
        for (JsonNode rule : postgres.node().at("/spec/ingress")) {
            for (JsonNode from : rule.path("from")) {
                JsonNode peer = from.at("/podSelector/matchLabels");
                assertTrue(peer.path("app.kubernetes.io/component").asText().equals("service")
                        || peer.path("app").asText().equals("keycloak") || peer.has("cnpg.io/cluster")
                        || from.at("/namespaceSelector/matchLabels").path("kubernetes.io/metadata.name").asText().equals("cnpg-system"),
                        "PostgreSQL reachable only from the services, Keycloak, its replicas and its operator, not " + from);
            }
        }
    }

    private static boolean selects(JsonNode matchLabels, JsonNode labels) {
        var it = matchLabels.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText())) {
                return false;
            }
        }
        return true;
    }

    /**
     * A referenced Secret is one the kustomization generates (its keys documented in
     * platform/secrets.example.env, which generate-secrets.sh writes) or one Strimzi makes for a
     * KafkaUser (keys password and sasl.jaas.config). No Secret with values is in the repository.
     */
    private static void assertSecretKey(String name, String key, String where) {
        if (names("KafkaUser").contains(name)) {
            assertTrue(Set.of("password", "sasl.jaas.config").contains(key), where + " refers to key " + key + " of KafkaUser Secret " + name);
            return;
        }
        java.util.Map<String, Set<String>> generated = generatedSecrets();
        assertTrue(generated.containsKey(name), where + " refers to Secret " + name + ", which kustomization.yaml does not generate");
        assertTrue(generated.get(name).contains(key), where + " refers to key " + key + " of Secret " + name
                + " (platform/secrets.example.env lists " + generated.get(name) + ")");
    }

    /** Secret name to keys: kustomization's secretGenerator names, keys from platform/secrets.example.env. */
    private static java.util.Map<String, Set<String>> generatedSecrets() {
        java.util.Map<String, Set<String>> documented = new java.util.HashMap<>();
        try {
            for (String line : Files.readAllLines(ROOT.resolve("platform/secrets.example.env"))) {
                String[] columns = line.replaceFirst("^#\\s*", "").split("\\s+");
                if (columns.length >= 3 && columns[1].startsWith("secrets/")) {
                    String keys = line.substring(line.indexOf(columns[1]) + columns[1].length()).replaceFirst("\\(.*", "").trim();
                    documented.put(columns[0], new HashSet<>(List.of(keys.split("\\s*,\\s*"))));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.Map<String, Set<String>> generated = new java.util.HashMap<>();
        for (JsonNode generator : kustomization.path("secretGenerator")) {
            String name = generator.path("name").asText();
            assertTrue(documented.containsKey(name), "secret " + name + " is documented in platform/secrets.example.env");
            for (JsonNode env : generator.path("envs")) {
                assertTrue(env.asText().startsWith("platform/secrets/") && env.asText().endsWith(".env"),
                        name + " is generated from a git-ignored platform/secrets/*.env file: " + env.asText());
            }
            generated.put(name, documented.get(name));
        }
        return generated;
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
