package com.quimbi.crm.quimbi.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.quimbi.crm.quimbi.AdapterTestSupport.deliver;
import static com.quimbi.crm.quimbi.AdapterTestSupport.ticketCreatedFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.quimbi.AdapterTestSupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Quimbi on (faked at its HTTP boundary): its answers are published; its outages are not felt. */
@SpringBootTest
@DirtiesContext
class QuimbiEnrichmentIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
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

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void quimbisClassificationAndScoresArePublishedInOurVocabulary() {
        UUID customer = UUID.randomUUID();
        UUID ticket = UUID.randomUUID();
        QUIMBI.stubFor(post("/api/ml/tickets/classify").withRequestBody(matchingJsonPath("$.ticket_id",
                equalTo(ticket.toString()))).willReturn(okJson("""
                {"category":"SHIPPING","category_confidence":0.91,"sentiment":{"label":"negative","score":-0.64},
                 "urgency":"high","confidence":0.88,"language":"EN-us"}""")));
        QUIMBI.stubFor(get("/api/ml/customers/" + customer + "/churn").willReturn(okJson("""
                {"churn_probability":0.71,"risk_level":"high","drivers":[]}""")));
        QUIMBI.stubFor(get("/api/ml/customers/" + customer + "/ltv").willReturn(okJson("""
                {"predicted_ltv":{"amount":420.5,"currency":"EUR"},"historical_ltv":{"amount":1310.0,"currency":"EUR"}}""")));

        deliver(Topics.TICKET, ticket.toString(), ticketCreatedFor(UUID.randomUUID(), ticket, customer,
                "Where is my parcel?", "It should have arrived last week."), TicketCreated.TYPE);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> enrichedEvents(ticket).size() == 1);
        String event = enrichedEvents(ticket).getFirst();
        EventContracts.assertValid(event);
        JsonNode data = JSON.readTree(event).path("data");
        assertThat(data.path("source").asString()).isEqualTo("quimbi");
        assertThat(data.path("category").asString()).isEqualTo("shipping");
        assertThat(data.path("sentimentScore").asDouble()).isEqualTo(-0.64);
        assertThat(data.path("churnRisk").asDouble()).isEqualTo(0.71);
        assertThat(data.path("churnRiskLevel").asString()).isEqualTo("high");
        assertThat(data.path("currency").asString()).isEqualTo("EUR");
        assertThat(data.path("customerId").asString()).isEqualTo(customer.toString());
        assertThat(data.path("language").asString()).isEqualTo("en");
    }

    @Test
    void aQuimbiOutageNeverStopsThePipeline() {
        UUID customer = UUID.randomUUID();
        UUID ticket = UUID.randomUUID();
        QUIMBI.stubFor(post("/api/ml/tickets/classify").withRequestBody(matchingJsonPath("$.ticket_id",
                equalTo(ticket.toString()))).willReturn(aResponse().withStatus(500)));
        QUIMBI.stubFor(get("/api/ml/customers/" + customer + "/churn")
                .willReturn(aResponse().withStatus(200).withBody("<html>gateway timeout</html>")));

        deliver(Topics.TICKET, ticket.toString(), ticketCreatedFor(UUID.randomUUID(), ticket, customer,
                "Charged twice", "You charged my card twice for one order, please refund."), TicketCreated.TYPE);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> enrichedEvents(ticket).size() == 1);
        JsonNode data = JSON.readTree(enrichedEvents(ticket).getFirst()).path("data");
        assertThat(data.path("source").asString()).isEqualTo("fallback");
        assertThat(data.path("category").asString()).isEqualTo("billing");
        // Quimbi is down, so the adapter tells the language itself
        assertThat(data.path("language").asString()).isEqualTo("en");
    }

    private List<String> enrichedEvents(UUID ticketId) {
        return jdbc.queryForList("""
                SELECT payload::text FROM outbox WHERE aggregatetype = 'enrichment' AND aggregateid = ?
                ORDER BY occurredat""", String.class, ticketId.toString());
    }
}
