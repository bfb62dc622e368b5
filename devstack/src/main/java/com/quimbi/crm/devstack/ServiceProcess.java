package com.quimbi.crm.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A Spring Boot service in its own JVM ({@code java -jar}), ready when its readiness probe says so. */
public final class ServiceProcess implements AutoCloseable {

    /** Small heaps and C1 only: many JVMs share two cores locally; benchmarks pass their own options. */
    public static final List<String> DEFAULT_JVM_ARGS = List.of("-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final String name;
    private final ChildProcess process;
    private final int port;

    private ServiceProcess(String name, ChildProcess process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    public static ServiceProcess start(String name, Path bootJar, int port, Map<String, String> env, Path logFile, Duration readyTimeout) {
        return start(name, bootJar, port, env, logFile, readyTimeout, DEFAULT_JVM_ARGS);
    }

    public static ServiceProcess start(String name, Path bootJar, int port, Map<String, String> env, Path logFile, Duration readyTimeout,
                                       List<String> jvmArgs) {
        return start(name, bootJar, port, env, logFile, readyTimeout, jvmArgs, null);
    }

    static ServiceProcess start(String name, Path bootJar, int port, Map<String, String> env, Path logFile, Duration readyTimeout,
                                List<String> jvmArgs, PidRegistry pids) {
        if (!Files.isRegularFile(bootJar)) {
            throw new IllegalStateException(name + ": boot jar " + bootJar + " not found; build it first (./mvnw -B -ntp -DskipTests install)");
        }
        int actualPort = Ports.requireFree(Ports.orFree(port), name);
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", bootJar.toAbsolutePath().toString()));
        Map<String, String> fullEnv = new HashMap<>(env);
        fullEnv.put("SERVER_PORT", String.valueOf(actualPort));
        ChildProcess process = ChildProcess.start(name, command, fullEnv, logFile.toAbsolutePath().getParent(), logFile, pids);
        ServiceProcess service = new ServiceProcess(name, process, actualPort);
        try {
            process.awaitReady("ready on port " + actualPort, readyTimeout, service::isReady);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return service;
    }

    private boolean isReady() {
        int readiness = Http.status(baseUrl() + "/actuator/health/readiness");
        // a service without health groups has only the overall health endpoint
        return readiness == 200 || (readiness == 404 && Http.status(baseUrl() + "/actuator/health") == 200);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** False once the JVM has exited (crashed, killed): the supervisor starts it again. */
    public boolean isAlive() {
        return process.isAlive();
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return process.logFile();
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return name + " on " + baseUrl();
    }
}
