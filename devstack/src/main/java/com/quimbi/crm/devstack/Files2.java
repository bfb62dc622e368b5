package com.quimbi.crm.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

final class Files2 {

    private Files2() {
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    /**
     * A copy made of hard links: instant, and costs no disk, for trees nobody writes into
     * (a plain copy where the target is on another file system). Top-level
     * entries named in {@code skip} (directories the copy will write to) are left out.
     */
    static void hardLinkTree(Path source, Path target, Set<String> skip) {
        try (Stream<Path> all = Files.walk(source)) {
            for (Path p : all.toList()) {
                Path relative = source.relativize(p);
                if (relative.getNameCount() > 0 && skip.contains(relative.getName(0).toString())) {
                    continue;
                }
                Path to = target.resolve(relative.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    try {
                        Files.createLink(to, p);
                    } catch (java.nio.file.FileSystemException crossDevice) {
                        Files.copy(p, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + source + " to " + target, e);
        }
    }
}
