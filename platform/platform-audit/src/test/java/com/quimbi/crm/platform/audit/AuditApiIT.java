package com.quimbi.crm.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.security.Roles;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.JsonNode;

/**
 * A service that adds platform-audit, booted with the real Keycloak and Postgres: a change made over HTTP is recorded
 * with the caller, the gateway's client address and the request id; {@code GET /internal/audit} is for admins only
 * and refuses bad filters with a problem.
 */
@SpringBootTest(classes = AuditApiIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=audited-service")
class AuditApiIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
    }

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port);
    }

    @Test
    void anAdminChangeIsRecordedWithWhoWhereAndWhichRequest() {
        String id = UUID.randomUUID().toString();
        Api admin = api.as(DemoUser.ADMIN);
        var reply = admin.send(admin.request("/things/" + id).header("X-Forwarded-For", "198.51.100.23")
                .header("X-Request-Id", "audit-it-" + id).PUT(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(reply.status()).isEqualTo(204);

        JsonNode items = admin.get("/internal/audit?resourceType=thing&resourceId=" + id).json().path("items");

        assertThat(items).hasSize(1);
        JsonNode record = items.get(0);
        assertThat(record.path("service").asString()).isEqualTo("audited-service");
        assertThat(record.path("action").asString()).isEqualTo("thing.renamed");
        assertThat(record.path("actor").path("name").asString()).isEqualTo("adam.admin");
        assertThat(record.path("actor").path("subject").asString()).isNotBlank();
        assertThat(record.path("actor").path("roles").valueStream().map(JsonNode::asString)).contains("admin");
        assertThat(record.path("clientIp").asString()).isEqualTo("198.51.100.23");
        assertThat(record.path("requestId").asString()).isEqualTo("audit-it-" + id);
        assertThat(record.path("changes").toString())
                .isEqualTo("{\"name\":{\"before\":\"old\",\"after\":\"new\"},\"password\":{\"before\":\"***\",\"after\":\"***\"}}");
        assertThat(record.path("cursor").asString()).isNotBlank();
    }

    @Test
    void onlyAdminsReadTheTrail() {
        assertThat(api.get("/internal/audit").status()).isEqualTo(401);
        assertThat(api.as(DemoUser.AGENT).get("/internal/audit").status()).isEqualTo(403);
        var supervisor = api.as(DemoUser.SUPERVISOR).get("/internal/audit");
        assertThat(supervisor.status()).isEqualTo(403);
        assertThat(supervisor.contentType()).startsWith("application/problem+json");
        assertThat(api.as(DemoUser.ADMIN).get("/internal/audit").status()).isEqualTo(200);
    }

    @Test
    void badFiltersAndCursorsAreProblemsNotErrors() {
        Api admin = api.as(DemoUser.ADMIN);
        for (String query : new String[] { "from=yesterday", "from=2026-12-07T10:00:00Z&to=2026-12-07T09:00:00Z",
                "cursor=bogus", "actor=" + URLEncoder.encode(" ", StandardCharsets.UTF_8), "limit=many" }) {
            var reply = admin.get("/internal/audit?" + query);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.contentType()).as(query).startsWith("application/problem+json");
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(ThingController.class)
    static class App {
    }

    /** Stands for a service's admin endpoint: changes something and records it in the same transaction. */
    @RestController
    static class ThingController {

        private final TransactionTemplate transaction;
        private final AuditTrail audit;

        ThingController(TransactionTemplate transaction, AuditTrail audit) {
            this.transaction = transaction;
            this.audit = audit;
        }

        @PutMapping("/things/{id}")
        @PreAuthorize(Roles.IS_ADMIN)
        org.springframework.http.ResponseEntity<Void> rename(@PathVariable String id) {
            transaction.executeWithoutResult(status -> audit.record("thing.renamed", "thing", id,
                    Map.of("name", "old", "password", "p1"), Map.of("name", "new", "password", "p2")));
            return org.springframework.http.ResponseEntity.noContent().build();
        }
    }
}
