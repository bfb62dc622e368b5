package com.quimbi.crm.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

/**
 * Erasure is verifiable: a Shopify customer arrives (signed customers/create), writes a ticket, Shopify asks for
 * the customer's data (customers/data_request → an export for the admin) and then for its erasure
 * (customers/redact); afterwards every service that held the customer is asked through the gateway — ticket-service
 * (customer, tickets, messages) and quimbi-adapter (DNA, churn, draft) — and none of them returns personal data.
 */
class PrivacyFlowIT {

    @Test
    void aRedactedShopifyCustomerIsGoneEverywhereAndItsDataRequestBecameAnAdminExport() throws Exception {
        String shop = "e2e-privacy-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
        String secret = "shpss_" + UUID.randomUUID();
        E2eStack.shopify().stubFor(post(urlEqualTo(ShopifyFlowIT.GRAPHQL)).withHeader("X-Shopify-Access-Token",
                equalTo("shpat_privacy")).withRequestBody(containing("shop { name }"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"data":{"shop":{"name":"E2E Privacy"}},"extensions":{"cost":{"requestedQueryCost":1,
                         "actualQueryCost":1,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1999,
                         "restoreRate":100.0}}}}""")));
        Api admin = E2eStack.gateway().as(E2eStack.login(DemoUser.ADMIN));
        Api.Reply connected = admin.send(admin.request("/api/shopify/shops/" + shop).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"accessToken\":\"shpat_privacy\",\"apiSecret\":\"" + secret + "\"}")));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        Api agent = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT));

        String shopifyId = String.valueOf(8_007_199_254_740_993L + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000));
        String email = "erin." + shopifyId + "@example.com";
        byte[] created = ShopifyFlowIT.customer(shopifyId, email);
        assertThat(deliver(shop, "customers/create", created, ShopifyFlowIT.sign(secret, created)).status()).isEqualTo(200);
        String query = "/api/customers?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> agent.get(query).json().path("items").size() == 1);
        String customerId = agent.get(query).json().path("items").get(0).path("id").asString();

        // the customer writes in; quimbi-adapter learns the ticket (it drafts a reply once it has seen it)
        Api.Reply ticket = agent.post("/api/tickets", """
                {"subject":"Order 8812 never arrived","description":"Please send it to Hauptstrasse 5, Berlin.",
                 "priority":"normal","channel":"email","customerEmail":"%s"}""".formatted(email));
        assertThat(ticket.status()).as(ticket.toString()).isEqualTo(201);
        String ticketId = ticket.json().path("id").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                agent.post("/api/ai/tickets/" + ticketId + "/draft", "{}").status() == 200);

        // customers/data_request → an export for the admin
        byte[] dataRequest = """
                {"shop_id":954889,"shop_domain":"%s","orders_requested":[299938],"customer":{"id":%s,"email":"%s",
                 "phone":"555-625-1199"},"data_request":{"id":%s}}""".formatted(shop, shopifyId, email, shopifyId)
                .getBytes(StandardCharsets.UTF_8);
        assertThat(deliver(shop, "customers/data_request", dataRequest, ShopifyFlowIT.sign(secret, dataRequest)).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                admin.get("/api/privacy/exports?limit=200").body().contains("\"externalRequestId\":\"" + shopifyId + "\""));
        String exportId = null;
        for (var item : admin.get("/api/privacy/exports?limit=200").json().path("items")) {
            if (item.path("externalRequestId").asString().equals(shopifyId)) {
                exportId = item.path("id").asString();
            }
        }
        assertThat(admin.get("/api/privacy/exports/" + exportId).body()).contains(email).contains("Hauptstrasse 5");
        assertThat(agent.get("/api/privacy/exports/" + exportId).status()).isEqualTo(403);

        // customers/redact → erased in every service
        byte[] redact = """
                {"shop_id":954889,"shop_domain":"%s","customer":{"id":%s,"email":"%s","phone":"555-625-1199"},
                 "orders_to_redact":[299938]}""".formatted(shop, shopifyId, email).getBytes(StandardCharsets.UTF_8);
        assertThat(deliver(shop, "customers/redact", redact, ShopifyFlowIT.sign(secret, redact)).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> agent.get(query).json().path("items").isEmpty());
        Api.Reply customer = agent.get("/api/customers/" + customerId);
        assertThat(customer.status()).isEqualTo(200);
        assertThat(customer.body().toLowerCase(Locale.ROOT)).doesNotContain("erin").doesNotContain("dana")
                .doesNotContain("okafor").doesNotContain(shopifyId).doesNotContain("wholesale");
        Api.Reply kept = agent.get("/api/tickets/" + ticketId);
        assertThat(kept.status()).isEqualTo(200); // the ticket stays for statistics
        assertThat(kept.json().path("channel").asString()).isEqualTo("email");
        assertThat(kept.body().toLowerCase(Locale.ROOT)).doesNotContain("erin").doesNotContain("8812")
                .doesNotContain("hauptstrasse");
        assertThat(agent.get("/api/customers/" + customerId + "/tickets").body().toLowerCase(Locale.ROOT))
                .doesNotContain("8812").doesNotContain("erin");
        assertThat(agent.get("/api/tickets?q=hauptstrasse").json().path("items")).isEmpty();

        // quimbi-adapter: knows nothing of the customer any more, and its draft holds nothing personal
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                "unknown".equals(agent.get("/api/ai/customers/" + customerId + "/dna").json().path("archetype").asString()));
        assertThat(agent.get("/api/ai/customers/" + customerId + "/churn").json().path("ltv").asDouble()).isZero();
        assertThat(agent.post("/api/ai/tickets/" + ticketId + "/draft", "{}").body().toLowerCase(Locale.ROOT))
                .doesNotContain("8812").doesNotContain("hauptstrasse").doesNotContain("dana").doesNotContain("erin");
    }

    static Api.Reply deliver(String shop, String topic, byte[] body, String hmac) {
        Api gateway = E2eStack.gateway();
        return gateway.send(gateway.request("/webhooks/shopify").header("Content-Type", "application/json")
                .header("X-Shopify-Topic", topic).header("X-Shopify-Shop-Domain", shop)
                .header("X-Shopify-Event-Id", UUID.randomUUID().toString())
                .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString()).header("X-Shopify-API-Version", "2026-10")
                .header("X-Shopify-Triggered-At", Instant.now().toString()).header("X-Shopify-Hmac-Sha256", hmac)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }
}
