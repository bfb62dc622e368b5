package com.quimbi.crm.quimbi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.quimbi.crm.quimbi.AdapterTestSupport.customerUpdated;
import static com.quimbi.crm.quimbi.AdapterTestSupport.deliver;
import static com.quimbi.crm.quimbi.AdapterTestSupport.ticketCreatedFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.customer.CustomerCreated;
import com.quimbi.crm.contracts.customer.CustomerMerged;
import com.quimbi.crm.contracts.customer.CustomerUpdated;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.MaximalEvents;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/** The API through real Keycloak tokens, with Quimbi faked at its HTTP boundary and the cache on real Redis. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AiApiIT {

    static final WireMockServer QUIMBI = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        QUIMBI.start();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        AdapterTestSupport.register(registry, QUIMBI.baseUrl());
    }

    @AfterAll
    static void stopQuimbi() {
        QUIMBI.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port);
    }

    static String dna(UUID customer) {
        return """
                {"customer_id":"%s","archetype":"loyal_bargain_hunter","segments":["discount_sensitive"],
                 "traits":{"price_sensitivity":0.8},"preferred_channel":"email"}""".formatted(customer);
    }

    @Test
    void dnaFromQuimbiIsCachedAndAskedAgainWhenTheCustomerChanges() {
        UUID customer = UUID.randomUUID();
        String path = "/api/ml/customers/" + customer + "/dna";
        QUIMBI.stubFor(get(path).willReturn(okJson(dna(customer))));
        double hitsBefore = cacheGets("dna", "hit");

        Api.Reply first = api.as(DemoUser.AGENT).get("/api/ai/customers/" + customer + "/dna");
        Api.Reply second = api.as(DemoUser.AGENT).get("/api/ai/customers/" + customer + "/dna");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("archetype").asString()).isEqualTo("loyal_bargain_hunter");
        assertThat(first.json().path("source").asString()).isEqualTo("quimbi");
        assertThat(second.body()).isEqualTo(first.body());
        QUIMBI.verify(1, getRequestedFor(urlEqualTo(path)));
        assertThat(cacheGets("dna", "hit")).isGreaterThan(hitsBefore);

        deliver(Topics.CUSTOMER, customer.toString(), customerUpdated(UUID.randomUUID(), customer),
                CustomerUpdated.TYPE);

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            api.as(DemoUser.AGENT).get("/api/ai/customers/" + customer + "/dna");
            QUIMBI.verify(2, getRequestedFor(urlEqualTo(path)));
        });
    }

    @Test
    void everyCustomerEventAtItsSchemaLimitMakesTheCachedDnaStale() {
        for (String type : List.of(CustomerCreated.TYPE, CustomerUpdated.TYPE, CustomerMerged.TYPE)) {
            UUID customer = UUID.randomUUID();
            UUID mergedAway = UUID.randomUUID();
            List<UUID> stale = type.equals(CustomerMerged.TYPE) ? List.of(customer, mergedAway) : List.of(customer);
            for (UUID id : stale) {
                QUIMBI.stubFor(get("/api/ml/customers/" + id + "/dna").willReturn(okJson(dna(id))));
                api.as(DemoUser.AGENT).get("/api/ai/customers/" + id + "/dna");
                api.as(DemoUser.AGENT).get("/api/ai/customers/" + id + "/dna");
                QUIMBI.verify(1, getRequestedFor(urlEqualTo("/api/ml/customers/" + id + "/dna")));
            }

            deliver(Topics.CUSTOMER, customer.toString(), MaximalEvents.of(type)
                    .replace(AdapterTestSupport.GOLDEN_CUSTOMER_ID, customer.toString())
                    .replace("0193a0c3-0b1c-7d2e-9f30-4a5b6c7d8e91", mergedAway.toString()), type);

            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                for (UUID id : stale) {
                    api.as(DemoUser.AGENT).get("/api/ai/customers/" + id + "/dna");
                    QUIMBI.verify(2, getRequestedFor(urlEqualTo("/api/ml/customers/" + id + "/dna")));
                }
            });
        }
    }

    @Test
    void churnFallsBackToTheHeuristicWhenQuimbiFails() {
        UUID customer = UUID.randomUUID();
        QUIMBI.stubFor(get("/api/ml/customers/" + customer + "/churn").willReturn(aResponse().withStatus(503)));

        Api.Reply reply = api.as(DemoUser.AGENT).get("/api/ai/customers/" + customer + "/churn");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("source").asString()).isEqualTo("fallback");
        assertThat(reply.json().path("riskLevel").asString()).isIn("low", "medium", "high");
        assertThat(reply.json().path("tier").asString()).isEqualTo("standard");
        QUIMBI.verify(3, getRequestedFor(urlEqualTo("/api/ml/customers/" + customer + "/churn")));
    }

    @Test
    void aDraftFromQuimbiIsCachedForTheTicketAndATemplateStandsInWhenQuimbiFails() {
        UUID customer = UUID.randomUUID();
        UUID ticket = UUID.randomUUID();
        deliver(Topics.TICKET, ticket.toString(), ticketCreatedFor(UUID.randomUUID(), ticket, customer,
                "Parcel never arrived", "Tracking says delivered but nothing is here."), TicketCreated.TYPE);
        deliver(Topics.TICKET, ticket.toString(), AdapterTestSupport.messageAdded(UUID.randomUUID(), ticket,
                "customer", "Any news? It was a birthday present."), MessageAdded.TYPE);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM ticket_message WHERE ticket_id = ?", Long.class, ticket) == 1);
        QUIMBI.stubFor(post("/api/ml/drafts").willReturn(okJson("""
                {"draft_id":"d-1","text":"Hi! I've asked the carrier to trace your parcel.","confidence":0.82,
                 "suggested_actions":["contact_carrier"]}""")));

        Api.Reply first = api.as(DemoUser.AGENT).post("/api/ai/tickets/" + ticket + "/draft", "{\"tone\":\"friendly\"}");
        Api.Reply again = api.as(DemoUser.AGENT).post("/api/ai/tickets/" + ticket + "/draft", "{\"tone\":\"friendly\"}");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("text").asString()).contains("trace your parcel");
        assertThat(first.json().path("source").asString()).isEqualTo("quimbi");
        assertThat(again.body()).isEqualTo(first.body());
        // the conversation and the ticket went to Quimbi in its own shape
        QUIMBI.verify(1, postRequestedFor(urlEqualTo("/api/ml/drafts"))
                .withRequestBody(matchingJsonPath("$.conversation[0].body", equalTo("Any news? It was a birthday present.")))
                .withRequestBody(matchingJsonPath("$.ticket.subject", equalTo("Parcel never arrived"))));

        QUIMBI.stubFor(post("/api/ml/drafts").willReturn(aResponse().withStatus(500)));
        Api.Reply formal = api.as(DemoUser.AGENT).post("/api/ai/tickets/" + ticket + "/draft", "{\"tone\":\"formal\"}");
        assertThat(formal.status()).isEqualTo(200);
        assertThat(formal.json().path("source").asString()).isEqualTo("fallback");
        assertThat(formal.json().path("text").asString()).startsWith("Hi there,");
    }

    @Test
    void aTicketTheAdapterHasNotSeenIsNotFound() {
        Api.Reply reply = api.as(DemoUser.AGENT).post("/api/ai/tickets/" + UUID.randomUUID() + "/draft", "{}");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void everyEndpointNeedsAValidTokenAndAWellFormedId() {
        UUID id = UUID.randomUUID();
        assertThat(api.get("/api/ai/customers/" + id + "/dna").status()).isEqualTo(401);
        assertThat(api.get("/api/ai/customers/" + id + "/churn").status()).isEqualTo(401);
        Api.Reply anonymous = api.post("/api/ai/tickets/" + id + "/draft", "{}");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");

        Api.Reply bad = api.as(DemoUser.SUPERVISOR).get("/api/ai/customers/not-a-uuid/dna");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").get(0).path("field").asString()).isEqualTo("id");
        Api.Reply badTone = api.as(DemoUser.ADMIN).post("/api/ai/tickets/" + id + "/draft", "{\"tone\":\"rude\"}");
        assertThat(badTone.status()).isEqualTo(400);
        assertThat(badTone.json().path("detail").asString()).contains("friendly");
    }

    @Test
    void aDraftRequestWithAMisspelledPropertyOrAnOversizedBodyIsRefused() {
        UUID id = UUID.randomUUID();
        Api.Reply typo = api.as(DemoUser.AGENT).post("/api/ai/tickets/" + id + "/draft", "{\"tnoe\":\"formal\"}");
        assertThat(typo.status()).as(typo.toString()).isEqualTo(400);
        assertThat(typo.json().path("errors").get(0).path("field").asString()).isEqualTo("tnoe");
        assertThat(typo.json().path("detail").asString()).contains("tone");

        Api.Reply huge = api.as(DemoUser.AGENT).post("/api/ai/tickets/" + id + "/draft",
                "{\"tone\":\"" + "x".repeat(1_100_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().path("type").asString()).isEqualTo("https://supportcrm.dev/problems/too-large");
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        Api.Reply docs = api.get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/ai/tickets/{id}/draft")).isTrue();
        assertThat(docs.json().path("paths").has("/api/ai/customers/{id}/dna")).isTrue();
        assertThat(docs.json().path("paths").has("/api/ai/customers/{id}/churn")).isTrue();
    }

    private double cacheGets(String cache, String result) {
        FunctionCounter counter = meters.find("cache.gets").tags("cache", cache, "result", result).functionCounter();
        return counter == null ? 0 : counter.count();
    }
}
