package com.quimbi.crm.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The realm every environment imports is committed, so it must hold no secret: client secrets are placeholders
 * Keycloak fills from its environment at import, and the only users with passwords are the local stack's demo
 * logins in a file of their own. Compose and k8s must hand Keycloak every variable the realm names, or a client
 * would get the literal placeholder as its secret.
 */
class RealmFileTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(CRM_[A-Z_]+_CLIENT_SECRET)}");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> realm() {
        return new Yaml().load(LocalStackFacts.read(LocalStackFacts.ROOT.resolve("infra/keycloak/crm-realm.json")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyConfidentialClientSecretIsAnEnvironmentPlaceholder() {
        List<Map<String, Object>> confidential = ((List<Map<String, Object>>) realm().get("clients")).stream()
                .filter(c -> "client-secret".equals(c.get("clientAuthenticatorType")) && !Boolean.TRUE.equals(c.get("publicClient")))
                .filter(c -> !"realm-management".equals(c.get("clientId")))
                .toList();
        assertThat(confidential).extracting(c -> c.get("clientId"))
                .contains("crm-gateway", "crm-agent-service", "crm-notification-service", "crm-automation-service");
        for (Map<String, Object> client : confidential) {
            assertThat((String) client.get("secret")).as("secret of %s", client.get("clientId")).matches(PLACEHOLDER);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRealmHasNoUserWithAPasswordAndTheDemoLoginsAreKeptApart() {
        for (Map<String, Object> user : (List<Map<String, Object>>) realm().get("users")) {
            assertThat(user).as("user %s", user.get("username")).doesNotContainKey("credentials");
            assertThat(user).as("only service accounts in the deployed realm").containsKey("serviceAccountClientId");
        }
        List<Map<String, Object>> demo = new Yaml().load(
                LocalStackFacts.read(LocalStackFacts.ROOT.resolve("infra/keycloak/crm-demo-users.json")));
        assertThat(demo).extracting(u -> u.get("username")).containsExactly("alex.agent", "sara.supervisor", "adam.admin");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeAndKubernetesGiveKeycloakEverySecretTheRealmNames() {
        Set<String> named = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(LocalStackFacts.read(LocalStackFacts.ROOT.resolve("infra/keycloak/crm-realm.json")));
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named).hasSize(4);

        Map<String, Object> compose = new Yaml().load(LocalStackFacts.read(LocalStackFacts.ROOT.resolve("docker-compose.yml")));
        Map<String, Object> keycloak = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("keycloak");
        Map<String, Object> composeEnv = (Map<String, Object>) keycloak.get("environment");
        for (String variable : named) {
            assertThat((String) composeEnv.get(variable)).as("compose keycloak %s", variable)
                    .startsWith("${" + variable + ":?");
        }

        String deployment = LocalStackFacts.read(LocalStackFacts.ROOT.resolve("k8s/base/keycloak.yaml"));
        for (String variable : named) {
            assertThat(deployment).as("k8s keycloak %s", variable)
                    .containsPattern("- name: " + variable + "\\s+valueFrom:\\s+secretKeyRef:");
        }
    }
}
