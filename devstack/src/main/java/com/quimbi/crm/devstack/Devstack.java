package com.quimbi.crm.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The command line behind ./crm: {@code run} is the supervisor that holds the local stack until SIGTERM,
 * {@code status} and {@code down} work from the files it leaves in the base directory.
 */
public final class Devstack {

    private static final String SUPERVISOR = "devstack";

    private Devstack() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        // status and down must work whatever CRM_SERVICES says now
        Path baseDir = CrmHome.repoRoot().resolve(".crm");
        int exit = switch (command) {
            case "run" -> run(LocalStackSettings.defaults());
            case "status" -> status(baseDir);
            case "down" -> down(baseDir);
            case "dlt" -> DeadLetters.main(kafkaBootstrap(baseDir), List.of(args).subList(1, args.length));
            case "kill", "restart" -> drill(baseDir, command, args.length > 1 ? args[1] : null);
            case "backup" -> LocalBackups.backup(baseDir, List.of(args).subList(1, args.length));
            case "restore" -> LocalBackups.restore(baseDir, List.of(args).subList(1, args.length));
            default -> {
                System.err.println("usage: Devstack run|status|down|dlt|kill <service>|restart <service>|backup ...|restore <point>");
                yield 2;
            }
        };
        System.exit(exit);
    }

    /** CRM_KAFKA_BOOTSTRAP when set (any deployment), else the running local stack's broker. */
    static String kafkaBootstrap(Path base) throws IOException {
        String configured = System.getenv("CRM_KAFKA_BOOTSTRAP");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path endpointsFile = endpointsFile(base);
        if (!Files.exists(endpointsFile)) {
            throw new IllegalStateException("the local stack is not running (./crm up), and CRM_KAFKA_BOOTSTRAP is not set");
        }
        Properties endpoints = new Properties();
        try (var in = Files.newInputStream(endpointsFile)) {
            endpoints.load(in);
        }
        return endpoints.getProperty(LocalStackSettings.KAFKA);
    }

    /** Files the supervisor leaves: the crm script waits for READY, status reads ENDPOINTS. */
    static Path readyFile(Path baseDir) {
        return baseDir.resolve("ready");
    }

    static Path endpointsFile(Path baseDir) {
        return baseDir.resolve("endpoints.properties");
    }

    private static int run(LocalStackSettings settings) throws InterruptedException {
        Path base = settings.baseDir();
        PidRegistry supervisor = new PidRegistry(base);
        if (supervisor.process(SUPERVISOR).filter(p -> p.pid() != ProcessHandle.current().pid()).isPresent()) {
            System.err.println("the local stack is already running (" + base.resolve(SUPERVISOR + ".pid") + ")");
            return 1;
        }
        deleteQuietly(readyFile(base));
        supervisor.register(SUPERVISOR, ProcessHandle.current());
        // registered first, so the Reaper runs it last: after every child has stopped
        Reaper.register(new AutoCloseable() {
            @Override
            public void close() {
                deleteQuietly(readyFile(base));
                deleteQuietly(endpointsFile(base));
                supervisor.unregister(SUPERVISOR);
                System.out.println("devstack: stopped");
            }

            @Override
            public String toString() {
                return "supervisor files";
            }
        });

        long begin = System.nanoTime();
        LocalStack stack;
        try {
            stack = LocalStack.start(settings);
        } catch (RuntimeException e) {
            System.out.println("devstack: the local stack did not start: " + e.getMessage());
            // devstack's own failures explain themselves (with the log tail of the child that failed)
            if (!(e instanceof IllegalStateException)) {
                e.printStackTrace(System.out);
            }
            return 1;
        }
        Properties endpoints = new Properties();
        endpoints.putAll(stack.endpoints());
        try {
            try (var out = Files.newOutputStream(endpointsFile(base))) {
                endpoints.store(out, "written by the devstack supervisor");
            }
            String summary = summary(stack, Duration.ofNanos(System.nanoTime() - begin), base);
            System.out.println(summary);
            Files.writeString(readyFile(base), summary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a service that dies is started again (CRM_SUPERVISE=false: it stays down, as before)
        if (!"false".equalsIgnoreCase(System.getenv("CRM_SUPERVISE"))) {
            ServiceSupervisor supervision = new ServiceSupervisor(stack, System.out::println).start();
            // registered after the stack, so the Reaper stops it before the services it watches
            Reaper.register(supervision);
        }
        // SIGTERM (./crm down) runs the shutdown hooks, which stop the stack
        new CountDownLatch(1).await();
        return 0;
    }

    static String summary(LocalStack stack, Duration took, Path baseDir) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nSupport CRM local stack is up (%.1f s)%n%n", took.toMillis() / 1000.0));
        stack.endpoints().forEach((name, url) -> out.append(String.format("  %-20s %s%n", name, url)));
        if (stack.consoleUrl() != null) {
            out.append(String.format("%nAgent console:          %s  (log in with a demo user below)", stack.consoleUrl()));
        }
        out.append(String.format("%nKeycloak admin console: %s/admin  (admin / admin-dev-pass)%n", stack.keycloak().baseUrl()));
        out.append("Demo logins (realm crm): alex.agent / alex-demo-pass (agent), sara.supervisor / sara-demo-pass (supervisor),\n");
        out.append("                         adam.admin / adam-demo-pass (admin)\n");
        if (stack.mail() != null) {
            out.append(String.format("Local mailbox (GreenMail): send to %s over SMTP %s:%d (no auth); IMAP %s:%d as %s / %s%n",
                    MailServer.SUPPORT_ADDRESS, stack.mail().host(), stack.mail().smtpPort(), stack.mail().host(),
                    stack.mail().imapPort(), MailServer.SUPPORT_LOGIN, MailServer.SUPPORT_PASSWORD));
        }
        out.append(String.format("Logs: %s/<component>.log  (./crm logs <component>)    Stop: ./crm down%n", baseDir.resolve("logs")));
        return out.toString();
    }

    /** The servers the supervisor restarts like the services (./crm kill|restart accept them too). */
    static final List<String> SERVERS = List.of(LocalStackSettings.POSTGRES, LocalStackSettings.REDIS,
            LocalStackSettings.KAFKA, LocalStackSettings.KAFKA_CONNECT, LocalStackSettings.KEYCLOAK);

    /**
     * Drills for the supervisor: {@code kill} ends a service or server with SIGKILL (a crash), {@code restart} stops it
     * gracefully (SIGTERM; Postgres SIGINT, its fast shutdown: SIGTERM would wait for every client to disconnect);
     * either way the supervisor starts it again, and this waits until it has (up to 6 minutes).
     */
    private static int drill(Path base, String command, String name) throws InterruptedException, IOException {
        List<String> names = new java.util.ArrayList<>(Services.ALL.stream().map(Services.Service::name).toList());
        names.addAll(SERVERS);
        if (name == null || !names.contains(name)) {
            System.err.println("usage: ./crm " + command + " <name>   (one of " + String.join(", ", names) + ")");
            return 2;
        }
        if (new PidRegistry(base).process(SUPERVISOR).isEmpty()) {
            System.err.println("the local stack is not running (./crm up)");
            return 1;
        }
        PidRegistry registry = new PidRegistry(base.resolve("pids"));
        Optional<ProcessHandle> process = registry.process(name);
        if (process.isEmpty()) {
            System.err.println(name + " is not running in this stack");
            return 1;
        }
        long old = process.get().pid();
        // Connect is back when every connector it ran before runs again (the supervisor adds them after the worker)
        int connectorsBefore = name.equals(LocalStackSettings.KAFKA_CONNECT) ? runningConnectors(base) : 0;
        String signal = command.equals("kill") ? "KILL" : name.equals(LocalStackSettings.POSTGRES) ? "INT" : "TERM";
        boolean sent = switch (signal) {
            // the whole tree, as a crashed container would go: Keycloak's kc.sh runs its JVM as a child, which would
            // live on (holding the port) if only the script died
            case "KILL" -> {
                process.get().descendants().forEach(ProcessHandle::destroyForcibly);
                yield process.get().destroyForcibly();
            }
            case "TERM" -> process.get().destroy();
            default -> new ProcessBuilder("kill", "-" + signal, String.valueOf(old)).inheritIO().start().waitFor() == 0;
        };
        System.out.printf("%s: SIG%s sent to %s (pid %d); the supervisor restarts it%n", command, signal, name, old);
        if (!sent) {
            return 1;
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        long begin = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> now = registry.process(name);
            if (now.isPresent() && now.get().pid() != old && serviceReady(base, name, connectorsBefore)) {
                System.out.printf("%s is back (pid %d) after %.1f s%n", name, now.get().pid(),
                        (System.nanoTime() - begin) / 1e9);
                return 0;
            }
            Thread.sleep(500);
        }
        System.err.println(name + " did not come back within 6 minutes: ./crm logs devstack, ./crm logs " + name);
        return 1;
    }

    /** Ready again: a service's readiness, a server's own check (Connect: with its connectors back). */
    private static boolean serviceReady(Path base, String name, int connectors) {
        String url = endpoint(base, name);
        if (url == null) {
            return false;
        }
        return switch (name) {
            case LocalStackSettings.POSTGRES, LocalStackSettings.REDIS, LocalStackSettings.KAFKA -> {
                java.util.regex.Matcher port = java.util.regex.Pattern.compile(":(\\d+)").matcher(url);
                yield port.find() && Ports.isListening("127.0.0.1", Integer.parseInt(port.group(1)));
            }
            case LocalStackSettings.KAFKA_CONNECT -> runningConnectors(base) >= connectors;
            case LocalStackSettings.KEYCLOAK -> Http.status(url + "/realms/" + KeycloakServer.REALM) == 200;
            default -> Http.status(url + "/actuator/health/readiness") == 200;
        };
    }

    /** Connectors whose connector and tasks all run (0 when Connect does not answer). */
    private static int runningConnectors(Path base) {
        String url = endpoint(base, LocalStackSettings.KAFKA_CONNECT);
        Http.Response response = url == null ? new Http.Response(-1, "") : Http.get(url + "/connectors?expand=status");
        if (response.status() != 200) {
            return 0;
        }
        int running = 0;
        for (var connector : response.json()) {
            var status = connector.path("status");
            boolean tasksRun = status.path("tasks").size() > 0;
            for (var task : status.path("tasks")) {
                tasksRun &= "RUNNING".equals(task.path("state").asString());
            }
            if (tasksRun && "RUNNING".equals(status.path("connector").path("state").asString())) {
                running++;
            }
        }
        return running;
    }

    private static String endpoint(Path base, String name) {
        Properties endpoints = new Properties();
        try (var in = Files.newInputStream(endpointsFile(base))) {
            endpoints.load(in);
        } catch (IOException e) {
            return null;
        }
        return endpoints.getProperty(name);
    }

    private static int status(Path base) {
        PidRegistry registry = new PidRegistry(base.resolve("pids"));
        Optional<ProcessHandle> supervisor = new PidRegistry(base).process(SUPERVISOR);
        Map<String, String> urls = new LinkedHashMap<>();
        Path endpointsFile = endpointsFile(base);
        if (Files.exists(endpointsFile)) {
            Properties endpoints = new Properties();
            try (var in = Files.newInputStream(endpointsFile)) {
                endpoints.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            endpoints.forEach((k, v) -> urls.put((String) k, (String) v));
        }
        String state = supervisor.isEmpty() ? "stopped" : Files.exists(readyFile(base)) ? "ready" : "starting";
        System.out.printf("local stack: %s%n%n", state);
        System.out.printf("  %-20s %-5s %-8s %s%n", "component", "state", "pid", "url");
        System.out.printf("  %-20s %-5s %-8s %s%n", "supervisor", supervisor.isPresent() ? "up" : "down",
                supervisor.map(p -> String.valueOf(p.pid())).orElse("-"), "log " + base.resolve("logs/devstack.log"));
        Map<String, PidRegistry.Entry> entries = new LinkedHashMap<>();
        registry.entries().forEach(e -> entries.put(e.name(), e));
        List<String> names = new java.util.ArrayList<>(List.of(LocalStackSettings.POSTGRES, LocalStackSettings.REDIS, LocalStackSettings.KAFKA,
                LocalStackSettings.KAFKA_CONNECT, LocalStackSettings.KEYCLOAK, "mail"));
        Services.ALL.forEach(s -> names.add(s.name()));
        for (String name : names) {
            Optional<ProcessHandle> process = Optional.ofNullable(entries.get(name)).flatMap(PidRegistry.Entry::process);
            String url = urls.getOrDefault(name, "");
            // an external Postgres/Redis has an URL but no process of ours
            String up = process.isPresent() ? "up" : (!url.isEmpty() && supervisor.isPresent() ? "ext" : "down");
            String pid = process.map(p -> String.valueOf(p.pid())).orElse("-");
            if (name.equals("mail") && supervisor.isPresent() && !url.isEmpty()) {
                // GreenMail runs inside the supervisor JVM (its log is the supervisor's)
                up = "up";
                pid = String.valueOf(supervisor.get().pid());
            }
            System.out.printf("  %-20s %-5s %-8s %s%n", name, up, pid, url);
        }
        return 0;
    }

    private static int down(Path base) throws Exception {
        Optional<ProcessHandle> supervisor = new PidRegistry(base).process(SUPERVISOR);
        if (supervisor.isPresent()) {
            System.out.println("stopping the supervisor (pid " + supervisor.get().pid() + ") and its children...");
            supervisor.get().destroy();
            try {
                supervisor.get().onExit().get(120, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                System.out.println("the supervisor did not stop within 120 s: killing it");
                supervisor.get().destroyForcibly();
            }
        }
        List<String> leftovers = new PidRegistry(base.resolve("pids")).stopAll();
        if (!leftovers.isEmpty()) {
            System.out.println("stopped leftovers: " + String.join(", ", leftovers));
        }
        deleteQuietly(readyFile(base));
        deleteQuietly(base.resolve(SUPERVISOR + ".pid"));
        System.out.println(supervisor.isPresent() || !leftovers.isEmpty() ? "local stack stopped (data kept in " + base.resolve("data") + ")"
                : "local stack was not running");
        return 0;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale marker is harmless: the supervisor's pid decides what runs
        }
    }
}
