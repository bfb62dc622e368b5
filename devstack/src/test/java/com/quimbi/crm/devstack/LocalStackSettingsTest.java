package com.quimbi.crm.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LocalStackSettingsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void defaultsAreTheDocumentedLocalStack() {
        LocalStackSettings settings = LocalStackSettings.builder().repoRoot(ROOT).build();

        assertThat(settings.baseDir()).isEqualTo(ROOT.resolve(".crm"));
        assertThat(settings.keepData()).isTrue();
        assertThat(settings.ports()).containsAllEntriesOf(Map.of(
                "gateway", 8080, "ticket-service", 8081, "analytics-service", 8087, "postgres", 54329, "redis", 63799,
                "kafka", 19092, "kafka-controller", 19093, "kafka-connect", 18083, "keycloak", 18080, "keycloak-management", 19000));
        assertThat(settings.ports()).containsEntry("agent-service", 8082).containsEntry("assignment-service", 8083)
                .containsEntry("sla-service", 8084).containsEntry("integration-service", 8085)
                .containsEntry("notification-service", 8086).containsEntry("automation-service", 8089);
        assertThat(settings.services()).containsExactly("ticket-service", "analytics-service", "quimbi-adapter",
                "agent-service", "assignment-service", "sla-service", "integration-service",
                "notification-service", "automation-service", "gateway");
    }

    @Test
    void freePortsLeavesNoFixedPortThatCouldClashWithARunningStack() {
        LocalStackSettings settings = LocalStackSettings.builder().repoRoot(ROOT).freePorts().build();

        assertThat(settings.ports().values()).containsOnly(0);
    }

    @Test
    void extraServiceEnvironmentAccumulatesPerService() {
        LocalStackSettings settings = LocalStackSettings.builder().repoRoot(ROOT)
                .serviceEnv("gateway", "CRM_RATE_LIMIT_REPLENISH", "5")
                .serviceEnv("gateway", Map.of("CRM_RATE_LIMIT_BURST", "10"))
                .build();

        assertThat(settings.serviceEnv().get("gateway"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("CRM_RATE_LIMIT_REPLENISH", "5", "CRM_RATE_LIMIT_BURST", "10"));
        assertThat(settings.toBuilder().build()).isEqualTo(settings);
    }

    @Test
    void unknownServicesAreRejectedUpFront() {
        assertThatThrownBy(() -> LocalStackSettings.builder().repoRoot(ROOT).services("ticket-servce").build())
                .hasMessageContaining("unknown service ticket-servce");
    }

    @Test
    void serviceVariablesFollowTheDocumentedNames() {
        Services.Service ticket = Services.named("ticket-service");

        assertThat(ticket.role()).isEqualTo("ticket_service");
        assertThat(ticket.urlVariable()).isEqualTo("CRM_TICKET_SERVICE_URL");
        assertThat(ticket.connectorVariablePrefix()).isEqualTo("CRM_TICKET_DB_");
        assertThat(Services.named("analytics-service").urlVariable()).isEqualTo("CRM_ANALYTICS_SERVICE_URL");
    }
}
