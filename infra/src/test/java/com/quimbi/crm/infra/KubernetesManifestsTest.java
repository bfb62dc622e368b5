package com.quimbi.crm.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.InstanceOfAssertFactories;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import com.quimbi.crm.infra.LocalStackFacts.Service;

/**
 * Every overlay of k8s/ renders with a plain {@code kubectl kustomize}, every object it renders reads strictly into
 * its model (fabric8 for Kubernetes, Strimzi's api for Strimzi, the vendored CRDs for CloudNativePG), and what it
 * deploys agrees with the local stack: topics, connectors, databases and roles, ports, probes, environment
 * variables; every database is archived and backed up; and it is closed: NetworkPolicies that follow who calls
 * whom in the services' configuration, non-root read-only containers, PDBs, spread, no committed secret.
 */
class KubernetesManifestsTest {

    static List<String> overlays() {
        return Kustomize.OVERLAYS;
    }

    // ---- schema ----

    @ParameterizedTest
    @MethodSource("overlays")
    void everyRenderedObjectReadsStrictlyIntoItsModel(String overlay) {
        List<JsonNode> objects = Kustomize.overlay(overlay);
        assertThat(objects).hasSizeGreaterThan(100);
        List<String> problems = objects.stream().flatMap(o -> StrictModels.problems(o).stream()).toList();
        assertThat(problems).as("objects of k8s/overlays/%s that their model refuses", overlay).isEmpty();
        assertThat(objects).allSatisfy(o -> assertThat(o.at("/metadata/namespace").asText())
                .as("%s %s", o.path("kind").asText(), o.at("/metadata/name").asText())
                .isIn("support-crm", ""));
    }

    @Test
    void theMonitoringObjectsReadStrictlyIntoThePrometheusOperatorsModel() {
        List<JsonNode> objects = Kustomize.render(LocalStackFacts.ROOT.resolve("k8s/observability"));
        assertThat(objects).extracting(o -> o.path("kind").asText()).contains("ServiceMonitor", "PrometheusRule");
        assertThat(objects.stream().flatMap(o -> StrictModels.problems(o).stream()).toList())
                .as("objects of k8s/observability that their model refuses").isEmpty();
        // each ServiceMonitor selects a Service the overlays deploy, on a port it has
        for (JsonNode monitor : objects.stream().filter(o -> kind(o, "ServiceMonitor")).toList()) {
            String selected = monitor.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText();
            JsonNode service = one("prod", "Service", selected);
            assertThat(service.at("/spec/ports").findValuesAsText("name")).contains(monitor.at("/spec/endpoints/0/port").asText());
        }
        // the Postgres instances, on the port NetworkPolicy postgres-operator-and-monitoring opens to `monitoring`
        JsonNode postgres = objects.stream().filter(o -> kind(o, "PodMonitor")).findFirst().orElseThrow();
        assertThat(postgres.at("/spec/selector/matchLabels/cnpg.io~1podRole").asText()).isEqualTo("instance");
        assertThat(postgres.at("/spec/podMetricsEndpoints/0/port").asText()).isEqualTo("metrics");
        JsonNode policy = one("prod", "NetworkPolicy", "postgres-operator-and-monitoring");
        assertThat(policy.at("/spec/podSelector/matchLabels/cnpg.io~1podRole").asText()).isEqualTo("instance");
        assertThat(policy.at("/spec/ingress").findValuesAsText("port")).contains("9187");
    }

    @Test
    void theStrictReadingRefusesWhatTheModelsDoNotKnow() {
        JsonNode deployment = Kustomize.overlay("dev").stream()
                .filter(o -> kind(o, "Deployment") && name(o).equals("gateway")).findFirst().orElseThrow();
        assertThat(StrictModels.problems(deployment)).isEmpty();
        ObjectNode typo = deployment.deepCopy();
        ((ObjectNode) typo.at("/spec/template/spec/containers/0")).set("readinesProbe", typo.at("/spec/template/spec/containers/0/readinessProbe"));
        assertThat(StrictModels.problems(typo)).singleElement(InstanceOfAssertFactories.STRING)
                .contains("Deployment gateway").contains("unknown field spec.template.spec.containers[0].readinesProbe");
        ObjectNode wrongType = deployment.deepCopy();
        ((ObjectNode) wrongType.at("/spec")).put("revisionHistoryLimit", "five");
        assertThat(StrictModels.problems(wrongType)).singleElement(InstanceOfAssertFactories.STRING).contains("Deployment gateway");

        JsonNode topic = Kustomize.overlay("dev").stream().filter(o -> kind(o, "KafkaTopic")).findFirst().orElseThrow();
        assertThat(StrictModels.problems(topic)).isEmpty();
        ObjectNode strimziTypo = topic.deepCopy();
        ((ObjectNode) strimziTypo.at("/spec")).put("partitons", 3);
        assertThat(StrictModels.problems(strimziTypo)).singleElement(InstanceOfAssertFactories.STRING).contains("unknown field spec.partitons");
        ObjectNode oldApi = topic.deepCopy();
        oldApi.put("apiVersion", "kafka.strimzi.io/v1beta1");
        assertThat(StrictModels.problems(oldApi)).singleElement(InstanceOfAssertFactories.STRING).contains("no model");
    }

    @Test
    void theCrdSchemasRefuseUnknownFieldsAndWrongTypes() {
        JsonNode cluster = one("dev", "Cluster", "ticket-db");
        assertThat(StrictModels.problems(cluster)).isEmpty();
        ObjectNode typo = cluster.deepCopy();
        ((ObjectNode) typo.at("/spec")).put("instancs", 2);
        assertThat(StrictModels.problems(typo)).singleElement(InstanceOfAssertFactories.STRING)
                .contains("Cluster ticket-db").contains("instancs");
        ObjectNode nestedTypo = cluster.deepCopy();
        ((ObjectNode) nestedTypo.at("/spec/managed/roles/0")).put("replicaton", true);
        assertThat(StrictModels.problems(nestedTypo)).singleElement(InstanceOfAssertFactories.STRING).contains("replicaton");
        ObjectNode wrongType = cluster.deepCopy();
        ((ObjectNode) wrongType.at("/spec")).put("instances", "two");
        assertThat(StrictModels.problems(wrongType)).singleElement(InstanceOfAssertFactories.STRING)
                .contains("/spec/instances").contains("integer");
        // PostgreSQL parameters are strings only: a number is refused, as the API server would
        ObjectNode number = cluster.deepCopy();
        ((ObjectNode) number.at("/spec/postgresql/parameters")).put("max_wal_senders", 10);
        assertThat(StrictModels.problems(number)).singleElement(InstanceOfAssertFactories.STRING).contains("max_wal_senders");
        ObjectNode badMetadata = cluster.deepCopy();
        ((ObjectNode) badMetadata.at("/metadata")).put("lables", "x");
        assertThat(StrictModels.problems(badMetadata)).singleElement(InstanceOfAssertFactories.STRING).contains("unknown field metadata.lables");

        JsonNode backup = one("dev", "ScheduledBackup", "ticket-db-daily");
        assertThat(StrictModels.problems(backup)).isEmpty();
        ObjectNode badMethod = backup.deepCopy();
        ((ObjectNode) badMethod.at("/spec")).put("method", "barman");
        assertThat(StrictModels.problems(badMethod)).singleElement(InstanceOfAssertFactories.STRING).contains("/spec/method");
        ObjectNode noCluster = backup.deepCopy();
        ((ObjectNode) noCluster.at("/spec")).remove("cluster");
        assertThat(StrictModels.problems(noCluster)).singleElement(InstanceOfAssertFactories.STRING).contains("cluster");

        JsonNode store = one("dev", "ObjectStore", "crm-backups");
        assertThat(StrictModels.problems(store)).isEmpty();
        ObjectNode badRetention = store.deepCopy();
        ((ObjectNode) badRetention.at("/spec")).put("retentionPolicy", "7 days");
        assertThat(StrictModels.problems(badRetention)).singleElement(InstanceOfAssertFactories.STRING).contains("retentionPolicy");
        ObjectNode oldApi = cluster.deepCopy();
        oldApi.put("apiVersion", "postgresql.cnpg.io/v1beta1");
        assertThat(StrictModels.problems(oldApi)).singleElement(InstanceOfAssertFactories.STRING).contains("no model");
    }

    @Test
    void theCloudNativePgManifestsOfTheBackupRunbookKeepTheCrds() {
        Path runbook = LocalStackFacts.ROOT.resolve("docs/operations/backup-restore.md");
        List<JsonNode> manifests = new ArrayList<>();
        Matcher block = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(LocalStackFacts.read(runbook));
        while (block.find()) {
            for (Object doc : new Yaml().loadAll(block.group(1))) {
                JsonNode manifest = StrictModels.MAPPER.valueToTree(doc);
                if (manifest != null && manifest.path("apiVersion").asText().contains("cnpg.io/")) {
                    manifests.add(manifest);
                }
            }
        }
        assertThat(manifests).extracting(m -> m.path("kind").asText()).contains("Backup", "Cluster");
        assertThat(manifests.stream().flatMap(m -> StrictModels.problems(m).stream()).toList())
                .as("CloudNativePG manifests in %s that their CRD refuses", runbook).isEmpty();
        // the restore reads the archive the running clusters write
        Set<String> clusters = new TreeSet<>();
        all("prod", "Cluster").forEach(c -> clusters.add(name(c)));
        for (JsonNode manifest : manifests) {
            for (JsonNode source : manifest.at("/spec/externalClusters")) {
                assertThat(source.at("/plugin/parameters/barmanObjectName").asText()).isEqualTo("crm-backups");
                assertThat(source.at("/plugin/parameters/serverName").asText()).isIn(clusters);
            }
            if (manifest.path("kind").asText().equals("Backup")) {
                assertThat(manifest.at("/spec/cluster/name").asText()).isIn(clusters);
            }
            if (manifest.at("/spec/bootstrap/recovery").isObject()) {
                // a restored cluster is configured like the one it replaces (the runbook copies cluster-defaults.yaml)
                JsonNode source = one("prod", "Cluster", manifest.at("/spec/externalClusters/0/plugin/parameters/serverName").asText());
                assertThat(manifest.at("/spec/postgresql/parameters")).isEqualTo(source.at("/spec/postgresql/parameters"));
                assertThat(manifest.at("/spec/imageName")).isEqualTo(source.at("/spec/imageName"));
                assertThat(manifest.at("/spec/plugins/0/isWALArchiver").asBoolean()).isTrue();
            }
        }
    }

    // ---- the local stack ----

    @ParameterizedTest
    @MethodSource("overlays")
    void theKafkaTopicsAreTheLocalStacksTopics(String overlay) {
        Set<String> topics = new TreeSet<>();
        for (JsonNode topic : all(overlay, "KafkaTopic")) {
            topics.add(topic.at("/spec/topicName").isMissingNode() ? name(topic) : topic.at("/spec/topicName").asText());
            assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("crm");
        }
        assertThat(topics).as("KafkaTopics = contracts' Topics.CREATED (what devstack and compose create)")
                .isEqualTo(LocalStackFacts.createdTopics());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void aConnectorPerDebeziumFileWithItsConfigAndTheWorkerEnvironmentItReads(String overlay) {
        JsonNode connect = one(overlay, "KafkaConnect", "crm-connect");
        Set<String> workerEnv = new TreeSet<>();
        connect.at("/spec/template/connectContainer/env").forEach(e -> workerEnv.add(e.path("name").asText()));
        Map<String, JsonNode> files = LocalStackFacts.connectors();
        assertThat(all(overlay, "KafkaConnector")).extracting(KubernetesManifestsTest::name)
                .containsExactlyInAnyOrderElementsOf(files.values().stream().map(f -> f.path("name").asText()).toList());
        files.forEach((service, file) -> {
            JsonNode connector = one(overlay, "KafkaConnector", file.path("name").asText());
            Map<String, String> config = new TreeMap<>();
            file.path("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
            assertThat(connector.at("/spec/class").asText()).isEqualTo(config.remove("connector.class"));
            assertThat(connector.at("/spec/tasksMax").asText()).isEqualTo(config.remove("tasks.max"));
            Map<String, String> deployed = new TreeMap<>();
            connector.at("/spec/config").properties().forEach(e -> deployed.put(e.getKey(), e.getValue().asText()));
            assertThat(deployed).as("KafkaConnector of infra/debezium/%s.json: regenerate with k8s/connector-yaml.py", service)
                    .isEqualTo(config);
            assertThat(connector.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("crm-connect");
            assertThat(workerEnv).as("crm-connect's connectContainer.env has what %s.json references", service)
                    .containsAll(LocalStackFacts.envReferences(file));
            // the connector logs in as the service's role, at its database's CloudNativePG read-write Service
            String database = LocalStackFacts.service(service).database();
            String prefix = "CRM_" + database.toUpperCase() + "_DB_";
            Map<String, String> env = env(overlay, connect.at("/spec/template/connectContainer"));
            assertThat(env.get(prefix + "HOST")).isEqualTo(database + "-db-rw");
            assertThat(env.get(prefix + "PORT")).isEqualTo("5432");
            assertThat(env.get(prefix + "NAME")).isEqualTo(database);
            assertThat(env.get(prefix + "USER")).isEqualTo(service.replace('-', '_'));
            assertThat(env.get(prefix + "PASSWORD")).contains(database + "-db-credentials").contains("password");
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceListensOnItsLocalStackPortWithTheActuatorProbes(String overlay) {
        for (Service service : LocalStackFacts.services()) {
            JsonNode deployment = one(overlay, "Deployment", service.name());
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            assertThat(deployment.at("/spec/template/spec/containers").size()).isOne();
            assertThat(container.at("/ports/0/containerPort").asInt()).as(service.name()).isEqualTo(service.port());
            assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
            assertThat(env(overlay, container).get("SERVER_PORT")).as("%s SERVER_PORT", service.name())
                    .isEqualTo(String.valueOf(service.port()));
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/readiness");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");
            assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");
            Stream.of("readinessProbe", "livenessProbe", "startupProbe").forEach(probe ->
                    assertThat(container.at("/" + probe + "/httpGet/port").asText()).isEqualTo("http"));
            JsonNode svc = one(overlay, "Service", service.name());
            assertThat(svc.at("/spec/ports/0/port").asInt()).isEqualTo(service.port());
            assertThat(svc.at("/spec/selector/app.kubernetes.io~1name").asText()).isEqualTo(service.name());
            assertThat(container.at("/image").asText()).startsWith("supportcrm/" + service.name() + ":");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceGetsOnlyVariablesItReadsAndEveryOneItRequires(String overlay) {
        for (Service service : LocalStackFacts.services()) {
            JsonNode container = one(overlay, "Deployment", service.name()).at("/spec/template/spec/containers/0");
            Map<String, String> env = env(overlay, container);
            // a variable only there to be spliced into another one, $(CRM_REDIS_PASSWORD) in CRM_REDIS_URL, is not read
            Set<String> spliced = new TreeSet<>();
            env.values().forEach(v -> java.util.regex.Pattern.compile("\\$\\(([A-Z0-9_]+)\\)").matcher(v).results()
                    .forEach(m -> spliced.add(m.group(1))));
            assertThat(env.keySet().stream().filter(name -> !spliced.contains(name) && !LocalStackFacts.reads(service.name(), name)).toList())
                    .as("variables set for %s that it does not read (docs/local-stack.md)", service.name()).isEmpty();
            LocalStackFacts.placeholders(service.name()).forEach((name, fallback) -> {
                if (fallback == null) {
                    assertThat(env).as("%s requires %s", service.name(), name).containsKey(name);
                }
            });
            if (service.hasDatabase()) {
                assertThat(env.get("CRM_DB_URL")).isEqualTo("jdbc:postgresql://" + service.database() + "-db-rw:5432/" + service.database());
                assertThat(env.get("CRM_DB_USER")).isEqualTo(service.name().replace('-', '_'));
                assertThat(env.get("CRM_DB_PASSWORD")).contains(service.database() + "-db-credentials").contains("password");
            }
            assertThat(env.get("CRM_REDIS_URL")).isEqualTo("redis://:$(CRM_REDIS_PASSWORD)@redis:6379");
            assertThat(env).containsKeys("CRM_KAFKA_BOOTSTRAP", "CRM_ISSUER_URI", "CRM_JWK_SET_URI");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceDatabaseIsAnArchivedAndBackedUpCloudNativePgClusterWithItsRole(String overlay) {
        assertThat(all(overlay, "StatefulSet")).as("Postgres runs as CloudNativePG Clusters only").isEmpty();
        Set<String> withConnector = LocalStackFacts.connectors().keySet();
        Set<String> databases = new TreeSet<>();
        JsonNode store = one(overlay, "ObjectStore", "crm-backups");
        for (Service service : LocalStackFacts.services()) {
            if (!service.hasDatabase()) {
                continue;
            }
            String name = service.database() + "-db";
            String role = service.name().replace('-', '_');
            databases.add(name);
            JsonNode cluster = one(overlay, "Cluster", name).path("spec");
            assertThat(cluster.at("/bootstrap/initdb/database").asText()).isEqualTo(service.database());
            assertThat(cluster.at("/bootstrap/initdb/owner").asText()).isEqualTo(role);
            assertThat(cluster.at("/bootstrap/initdb/secret/name").asText()).isEqualTo(name + "-credentials");
            // the role the service and its connector log in as: Debezium's logical decoding needs REPLICATION
            List<JsonNode> roles = new ArrayList<>();
            cluster.at("/managed/roles").forEach(roles::add);
            assertThat(roles).as("%s managed roles", name).singleElement().satisfies(r -> {
                assertThat(r.path("name").asText()).isEqualTo(role);
                assertThat(r.path("login").asBoolean()).isTrue();
                assertThat(r.path("replication").asBoolean()).as("%s REPLICATION", role).isEqualTo(withConnector.contains(service.name()));
                assertThat(r.at("/passwordSecret/name").asText()).isEqualTo(name + "-credentials");
            });
            JsonNode secret = one(overlay, "Secret", name + "-credentials");
            assertThat(secret.path("type").asText()).isEqualTo("kubernetes.io/basic-auth");
            assertThat(secret.at("/stringData/username").asText()).isEqualTo(role);
            assertThat(secret.at("/stringData/password").isTextual()).isTrue();
            // what pgoutput needs, and the outbox slot kept on the standbys through a failover
            JsonNode parameters = cluster.at("/postgresql/parameters");
            assertThat(parameters.path("wal_level").asText()).isEqualTo("logical");
            assertThat(parameters.path("max_replication_slots").asInt()).isGreaterThanOrEqualTo(cluster.path("instances").asInt() + 2);
            assertThat(parameters.path("max_wal_senders").asInt()).isGreaterThanOrEqualTo(cluster.path("instances").asInt() + 2);
            assertThat(parameters.path("sync_replication_slots").asText()).isEqualTo("on");
            assertThat(parameters.path("hot_standby_feedback").asText()).isEqualTo("on");
            assertThat(cluster.at("/replicationSlots/highAvailability/synchronizeLogicalDecoding").asBoolean()).isTrue();
            if (withConnector.contains(service.name())) {
                // PostgreSQL synchronises only slots created with failover = true
                assertThat(LocalStackFacts.connectors().get(service.name()).at("/config/slot.failover").asText())
                        .as("infra/debezium/%s.json slot.failover", service.name()).isEqualTo("true");
            }
            assertThat(cluster.path("enableSuperuserAccess").asBoolean(true)).isFalse();
            // WAL archived continuously to the object store, a base backup every day through the same plugin
            assertThat(cluster.path("plugins")).as("%s plugins", name).singleElement().satisfies(plugin -> {
                assertThat(plugin.path("name").asText()).isEqualTo("barman-cloud.cloudnative-pg.io");
                assertThat(plugin.path("isWALArchiver").asBoolean()).isTrue();
                assertThat(plugin.at("/parameters/barmanObjectName").asText()).isEqualTo(name(store));
            });
            List<JsonNode> backups = all(overlay, "ScheduledBackup").stream()
                    .filter(b -> b.at("/spec/cluster/name").asText().equals(name)).toList();
            assertThat(backups).as("ScheduledBackup of %s", name).singleElement().satisfies(b -> {
                assertThat(b.at("/spec/method").asText()).isEqualTo("plugin");
                assertThat(b.at("/spec/pluginConfiguration/name").asText()).isEqualTo("barman-cloud.cloudnative-pg.io");
                assertThat(b.at("/spec/schedule").asText().split(" ")).hasSize(6);
            });
        }
        assertThat(all(overlay, "Cluster")).extracting(KubernetesManifestsTest::name).containsExactlyInAnyOrderElementsOf(databases);
        assertThat(all(overlay, "ScheduledBackup")).hasSameSizeAs(databases);
        // the object store's credentials are a Secret with the keys it names
        for (String key : List.of("accessKeyId", "secretAccessKey")) {
            JsonNode ref = store.at("/spec/configuration/s3Credentials/" + key);
            assertThat(one(overlay, "Secret", ref.path("name").asText()).path("stringData").has(ref.path("key").asText()))
                    .as("ObjectStore %s: %s", name(store), key).isTrue();
        }
    }

    // ---- closed ----

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodRunsAsNonRootAndTheServicesOnReadOnlyRootFilesystems(String overlay) {
        for (JsonNode workload : workloads(overlay)) {
            JsonNode pod = workload.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as("%s runAsNonRoot", name(workload)).isTrue();
            for (JsonNode container : pod.path("containers")) {
                assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true))
                        .as("%s allowPrivilegeEscalation", name(workload)).isFalse();
                assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
                // Keycloak's `start` re-augments into /opt/keycloak/lib unless the image is pre-built (k8s/README.md)
                if (!name(workload).equals("keycloak")) {
                    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean())
                            .as("%s readOnlyRootFilesystem", name(workload)).isTrue();
                }
            }
        }
        // the pods Strimzi creates, through its templates
        Map<String, JsonNode> strimzi = Map.of(
                "KafkaNodePool dual-role", one(overlay, "KafkaNodePool", "dual-role").at("/spec/template"),
                "Kafka crm entity operator", one(overlay, "Kafka", "crm").at("/spec/entityOperator/template"),
                "KafkaConnect crm-connect", one(overlay, "KafkaConnect", "crm-connect").at("/spec/template"));
        strimzi.forEach((what, template) -> {
            assertThat(template.at("/pod/securityContext/runAsNonRoot").asBoolean()).as("%s runAsNonRoot", what).isTrue();
            List<JsonNode> containers = new ArrayList<>();
            template.properties().stream().filter(e -> e.getKey().endsWith("Container")).forEach(e -> containers.add(e.getValue()));
            assertThat(containers).as(what).isNotEmpty().allSatisfy(c -> {
                assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as("%s readOnlyRootFilesystem", what).isTrue();
                assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
            });
        });
        // the Postgres pods CloudNativePG creates, through their Cluster
        for (JsonNode cluster : all(overlay, "Cluster")) {
            JsonNode spec = cluster.path("spec");
            assertThat(spec.at("/podSecurityContext/runAsNonRoot").asBoolean()).as("%s runAsNonRoot", name(cluster)).isTrue();
            assertThat(spec.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(spec.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as("%s readOnlyRootFilesystem", name(cluster)).isTrue();
            assertThat(spec.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(spec.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
            assertThat(spec.at("/affinity/enablePodAntiAffinity").asBoolean()).isTrue();
        }
        for (Service service : LocalStackFacts.services()) {
            JsonNode pod = one(overlay, "Deployment", service.name()).at("/spec/template/spec");
            assertThat(pod.at("/containers/0/volumeMounts").findValuesAsText("mountPath")).contains("/tmp");
            assertThat(pod.at("/volumes").findValuesAsText("name")).contains("tmp");
            assertThat(pod.path("topologySpreadConstraints").findValuesAsText("topologyKey"))
                    .containsExactly("kubernetes.io/hostname", "topology.kubernetes.io/zone");
            JsonNode pdb = one(overlay, "PodDisruptionBudget", service.name());
            assertThat(pdb.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo(service.name());
            JsonNode hpa = one(overlay, "HorizontalPodAutoscaler", service.name());
            assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(service.name());
            assertThat(one(overlay, "Deployment", service.name()).at("/spec/replicas").isMissingNode())
                    .as("%s: the HPA owns the replica count", service.name()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void networkPoliciesLetInOnlyWhoMustCall(String overlay) {
        JsonNode deny = one(overlay, "NetworkPolicy", "default-deny-ingress");
        assertThat(deny.at("/spec/podSelector").isEmpty()).isTrue();
        assertThat(deny.at("/spec/ingress").isMissingNode() || deny.at("/spec/ingress").isEmpty()).isTrue();
        String monitoring = "namespace{kubernetes.io/metadata.name=monitoring}";
        String ingress = "namespace{kubernetes.io/metadata.name=ingress-nginx}";
        String connect = "pod{strimzi.io/cluster=crm-connect,strimzi.io/kind=KafkaConnect}";
        String services = "pod{app.kubernetes.io/component=service}";
        String operator = "namespace{kubernetes.io/metadata.name=cnpg-system}pod{app.kubernetes.io/name=cloudnative-pg}";
        Map<String, Set<String>> expected = new TreeMap<>();
        Set<String> withConnector = LocalStackFacts.connectors().keySet();
        for (Service service : LocalStackFacts.services()) {
            Set<String> from = new TreeSet<>(List.of(monitoring + ":" + service.port()));
            if (service.name().equals("gateway")) {
                from.add(ingress + ":" + service.port());
            } else {
                from.add(pod("gateway") + ":" + service.port());
                LocalStackFacts.callers(service.name()).forEach(c -> from.add(pod(c) + ":" + service.port()));
            }
            expected.put(service.name(), from);
            if (service.hasDatabase()) {
                String cluster = "pod{cnpg.io/cluster=" + service.database() + "-db}";
                Set<String> db = new TreeSet<>(List.of(pod(service.name()) + ":5432", cluster + ":5432", cluster + ":8000",
                        operator + ":5432", operator + ":8000", monitoring + ":9187"));
                if (withConnector.contains(service.name())) {
                    db.add(connect + ":5432");
                }
                expected.put(service.database() + "-db", db);
            }
        }
        expected.put("redis", Set.of(services + ":6379"));
        expected.put("keycloak", Set.of(services + ":8080", ingress + ":8080", monitoring + ":9000"));
        Map<String, Set<String>> actual = new TreeMap<>();
        for (JsonNode workload : workloads(overlay)) {
            actual.put(name(workload), allowedFrom(overlay, workload.at("/spec/template/metadata/labels")));
        }
        for (JsonNode cluster : all(overlay, "Cluster")) {
            // the labels CloudNativePG gives every instance pod of the Cluster
            ObjectNode labels = StrictModels.MAPPER.createObjectNode().put("cnpg.io/cluster", name(cluster)).put("cnpg.io/podRole", "instance");
            actual.put(name(cluster), allowedFrom(overlay, labels));
        }
        assertThat(actual).as("who may connect to what (k8s/README.md's map; callers from the services' *_URL variables)")
                .isEqualTo(expected);
        // Kafka's listener: Strimzi makes its NetworkPolicy from these peers
        JsonNode listener = one(overlay, "Kafka", "crm").at("/spec/kafka/listeners/0");
        Set<String> peers = new TreeSet<>();
        listener.path("networkPolicyPeers").forEach(p -> peers.add(peer(p)));
        assertThat(peers).containsExactlyInAnyOrder(services, connect);
        // the one way in from outside is the gateway
        JsonNode ingressObject = one(overlay, "Ingress", "gateway");
        assertThat(ingressObject.findValues("service").stream().map(s -> s.path("name").asText()).distinct())
                .containsExactly("gateway");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noSecretIsCommittedAndNoneSitsInAConfigMap(String overlay) {
        for (JsonNode secret : all(overlay, "Secret")) {
            secret.path("stringData").properties().stream().filter(e -> !e.getKey().equals("username")).forEach(e -> assertThat(e.getValue().asText())
                    .as("Secret %s key %s: placeholders (or empty: feature off) only, real values come from the overlay or a secret manager",
                            name(secret), e.getKey())
                    .isIn("change-me", ""));
            assertThat(secret.path("data").isMissingNode()).as("Secret %s has data", name(secret)).isTrue();
        }
        for (JsonNode configMap : all(overlay, "ConfigMap")) {
            configMap.path("data").properties().forEach(e -> assertThat(e.getKey())
                    .as("ConfigMap %s: a secret belongs in a Secret", name(configMap))
                    .doesNotContainPattern("PASSWORD|SECRET|_KEY$|TOKEN$"));
        }
        assertThat(one(overlay, "Deployment", "redis").at("/spec/template/spec/containers/0/args").toString())
                .contains("--requirepass");
    }

    @Test
    void theOverlaysDifferInReplicasResourcesAndDisruptionBudgets() {
        Map<String, Integer> minReplicas = new HashMap<>();
        for (String overlay : Kustomize.OVERLAYS) {
            Set<Integer> mins = new LinkedHashSet<>();
            all(overlay, "HorizontalPodAutoscaler").forEach(h -> mins.add(h.at("/spec/minReplicas").asInt()));
            assertThat(mins).as(overlay).hasSize(1);
            minReplicas.put(overlay, mins.iterator().next());
        }
        assertThat(minReplicas).containsEntry("dev", 1).containsEntry("staging", 2).containsEntry("prod", 3);
        assertThat(all("prod", "PodDisruptionBudget")).allSatisfy(p -> {
            assertThat(p.at("/spec/minAvailable").asInt()).isEqualTo(2);
            assertThat(p.at("/spec/maxUnavailable").isMissingNode()).isTrue();
        });
        assertThat(all("dev", "PodDisruptionBudget")).allSatisfy(p -> assertThat(p.at("/spec/maxUnavailable").asInt()).isOne());
        assertThat(one("prod", "Deployment", "gateway").at("/spec/template/spec/containers/0/resources/requests/cpu").asText())
                .isNotEqualTo(one("dev", "Deployment", "gateway").at("/spec/template/spec/containers/0/resources/requests/cpu").asText());
        // Postgres: one instance and no PodDisruptionBudget in dev (it would block draining its node), a standby in
        // staging, two on required different nodes in prod
        assertThat(all("dev", "Cluster")).allSatisfy(c -> {
            assertThat(c.at("/spec/instances").asInt()).isOne();
            assertThat(c.at("/spec/enablePDB").asBoolean(true)).isFalse();
        });
        assertThat(all("staging", "Cluster")).allSatisfy(c -> assertThat(c.at("/spec/instances").asInt()).isEqualTo(2));
        assertThat(all("prod", "Cluster")).allSatisfy(c -> {
            assertThat(c.at("/spec/instances").asInt()).isEqualTo(3);
            assertThat(c.at("/spec/enablePDB").asBoolean(true)).isTrue();
            assertThat(c.at("/spec/affinity/podAntiAffinityType").asText()).isEqualTo("required");
        });
    }

    // ---- helpers ----

    private Set<String> allowedFrom(String overlay, JsonNode podLabels) {
        Set<String> from = new TreeSet<>();
        for (JsonNode policy : all(overlay, "NetworkPolicy")) {
            if (!matches(policy.at("/spec/podSelector/matchLabels"), podLabels)) {
                continue;
            }
            assertThat(policy.at("/spec/podSelector/matchExpressions").isMissingNode()).isTrue();
            for (JsonNode rule : policy.at("/spec/ingress")) {
                assertThat(rule.path("from").isEmpty()).as("NetworkPolicy %s has a rule open to every source", name(policy)).isFalse();
                assertThat(rule.path("ports").isEmpty()).as("NetworkPolicy %s has a rule open on every port", name(policy)).isFalse();
                for (JsonNode peer : rule.path("from")) {
                    for (JsonNode port : rule.path("ports")) {
                        from.add(peer(peer) + ":" + port.path("port").asText());
                    }
                }
            }
        }
        return from;
    }

    private static String peer(JsonNode peer) {
        assertThat(peer.has("ipBlock")).as("no ipBlock peers").isFalse();
        StringBuilder s = new StringBuilder();
        if (peer.has("namespaceSelector")) {
            s.append("namespace").append(labels(peer.at("/namespaceSelector/matchLabels")));
        }
        if (peer.has("podSelector")) {
            s.append("pod").append(labels(peer.at("/podSelector/matchLabels")));
        }
        return s.toString();
    }

    private static String labels(JsonNode matchLabels) {
        assertThat(matchLabels.isEmpty()).as("an empty selector matches everything").isFalse();
        Map<String, String> sorted = new TreeMap<>();
        matchLabels.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
        return sorted.toString().replace(", ", ",");
    }

    private static String pod(String name) {
        return "pod{app.kubernetes.io/name=" + name + "}";
    }

    private static boolean matches(JsonNode matchLabels, JsonNode labels) {
        if (matchLabels.isMissingNode()) {
            return true;
        }
        return matchLabels.properties().stream().allMatch(e -> labels.path(e.getKey()).asText().equals(e.getValue().asText()));
    }

    /** The container's variables: envFrom ConfigMaps/Secrets, then env (which wins). */
    private static Map<String, String> env(String overlay, JsonNode container) {
        Map<String, String> env = new TreeMap<>();
        for (JsonNode source : container.path("envFrom")) {
            if (source.has("configMapRef")) {
                one(overlay, "ConfigMap", source.at("/configMapRef/name").asText()).path("data")
                        .properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
            } else {
                one(overlay, "Secret", source.at("/secretRef/name").asText()).path("stringData")
                        .properties().forEach(e -> env.put(e.getKey(), "(secret)"));
            }
        }
        for (JsonNode variable : container.path("env")) {
            env.put(variable.path("name").asText(), variable.has("value") ? variable.path("value").asText() : "(from " + variable.path("valueFrom") + ")");
        }
        return env;
    }

    private static List<JsonNode> workloads(String overlay) {
        return all(overlay, "Deployment");
    }

    static List<JsonNode> all(String overlay, String kind) {
        return Kustomize.overlay(overlay).stream().filter(o -> kind(o, kind)).toList();
    }

    static JsonNode one(String overlay, String kind, String name) {
        List<JsonNode> found = all(overlay, kind).stream().filter(o -> name(o).equals(name)).toList();
        assertThat(found).as("%s %s in k8s/overlays/%s", kind, name, overlay).hasSize(1);
        return found.get(0);
    }

    static boolean kind(JsonNode object, String kind) {
        return object.path("kind").asText().equals(kind);
    }

    static String name(JsonNode object) {
        return object.at("/metadata/name").asText();
    }
}
