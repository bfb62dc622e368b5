package com.quimbi.crm.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrmHomeTest {

    @TempDir
    Path tmp;

    @Test
    void findsTheNearestDirectoryHoldingCrmAndPomFromAModuleDirectory() throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("crm"), "#!/usr/bin/env bash");
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Path module = Files.createDirectories(repo.resolve("platform/platform-test/target"));
        // a module has a pom.xml of its own but no crm script
        Files.writeString(repo.resolve("platform/platform-test/pom.xml"), "<project/>");

        assertThat(CrmHome.findRepoRoot(module)).isEqualTo(repo);
        assertThat(CrmHome.findRepoRoot(repo)).isEqualTo(repo);
    }

    @Test
    void findsNothingOutsideARepository() throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("a/b"));
        Files.writeString(tmp.resolve("a/pom.xml"), "<project/>");

        assertThat(CrmHome.findRepoRoot(elsewhere)).isNull();
    }

    @Test
    void thisBuildRunsInsideTheRepository() {
        assertThat(CrmHome.repoRoot().resolve("devstack/pom.xml")).exists();
    }
}
