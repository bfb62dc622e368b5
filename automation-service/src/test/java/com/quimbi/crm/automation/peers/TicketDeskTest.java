package com.quimbi.crm.automation.peers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import tools.jackson.databind.json.JsonMapper;

/**
 * The client of ticket- and assignment-service against stand-ins (WireMock) of their HTTP answers: what each
 * call sends, and what a refusal (with or without a problem body), an outage or a dropped connection becomes.
 */
class TicketDeskTest {

    // no gzip: WireMock would suffix the ETag ("7--gzip")
    static final WireMockServer PEERS = new WireMockServer(wireMockConfig().dynamicPort().gzipDisabled(true));

    static {
        PEERS.start();
    }

    @AfterAll
    static void stop() {
        PEERS.stop();
    }

    UUID ticketId = UUID.randomUUID();
    TicketDesk desk = desk(PEERS.baseUrl());

    static TicketDesk desk(String baseUrl) {
        return new TicketDesk(new PeersProperties(baseUrl, baseUrl + "/assignments", Duration.ofSeconds(5),
                Duration.ofSeconds(5), null, null, null), RestClient.builder(), JsonMapper.builder().build());
    }

    @BeforeEach
    void reset() {
        PEERS.resetAll();
    }

    static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aTicketIsReadWithTheCallersTokenAndItsETag() {
        PEERS.stubFor(get(urlEqualTo("/api/tickets/" + ticketId)).withHeader("Authorization", equalTo("Bearer t1"))
                .willReturn(okJson("{\"number\":\"1017\",\"status\":\"open\"}").withHeader("ETag", "\"7\"")));

        TicketDesk.TicketView view = desk.ticket(ticketId, "t1");

        assertThat(view.ticket().path("number").asString()).isEqualTo("1017");
        assertThat(view.etag()).isEqualTo("\"7\"");
    }

    @Test
    void anUpdateSendsIfMatchAndTheStepsKeyAndWithoutAnETagNoIfMatch() {
        PEERS.stubFor(patch(urlEqualTo("/api/tickets/" + ticketId)).willReturn(aResponse().withStatus(200)));

        desk.update(ticketId, Map.of("priority", "high"), "\"7\"", "t1", "app-1:fields");
        desk.update(ticketId, Map.of("priority", "low"), null, "t1", "app-2:fields");

        PEERS.verify(patchRequestedFor(urlEqualTo("/api/tickets/" + ticketId))
                .withHeader("If-Match", equalTo("\"7\"")).withHeader("Idempotency-Key", equalTo("app-1:fields"))
                .withRequestBody(equalToJson("{\"priority\":\"high\"}")));
        assertThat(PEERS.findAll(patchRequestedFor(urlEqualTo("/api/tickets/" + ticketId))
                .withHeader("Idempotency-Key", equalTo("app-2:fields"))))
                .singleElement().satisfies(request -> assertThat(request.containsHeader("If-Match")).isFalse());
    }

    @Test
    void aMessageAndAnAssignmentGoToTheirOwningService() {
        PEERS.stubFor(post(urlEqualTo("/api/tickets/" + ticketId + "/messages")).willReturn(aResponse().withStatus(201)));
        PEERS.stubFor(post(urlEqualTo("/assignments/api/tickets/" + ticketId + "/assign"))
                .willReturn(aResponse().withStatus(200)));
        UUID agent = UUID.randomUUID();

        desk.addMessage(ticketId, Map.of("body", "Hi", "internal", true), "t1", "app-1:note");
        desk.assign(ticketId, agent, "t1", "app-1:assignee");

        PEERS.verify(postRequestedFor(urlEqualTo("/api/tickets/" + ticketId + "/messages"))
                .withHeader("Idempotency-Key", equalTo("app-1:note"))
                .withRequestBody(equalToJson("{\"body\":\"Hi\",\"internal\":true}")));
        PEERS.verify(postRequestedFor(urlEqualTo("/assignments/api/tickets/" + ticketId + "/assign"))
                .withHeader("Authorization", equalTo("Bearer t1"))
                .withRequestBody(equalToJson("{\"agentId\":\"" + agent + "\"}")));
    }

    @Test
    void aRefusalCarriesTheStatusAndTheProblemsDetailOnly() {
        PEERS.stubFor(post(urlEqualTo("/api/tickets/" + ticketId + "/messages")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Conflict\",\"detail\":\"the ticket is closed\"}")));
        PEERS.stubFor(post(urlEqualTo("/assignments/api/tickets/" + ticketId + "/assign"))
                .willReturn(aResponse().withStatus(403).withBody("<html>forbidden: your input echoed</html>")));

        assertThatThrownBy(() -> desk.addMessage(ticketId, Map.of("body", "Hi"), "t1", "k"))
                .isInstanceOfSatisfying(PeerException.class, e -> {
                    assertThat(e.service()).isEqualTo("ticket-service");
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).isEqualTo("the ticket is closed");
                    assertThat(e.unavailable()).isFalse();
                });
        assertThatThrownBy(() -> desk.assign(ticketId, UUID.randomUUID(), "t1", "k"))
                .isInstanceOfSatisfying(PeerException.class, e -> {
                    assertThat(e.service()).isEqualTo("assignment-service");
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).isNull();
                });
    }

    @Test
    void aProblemWithoutDetailOrAnEmptyBodyHasNoDetail() {
        PEERS.stubFor(get(urlEqualTo("/api/tickets/" + ticketId))
                .willReturn(aResponse().withStatus(404).withBody("{\"title\":\"Not Found\"}")));
        PEERS.stubFor(patch(urlEqualTo("/api/tickets/" + ticketId)).willReturn(aResponse().withStatus(412)));

        assertThatThrownBy(() -> desk.ticket(ticketId, "t1")).isInstanceOfSatisfying(PeerException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.getMessage()).isNull();
        });
        assertThatThrownBy(() -> desk.update(ticketId, Map.of(), "\"1\"", "t1", "k"))
                .isInstanceOfSatisfying(PeerException.class, e -> assertThat(e.status()).isEqualTo(412));
    }

    @Test
    void anOutageADroppedConnectionOrNoServerAreUnavailable() throws Exception {
        PEERS.stubFor(get(urlEqualTo("/api/tickets/" + ticketId)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> desk.ticket(ticketId, "t1")).isInstanceOfSatisfying(PeerException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.unavailable()).isTrue();
        });

        PEERS.stubFor(get(urlEqualTo("/api/tickets/" + ticketId))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> desk.ticket(ticketId, "t1")).isInstanceOfSatisfying(PeerException.class, e -> {
            assertThat(e.status()).isZero();
            assertThat(e.unavailable()).isTrue();
        });

        TicketDesk nobody = desk("http://127.0.0.1:" + closedPort());
        assertThatThrownBy(() -> nobody.addMessage(ticketId, Map.of("body", "Hi"), "t1", "k"))
                .isInstanceOfSatisfying(PeerException.class, e -> {
                    assertThat(e.service()).isEqualTo("ticket-service");
                    assertThat(e.status()).isZero();
                });
    }

    @Test
    void tooManyRequestsIsUnavailableNotARefusal() {
        assertThat(new PeerException("ticket-service", 429, "slow down").unavailable()).isTrue();
        assertThat(new PeerException("ticket-service", 422, "bad").unavailable()).isFalse();
    }
}
