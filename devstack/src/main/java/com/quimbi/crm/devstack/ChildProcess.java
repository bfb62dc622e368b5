package com.quimbi.crm.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** A server running as a child process, its output appended to one log file. */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path logFile;
    private final PidRegistry pids;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private ChildProcess(String name, Process process, Path logFile, PidRegistry pids) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pids = pids;
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path logFile, PidRegistry pids) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.createDirectories(workDir);
            Files.writeString(logFile, "=== " + Instant.now() + " starting " + name + ": " + String.join(" ", command) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(env);
            ChildProcess child = new ChildProcess(name, builder.start(), logFile, pids);
            if (pids != null) {
                pids.register(name, child.process.toHandle());
            }
            Reaper.register(child);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (log: " + logFile + ")", e);
        }
    }

    /** The java launcher of the JVM running devstack: child JVMs use the same JDK. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** java -cp dir/* style classpath of every jar in a directory. */
    static String classpathOf(Path dir) {
        return dir.toAbsolutePath() + "/*";
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Polls {@code ready} until it holds. Fails early, with the end of the log, when the process exits or
     * the timeout passes.
     */
    void awaitReady(String what, Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before " + what
                        + "\n" + logTail(40) + "\n(full log: " + logFile + ")");
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not get " + what + " within " + timeout.toSeconds() + " s"
                        + "\n" + logTail(40) + "\n(full log: " + logFile + ")");
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /** Waits for a short-lived command (a format or build step) and fails with its log when it fails. */
    void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                close();
                throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s (log: " + logFile + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
        closed.set(true);
        Reaper.unregister(this);
        if (pids != null) {
            pids.unregister(name);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(name + " failed with exit code " + process.exitValue() + "\n" + logTail(40) + "\n(full log: " + logFile + ")");
        }
    }

    String logTail(int lines) {
        Deque<String> tail = new ArrayDeque<>();
        try (Stream<String> all = Files.lines(logFile, StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                tail.addLast(line);
                if (tail.size() > lines) {
                    tail.removeFirst();
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
        return String.join("\n", tail);
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        PidRegistry.stopTree(process.toHandle(), Duration.ofSeconds(30));
        if (pids != null) {
            pids.unregister(name);
        }
        Reaper.unregister(this);
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
