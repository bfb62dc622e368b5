package com.quimbi.crm.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

import tools.jackson.databind.JsonNode;

/**
 * A team that also runs Gorgias: an admin connects the account through the gateway (integration-service checks the
 * credentials against Gorgias, here WireMock), Gorgias's HTTP integration delivers {@code ticket-created} to the
 * gateway's alias with the shared secret → integration-service → outbox → Debezium → ticket-service, where the ticket
 * and its message appear; {@code GET /api/tickets/{id}/gorgias-link} answers its Gorgias page. A delivery with a
 * wrong secret is refused and creates nothing.
 */
class GorgiasFlowIT {

    @Test
    void aGorgiasTicketWebhookThroughTheGatewayBecomesATicketWithItsGorgiasLink() {
        var gorgias = E2eStack.gorgias();
        gorgias.stubFor(get(urlEqualTo("/api/account")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"domain\":\"e2e\"}")));
        // our own new tickets are pushed to Gorgias once an account is connected (every later test's too): answer
        // each with an id of its own, as Gorgias does; one fixed id made every later push a duplicate link, retried
        // with backoff for the rest of the run
        gorgias.stubFor(post(urlPathEqualTo("/api/tickets")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"id\":{{randomInt lower=1000 upper=2000000000}},\"messages\":[]}").withTransformers("response-template")));
        String secret = "e2e-secret-" + UUID.randomUUID();
        Api admin = E2eStack.gateway().as(E2eStack.login(DemoUser.ADMIN));
        Api.Reply connected = admin.send(admin.request("/api/gorgias/accounts/e2e").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"email":"api@e2e.test","apiKey":"e2e-api-key","webhookSecret":"%s"}""".formatted(secret))));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        assertThat(connected.body()).doesNotContain(secret).doesNotContain("e2e-api-key");

        long gorgiasId = 500_000 + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 400_000);
        String email = "robin." + gorgiasId + "@example.com";
        String body = """
                {"ticket":{"id":%d,"uri":"/api/tickets/%d/","external_id":null,"status":"open","channel":"email",
                 "via":"email","subject":"Parcel %d never arrived","tags":[{"id":3,"name":"shipping"}],
                 "customer":{"id":77,"email":"%s","name":"Robin Hill"},
                 "created_datetime":"2026-12-01T08:00:00.000000","snooze_datetime":null,
                 "messages":[{"id":%d,"ticket_id":%d,"external_id":null,"public":true,"channel":"email","via":"email",
                   "from_agent":false,"sender":{"id":77,"email":"%s"},"body_text":"My parcel never arrived.",
                   "created_datetime":"2026-12-01T08:00:00.000000","sent_datetime":"2026-12-01T08:00:00.000000"}]}}"""
                .formatted(gorgiasId, gorgiasId, gorgiasId, email, gorgiasId * 10, gorgiasId, email);

        Api anonymous = E2eStack.gateway();
        Api.Reply forged = anonymous.send(anonymous.request("/api/gorgias/webhooks/ticket-created")
                .header("Content-Type", "application/json").header("X-CRM-Gorgias-Secret", "not-the-secret")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(forged.status()).isEqualTo(401);
        Api.Reply accepted = anonymous.send(anonymous.request("/api/gorgias/webhooks/ticket-created")
                .header("Content-Type", "application/json").header("X-CRM-Gorgias-Secret", secret)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);

        Api agent = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT));
        String customers = "/api/customers?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> agent.get(customers).json().path("items").size() == 1);
        String customerId = agent.get(customers).json().path("items").get(0).path("id").asString();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> agent.get("/api/customers/" + customerId + "/tickets").json().path("items").size() == 1);
        JsonNode ticket = agent.get("/api/customers/" + customerId + "/tickets").json().path("items").get(0);
        assertThat(ticket.path("subject").asString()).isEqualTo("Parcel " + gorgiasId + " never arrived");
        String ticketId = ticket.path("id").asString();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> agent.get("/api/tickets/" + ticketId + "/gorgias-link").status() == 200);
        assertThat(agent.get("/api/tickets/" + ticketId + "/gorgias-link").json().path("url").asString())
                .isEqualTo(gorgias.baseUrl() + "/app/ticket/" + gorgiasId);
        assertThat(agent.get("/api/tickets/" + UUID.randomUUID() + "/gorgias-link").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/tickets/" + ticketId + "/gorgias-link").status()).isEqualTo(401);
        // the imported message is on the ticket, and was not pushed back to Gorgias
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> agent.get("/api/tickets/" + ticketId + "/messages").body().contains("My parcel never arrived."));
        assertThat(gorgias.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathEqualTo("/api/tickets/" + gorgiasId + "/messages")))).isEmpty();
    }
}
