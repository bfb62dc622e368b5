package com.quimbi.crm.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One file per child process ({@code <dir>/<name>.pid}: pid and start time), so that the children of a
 * supervisor that died can still be found and stopped. The start time guards against a recycled pid.
 */
final class PidRegistry {

    record Entry(String name, long pid, long startMillis, Path file) {

        /** The live process this entry describes, if it is still running (and the pid was not recycled). */
        Optional<ProcessHandle> process() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    // a zombie waiting to be reaped has no command any more
                    .filter(p -> p.info().command().isPresent())
                    .filter(p -> startMillis == 0 || p.info().startInstant().map(Instant::toEpochMilli).orElse(0L) == startMillis);
        }
    }

    private final Path dir;

    PidRegistry(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    void register(String name, ProcessHandle process) {
        long start = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".pid"), process.pid() + " " + start + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void unregister(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name + ".pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Entry> entries() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pid")).sorted().toList()) {
                String[] parts = Files.readString(file).trim().split("\\s+");
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                try {
                    entries.add(new Entry(name, Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : 0, file));
                } catch (NumberFormatException e) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    Optional<ProcessHandle> process(String name) {
        return entries().stream().filter(e -> e.name().equals(name)).findFirst().flatMap(Entry::process);
    }

    /**
     * Stops every registered process that still runs (with its descendants), newest registration first:
     * services before the Postgres they hold connections to. Returns the names stopped.
     */
    List<String> stopAll() {
        List<String> stopped = new ArrayList<>();
        List<Entry> newestFirst = new ArrayList<>(entries());
        newestFirst.sort(java.util.Comparator.comparing((Entry e) -> lastModified(e.file())).reversed());
        for (Entry entry : newestFirst) {
            entry.process().ifPresent(process -> {
                stopTree(process, Duration.ofSeconds(20));
                stopped.add(entry.name() + " (pid " + entry.pid() + ")");
            });
            try {
                Files.deleteIfExists(entry.file());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stopped;
    }

    private static java.nio.file.attribute.FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    /** SIGTERM, wait, then SIGKILL for whatever of the tree is left. */
    static void stopTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.addFirst(root);
        root.destroy();
        try {
            root.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception timeoutOrInterrupt) {
            // fall through to the forcible stop
        }
        for (ProcessHandle process : tree.reversed()) {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        for (ProcessHandle process : tree) {
            process.onExit().join();
        }
    }
}
