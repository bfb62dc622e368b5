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
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

import tools.jackson.databind.JsonNode;

/**
 * A shop joins and its customers follow: an admin connects a custom-app shop through the gateway (integration-service
 * validates the token against Shopify, here WireMock), Shopify delivers a signed {@code customers/create} to the
 * gateway's open webhook path → integration-service → its outbox → Debezium → ticket-service, where the customer
 * appears with its Shopify id, tags and order count. A forged delivery is refused and creates nobody.
 */
class ShopifyFlowIT {

    static final String GRAPHQL = "/admin/api/2026-10/graphql.json";

    @Test
    void aSignedCustomerWebhookThroughTheGatewayBecomesATicketServiceCustomerAndAForgedOneDoesNot() throws Exception {
        String shop = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
        String secret = "shpss_" + UUID.randomUUID();
        E2eStack.shopify().stubFor(post(urlEqualTo(GRAPHQL)).withHeader("X-Shopify-Access-Token", equalTo("shpat_e2e"))
                .withRequestBody(containing("shop { name }"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"data":{"shop":{"name":"E2E Outdoor"}},"extensions":{"cost":{"requestedQueryCost":1,
                         "actualQueryCost":1,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1999,
                         "restoreRate":100.0}}}}""")));

        Api admin = E2eStack.gateway().as(E2eStack.login(DemoUser.ADMIN));
        Api.Reply connected = admin.send(admin.request("/api/shopify/shops/" + shop)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"accessToken\":\"shpat_e2e\",\"apiSecret\":\"" + secret + "\"}")));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        assertThat(connected.body()).doesNotContain(secret).doesNotContain("shpat_e2e");

        Api agent = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT));
        String shopifyId = String.valueOf(9_007_199_254_740_993L + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000));

        // forged: signed with another secret → 401 at once, and nothing is created
        String forgedEmail = "forged." + shopifyId + "@example.com";
        byte[] forged = customer(shopifyId + "1", forgedEmail);
        assertThat(deliver(shop, forged, sign("not-the-secret", forged)).status()).isEqualTo(401);
        // a body altered after signing is forged too
        byte[] original = customer(shopifyId + "2", forgedEmail);
        byte[] altered = new String(original, StandardCharsets.UTF_8).replace("\"orders_count\":7", "\"orders_count\":8")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(deliver(shop, altered, sign(secret, original)).status()).isEqualTo(401);

        // signed with the shop's API secret over the raw bytes → 200, and the customer reaches ticket-service
        String email = "Dana." + shopifyId + "@Example.com";
        byte[] body = customer(shopifyId, email);
        Api.Reply accepted = deliver(shop, body, sign(secret, body));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);

        String query = "/api/customers?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> agent.get(query).json().path("items").size() == 1);
        JsonNode customer = agent.get(query).json().path("items").get(0);
        assertThat(customer.path("email").asString()).isEqualTo(email.toLowerCase(java.util.Locale.ROOT));
        assertThat(customer.path("name").asString()).isEqualTo("Dana Okafor");
        assertThat(customer.path("externalRefs").path("shopifyCustomerId").asString()).isEqualTo(shopifyId);
        assertThat(customer.path("shop").path("tags").toString()).isEqualTo("[\"vip\",\"wholesale\"]");
        assertThat(customer.path("shop").path("ordersCount").asInt()).isEqualTo(7);
        assertThat(customer.path("shop").path("totalSpent").path("amount").asString()).isEqualTo("412.30");
        assertThat(customer.path("tier").asString()).isEqualTo("vip");

        // the forged deliveries created nobody (the genuine one, delivered after them, has been processed)
        assertThat(agent.get("/api/customers?email=" + URLEncoder.encode(forgedEmail, StandardCharsets.UTF_8)).json()
                .path("items").size()).isZero();
    }

    /** customers/create as Shopify's REST-shaped webhook payload (tags one comma-separated string). */
    static byte[] customer(String id, String email) {
        return """
                {"id":%s,"email":"%s","created_at":"2026-12-01T10:01:02-05:00","updated_at":"2026-12-01T10:01:02-05:00",
                 "first_name":"Dana","last_name":"Okafor","orders_count":7,"state":"enabled","total_spent":"412.30",
                 "last_order_id":null,"note":null,"verified_email":true,"multipass_identifier":null,"tax_exempt":false,
                 "tags":"vip, wholesale","last_order_name":null,"currency":"USD","phone":null,
                 "addresses":[],"tax_exemptions":[],"admin_graphql_api_id":"gid://shopify/Customer/%s","default_address":null}"""
                .formatted(id, email, id).getBytes(StandardCharsets.UTF_8);
    }

    static Api.Reply deliver(String shop, byte[] body, String hmac) {
        Api gateway = E2eStack.gateway();
        return gateway.send(gateway.request("/webhooks/shopify").header("Content-Type", "application/json")
                .header("X-Shopify-Topic", "customers/create").header("X-Shopify-Shop-Domain", shop)
                .header("X-Shopify-Event-Id", UUID.randomUUID().toString())
                .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString()).header("X-Shopify-API-Version", "2026-10")
                .header("X-Shopify-Triggered-At", Instant.now().toString()).header("X-Shopify-Hmac-Sha256", hmac)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** As Shopify signs: base64 HMAC-SHA256 of the raw body with the app's API secret. */
    static String sign(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
