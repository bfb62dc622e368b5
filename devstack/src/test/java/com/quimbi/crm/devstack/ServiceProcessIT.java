package com.quimbi.crm.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServiceProcessIT {

    private static final Path DIR = Path.of("target", "it", "service-process").toAbsolutePath();
    private static Path jar;

    @BeforeAll
    static void buildFakeServiceJar() throws IOException {
        jar = fakeServiceJar(DIR);
    }

    /** A jar whose main class is {@link FakeService}, in a fresh directory. */
    static Path fakeServiceJar(Path dir) throws IOException {
        Files2.deleteRecursively(dir);
        Files.createDirectories(dir);
        Path jar = dir.resolve("fake-service.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(FakeService.class.getResourceAsStream("/" + entry).readAllBytes());
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void startsTheJarOnItsPortWithItsEnvironmentAndStopsIt() {
        ServiceProcess service = ServiceProcess.start("fake", jar, 0, Map.of("CRM_GREETING", "hello"), DIR.resolve("fake.log"), Duration.ofSeconds(30));
        ProcessHandle process = ProcessHandle.of(service.pid()).orElseThrow();
        try {
            assertThat(Http.get(service.baseUrl() + "/env/CRM_GREETING").body()).isEqualTo("hello");
            assertThat(Http.get(service.baseUrl() + "/env/SERVER_PORT").body()).isEqualTo(String.valueOf(service.port()));
        } finally {
            service.close();
        }
        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void aServiceThatExitsFailsTheStartWithTheEndOfItsLog() {
        assertThatThrownBy(() -> ServiceProcess.start("failing", jar, 0, Map.of("FAKE_FAIL", "1"), DIR.resolve("failing.log"), Duration.ofSeconds(30)))
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("fake service: refusing to start")
                .hasMessageContaining(DIR.resolve("failing.log").toString());
    }

    @Test
    void aBusyPortIsReportedBeforeAnythingStarts() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            assertThatThrownBy(() -> ServiceProcess.start("clash", jar, socket.getLocalPort(), Map.of(), DIR.resolve("clash.log"), Duration.ofSeconds(30)))
                    .hasMessageContaining("port " + socket.getLocalPort() + " for clash is already in use");
        }
    }
}
