package com.quimbi.crm.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/** A single-node KRaft Kafka broker (broker + controller) in its own JVM. Data in {@code dir/data} is reused. */
public final class KafkaBroker implements AutoCloseable {

    public static final int DEFAULT_PARTITIONS = 3;

    private final ChildProcess process;
    private final int port;

    private KafkaBroker(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static KafkaBroker start(Path dir, int port, int controllerPort) {
        return start(dir, port, controllerPort, dir.resolve("kafka.log"), null);
    }

    static KafkaBroker start(Path dir, int port, int controllerPort, Path logFile, PidRegistry pids) {
        int brokerPort = Ports.requireFree(Ports.orFree(port), "kafka");
        int quorumPort = Ports.requireFree(Ports.orFree(controllerPort), "kafka controller");
        Path libs = CrmHome.requireDir(CrmHome.devstackTarget().resolve("kafka-libs"), "Kafka jars (devstack/target/kafka-libs)");
        Path data = dir.resolve("data");
        Path config = dir.resolve("server.properties");
        Path log4j = writeLog4jConfig(dir);
        Properties server = new Properties();
        server.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + quorumPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + quorumPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"),
                Map.entry("log.dirs", data.toAbsolutePath().toString()),
                Map.entry("num.partitions", String.valueOf(DEFAULT_PARTITIONS)),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        try {
            Files.createDirectories(dir);
            try (var out = Files.newOutputStream(config)) {
                server.store(out, "written by devstack on every start");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String classpath = ChildProcess.classpathOf(libs);
        String log4jOption = "-Dlog4j2.configurationFile=" + log4j.toAbsolutePath();

        if (!Files.exists(data.resolve("meta.properties"))) {
            List<String> format = List.of(ChildProcess.javaExecutable(), "-XX:TieredStopAtLevel=1", log4jOption, "-cp", classpath,
                    "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toAbsolutePath().toString());
            ChildProcess.start("kafka-format", format, Map.of(), dir, logFile, pids).awaitExit(Duration.ofSeconds(90));
        }

        List<String> command = List.of(ChildProcess.javaExecutable(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", log4jOption, "-cp", classpath,
                "kafka.Kafka", config.toAbsolutePath().toString());
        ChildProcess process = ChildProcess.start("kafka", command, Map.of(), dir, logFile, pids);
        KafkaBroker broker = new KafkaBroker(process, brokerPort);
        try {
            process.awaitReady("ready on port " + brokerPort, Duration.ofSeconds(120),
                    () -> Ports.isListening("127.0.0.1", brokerPort) && broker.answersMetadata());
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return broker;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** The broker's process (drills stop it; the supervisor starts it again). */
    public long pid() {
        return process.pid();
    }

    /** Idempotent: existing topics are left as they are. */
    public void createTopics(Collection<String> topics) {
        createTopics(topics, DEFAULT_PARTITIONS);
    }

    public void createTopics(Collection<String> topics, int partitions) {
        try (Admin admin = admin()) {
            var result = admin.createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList());
            for (var future : result.values().entrySet()) {
                try {
                    future.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + future.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("topic creation timed out on " + bootstrapServers(), e);
        }
    }

    private boolean answersMetadata() {
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    /** Kafka and Connect share one log4j2 configuration: console (= the log file), INFO. */
    static Path writeLog4jConfig(Path dir) {
        Path target = dir.resolve("log4j2.properties");
        try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-log4j2.properties")) {
            Files.createDirectories(dir);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
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
        return "kafka on " + bootstrapServers();
    }
}
