package com.quimbi.crm.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import tools.jackson.databind.JsonNode;

/**
 * A Kafka Connect standalone worker in its own JVM with the Debezium Postgres connector on its plugin
 * path. Connector files use the REST format ({@code {"name": ..., "config": {...}}}); their
 * {@code ${env:VAR}} placeholders resolve against {@code env}, which is the worker's environment.
 */
public final class KafkaConnect implements AutoCloseable {

    static final String OFFSETS_FILE = "connect.offsets";

    private final ChildProcess process;
    private final int restPort;

    private KafkaConnect(ChildProcess process, int restPort) {
        this.process = process;
        this.restPort = restPort;
    }

    public static KafkaConnect start(Path dir, int restPort, String bootstrapServers, Map<String, String> env, List<Path> connectorConfigFiles) {
        return start(dir, restPort, bootstrapServers, env, connectorConfigFiles, dir.resolve("kafka-connect.log"), null);
    }

    static KafkaConnect start(Path dir, int restPort, String bootstrapServers, Map<String, String> env, List<Path> connectorConfigFiles,
                              Path logFile, PidRegistry pids) {
        int port = Ports.requireFree(Ports.orFree(restPort), "kafka connect");
        Path libs = CrmHome.requireDir(CrmHome.devstackTarget().resolve("kafka-libs"), "Kafka jars (devstack/target/kafka-libs)");
        Path plugins = CrmHome.requireDir(CrmHome.devstackTarget().resolve("debezium-plugins"), "Debezium plugins (devstack/target/debezium-plugins)");
        Path workerConfig = dir.resolve("worker.properties");
        Properties worker = new Properties();
        worker.putAll(Map.ofEntries(
                Map.entry("bootstrap.servers", bootstrapServers),
                // the outbox router emits the payload column as the value: JSON text stays JSON text
                Map.entry("key.converter", "org.apache.kafka.connect.storage.StringConverter"),
                Map.entry("value.converter", "org.apache.kafka.connect.storage.StringConverter"),
                Map.entry("offset.storage.file.filename", dir.resolve(OFFSETS_FILE).toAbsolutePath().toString()),
                // the default 60 s means a minute of events replayed after a crash
                Map.entry("offset.flush.interval.ms", "1000"),
                Map.entry("plugin.path", plugins.toAbsolutePath().toString()),
                Map.entry("plugin.discovery", "service_load"),
                Map.entry("listeners", "http://127.0.0.1:" + port),
                Map.entry("producer.acks", "all"),
                Map.entry("config.providers", "env"),
                Map.entry("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider")));
        try {
            Files.createDirectories(dir);
            try (var out = Files.newOutputStream(workerConfig)) {
                worker.store(out, "written by devstack on every start");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log4j = KafkaBroker.writeLog4jConfig(dir);
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + log4j.toAbsolutePath(), "-cp", ChildProcess.classpathOf(libs),
                "org.apache.kafka.connect.cli.ConnectStandalone", workerConfig.toAbsolutePath().toString()));
        connectorConfigFiles.forEach(f -> command.add(f.toAbsolutePath().toString()));
        ChildProcess process = ChildProcess.start("kafka-connect", command, env, dir, logFile, pids);
        KafkaConnect connect = new KafkaConnect(process, port);
        try {
            List<String> names = connectorConfigFiles.stream().map(KafkaConnect::connectorName).toList();
            process.awaitReady("its REST API up on port " + port, Duration.ofSeconds(120), () -> {
                Http.Response response = Http.get(connect.restUrl() + "/connectors");
                return response.status() == 200 && names.stream().allMatch(n -> response.body().contains('"' + n + '"'));
            });
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return connect;
    }

    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    public int port() {
        return restPort;
    }

    /**
     * Creates or updates a connector from a connector file at run time. A Debezium connector whose
     * filtered publication names {@code public.outbox} needs that table, so the local stack adds a
     * service's connector after the service's migrations ran. Returns the connector name.
     */
    public String addConnector(Path connectorConfigFile) {
        JsonNode file = readConnectorFile(connectorConfigFile);
        String name = file.path("name").asString();
        Http.Response response = Http.putJson(restUrl() + "/connectors/" + name + "/config", file.path("config").toString());
        // PUT of a config is idempotent: on a busy machine Connect may answer after the 10 s timeout, so ask again
        for (int attempt = 1; response.status() == -1 && attempt < 3; attempt++) {
            response = Http.putJson(restUrl() + "/connectors/" + name + "/config", file.path("config").toString());
        }
        if (response.status() != 200 && response.status() != 201) {
            throw new IllegalStateException("Connect refused connector " + name + " from " + connectorConfigFile + ": "
                    + response.status() + " " + response.body());
        }
        return name;
    }

    /** Waits until the connector and all its tasks run; fails at once, with the trace, when one failed. */
    public void awaitConnectorRunning(String name, Duration timeout) {
        process.awaitReady("connector " + name + " running", timeout, () -> {
            Http.Response response = Http.get(restUrl() + "/connectors/" + name + "/status");
            if (response.status() != 200) {
                return false;
            }
            JsonNode status = response.json();
            List<JsonNode> states = new ArrayList<>();
            states.add(status.path("connector"));
            status.path("tasks").forEach(states::add);
            for (JsonNode state : states) {
                if ("FAILED".equals(state.path("state").asString())) {
                    throw new IllegalStateException("connector " + name + " failed: " + state.path("trace").asString("")
                            + "\n(log: " + process.logFile() + ")");
                }
            }
            return status.path("tasks").size() > 0 && states.stream().allMatch(s -> "RUNNING".equals(s.path("state").asString()));
        });
    }

    static String connectorName(Path connectorConfigFile) {
        String name = readConnectorFile(connectorConfigFile).path("name").asString("");
        if (name.isEmpty()) {
            throw new IllegalArgumentException(connectorConfigFile + " has no \"name\"");
        }
        return name;
    }

    private static JsonNode readConnectorFile(Path file) {
        try {
            return Http.JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read connector file " + file, e);
        }
    }

    /** Its process (drills stop it; the supervisor starts it again). */
    public long pid() {
        return process.pid();
    }

    /** False once its process ended (a crash, a kill): the supervisor then starts it again. */
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "kafka-connect on " + restUrl();
    }
}
