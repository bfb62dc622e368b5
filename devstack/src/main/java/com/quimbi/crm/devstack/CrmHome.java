package com.quimbi.crm.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where the repository is, and what devstack's build put next to it. */
public final class CrmHome {

    private static final Properties BUILD = loadBuildProperties();

    private CrmHome() {
    }

    /**
     * The repository root: {@code CRM_HOME} (system property {@code crm.home} or environment), else the
     * nearest directory at or above the working directory that holds both {@code crm} and {@code pom.xml}.
     * Test JVMs run with a module directory as working directory, so walking up is the normal case.
     */
    public static Path repoRoot() {
        String override = System.getProperty("crm.home", System.getenv("CRM_HOME"));
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        Path cwd = Path.of(System.getProperty("user.dir"));
        Path root = findRepoRoot(cwd);
        if (root == null) {
            throw new IllegalStateException("cannot find the Support CRM repository (a directory holding 'crm' and 'pom.xml') at or above "
                    + cwd + "; set CRM_HOME or -Dcrm.home");
        }
        return root;
    }

    static Path findRepoRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("crm")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        return null;
    }

    /** devstack/target: the child-process classpaths (kafka-libs, debezium-plugins) live here. */
    static Path devstackTarget() {
        return repoRoot().resolve("devstack").resolve("target");
    }

    static Path requireDir(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(what + " not found at " + dir
                    + ": build devstack first (./mvnw -B -ntp -pl devstack install, or ./crm up)");
        }
        return dir;
    }

    static String build(String key) {
        String value = BUILD.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("devstack-build.properties has no " + key);
        }
        return value;
    }

    private static Properties loadBuildProperties() {
        Properties properties = new Properties();
        try (InputStream in = CrmHome.class.getResourceAsStream("devstack-build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
