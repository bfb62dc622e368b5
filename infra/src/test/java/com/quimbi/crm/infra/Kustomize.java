package com.quimbi.crm.infra;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code kubectl kustomize <dir>}, with no extra flags, as an operator runs it. kubectl is found as
 * {@code $KUBECTL} or on the PATH; without it the tests fail saying how to get it.
 */
final class Kustomize {

    static final List<String> OVERLAYS = List.of("dev", "staging", "prod");
    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The objects of k8s/overlays/{overlay}, rendered once per JVM. */
    static List<JsonNode> overlay(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> render(LocalStackFacts.ROOT.resolve("k8s/overlays").resolve(o)));
    }

    static List<JsonNode> render(Path dir) {
        String kubectl = kubectl();
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString())
                    .redirectError(err.toFile()).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " took longer than 120 s");
            }
            String stderr = Files.readString(err);
            Files.delete(err);
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + "; the overlays need "
                        + "kubectl >= 1.27, kustomize v5: `" + kubectl + " version --client`):\n" + stderr);
            }
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(64 * 1024 * 1024);
            List<JsonNode> objects = new ArrayList<>();
            for (Object doc : new Yaml(options).loadAll(new String(out, StandardCharsets.UTF_8))) {
                if (doc != null) {
                    objects.add(StrictModels.MAPPER.valueToTree(doc));
                }
            }
            return objects;
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + kubectl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String kubectl() {
        String configured = System.getenv("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Path.of(dir, "kubectl").toString();
            }
        }
        throw new AssertionError("kubectl is not installed: the k8s manifests are rendered with `kubectl kustomize`. "
                + "Install kubectl >= 1.27 (kustomize v5; Debian bookworm's kubernetes-client is too old): "
                + "https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/ (GitHub's ubuntu runners have it), "
                + "or set KUBECTL to its path.");
    }
}
