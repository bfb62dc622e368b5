package com.quimbi.crm.ticket.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class TicketApiIT {

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

    static final String VALID = """
            {"subject":"Order #5521 arrived damaged","description":"The mug is broken.",
             "priority":"high","channel":"email","customerEmail":"Maria.Lopez@Example.com"}""";

    @Test
    void anAgentOpensATicketAndReadsItBack() {
        Api.Reply created = api.as(DemoUser.AGENT).post("/api/tickets", VALID);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/tickets/" + id);
        assertThat(created.json().path("number").asString()).matches("#\\d{4,}");
        assertThat(created.json().path("status").asString()).isEqualTo("new");
        assertThat(created.json().path("customerEmail").asString()).isEqualTo("maria.lopez@example.com");

        Api.Reply read = api.as(DemoUser.AGENT).get("/api/tickets/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("subject").asString()).isEqualTo("Order #5521 arrived damaged");
        assertThat(read.json().path("priority").asString()).isEqualTo("high");
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
    }

    @Test
    void priorityDefaultsToNormalAndNumbersIncrease() {
        String body = VALID.replace("\"priority\":\"high\",", "");
        Api.Reply first = api.as(DemoUser.SUPERVISOR).post("/api/tickets", body);
        Api.Reply second = api.as(DemoUser.ADMIN).post("/api/tickets", body);

        assertThat(first.json().path("priority").asString()).isEqualTo("normal");
        long a = Long.parseLong(first.json().path("number").asString().substring(1));
        long b = Long.parseLong(second.json().path("number").asString().substring(1));
        assertThat(b).isGreaterThan(a);
    }

    @Test
    void withoutATokenTheCallIsUnauthorized() {
        Api.Reply reply = api.post("/api/tickets", VALID);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aForgedTokenIsUnauthorized() {
        String token = DemoUser.AGENT.token();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

        assertThat(api.as(forged).get("/api/tickets/" + UUID.randomUUID()).status()).isEqualTo(401);
    }

    @Test
    void invalidFieldsAreListedInAProblem() {
        Api.Reply reply = api.as(DemoUser.AGENT).post("/api/tickets", """
                {"subject":"","description":"x","channel":"email","customerEmail":"not-an-email"}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("errors")).as(reply.toString()).isNotEmpty();
        assertThat(reply.json().path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("subject", "customerEmail");
    }

    @Test
    void anUnknownEnumValueIsABadRequestNamingTheAllowedValues() {
        Api.Reply reply = api.as(DemoUser.AGENT).post("/api/tickets", VALID.replace("\"email\",", "\"pigeon\","));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("errors").get(0).path("field").asString()).isEqualTo("channel");
        assertThat(reply.json().path("detail").asString()).contains("pigeon").contains("email, chat");
    }

    @Test
    void malformedJsonAndWrongTypesAreBadRequests() {
        assertThat(api.as(DemoUser.AGENT).post("/api/tickets", "{\"subject\":").status()).isEqualTo(400);
        assertThat(api.as(DemoUser.AGENT).post("/api/tickets", VALID.replace("\"Order #5521 arrived damaged\"", "{}"))
                .status()).isEqualTo(400);
    }

    @Test
    void anUnknownTicketIsNotFoundAndABadIdIsABadRequest() {
        Api.Reply missing = api.as(DemoUser.AGENT).get("/api/tickets/" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");

        assertThat(api.as(DemoUser.AGENT).get("/api/tickets/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        Api.Reply docs = api.get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/tickets")).isTrue();
        assertThat(docs.json().path("paths").has("/api/tickets/{id}")).isTrue();
    }
}
