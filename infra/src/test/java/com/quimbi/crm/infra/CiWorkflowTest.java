package com.quimbi.crm.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.quimbi.crm.infra.LocalStackFacts.Service;

/**
 * .github/workflows/ci.yml cannot run here; this keeps it what it claims to be: `./crm test` after nothing but a
 * JDK, and on main an image for every service of the local stack.
 */
class CiWorkflowTest {

    @Test
    @SuppressWarnings("unchecked")
    void theWorkflowRunsCrmTestWithOnlyAJdkAndBuildsEveryServiceImageOnMain() {
        String text = LocalStackFacts.read(LocalStackFacts.ROOT.resolve(".github/workflows/ci.yml"));
        Map<String, Object> workflow = new Yaml().load(text);
        Map<String, Map<String, Object>> jobs = (Map<String, Map<String, Object>>) workflow.get("jobs");
        List<Map<String, Object>> test = (List<Map<String, Object>>) jobs.get("test").get("steps");
        assertThat(test).extracting(s -> s.get("uses")).filteredOn(u -> u != null)
                .allMatch(u -> ((String) u).matches("actions/(checkout|setup-java|upload-artifact)@v\\d+"));
        Map<String, Object> java = test.stream().filter(s -> String.valueOf(s.get("uses")).startsWith("actions/setup-java"))
                .findFirst().orElseThrow();
        assertThat((Map<String, Object>) java.get("with")).containsEntry("distribution", "temurin").containsEntry("cache", "maven")
                .containsKey("java-version");
        assertThat(test).extracting(s -> s.get("run")).contains("./crm test");
        Map<String, Object> images = jobs.get("images");
        assertThat(images.get("needs")).isEqualTo("test");
        assertThat((String) images.get("if")).contains("refs/heads/main");
        String build = String.valueOf(images.get("steps"));
        assertThat(build).contains("spring-boot:build-image");
        for (Service service : LocalStackFacts.services()) {
            assertThat(build).as("an image for %s", service.name()).contains(service.name());
        }
    }
}
