package com.quimbi.crm.ticket.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;
import com.quimbi.crm.ticket.ApiCalls;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class CustomerApiIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        // partner events other test classes publish (a Gorgias import adds a ticket) must not change counts here
        registry.add("spring.kafka.listener.auto-startup", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port).as(DemoUser.AGENT);
    }

    Api.Reply create(String email, String name) {
        return api.post("/api/customers", """
                {"email":"%s","name":"%s","phone":"+34 600 111 222",
                 "externalRefs":{"shopifyCustomerId":"%s"},"preferences":{"timezone":"Europe/Madrid"}}"""
                .formatted(email, name, shopifyId(email)));
    }

    static String shopifyId(String email) {
        return "sh-" + email.toLowerCase().hashCode();
    }

    @Test
    void anAgentCreatesFindsAndUpdatesACustomer() {
        String email = ApiCalls.uniqueEmail("Nora.Diaz");
        Api.Reply created = create(email, "Nora Díaz");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.json().path("email").asString()).isEqualTo(email.toLowerCase());
        assertThat(created.json().path("tier").asString()).isEqualTo("standard");
        assertThat(created.json().path("externalRefs").path("shopifyCustomerId").asString()).isEqualTo(shopifyId(email));

        assertThat(api.get("/api/customers?email=" + java.net.URLEncoder.encode(email.toUpperCase(), java.nio.charset.StandardCharsets.UTF_8)).json().path("items").get(0).path("id")
                .asString()).isEqualTo(id);
        assertThat(api.get("/api/customers?q=nora").json().path("items").findValuesAsString("id")).contains(id);

        Api.Reply patched = ApiCalls.patch(api, "/api/customers/" + id, "{\"name\":\"Nora D.\",\"phone\":\"\"}", "\"0\"");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().path("name").asString()).isEqualTo("Nora D.");
        assertThat(patched.json().has("phone")).isFalse();
        assertThat(patched.header("ETag")).isEqualTo("\"1\"");
        assertThat(ApiCalls.patch(api, "/api/customers/" + id, "{\"name\":\"X\"}", "\"0\"").status()).isEqualTo(412);

        String event = jdbc.queryForObject("SELECT payload::text FROM outbox WHERE aggregateid = ? AND type = "
                + "'customer.updated'", String.class, id);
        EventContracts.assertValid(event);
        EventContracts.assertValid(jdbc.queryForObject("SELECT payload::text FROM outbox WHERE aggregateid = ? AND "
                + "type = 'customer.created'", String.class, id));
    }

    @Test
    void unknownPropertiesAreRefusedOnCreateUpdateAndMerge() {
        Api.Reply create = api.post("/api/customers", """
                {"email":"%s","name":"Ann","preferences":{"langauge":"de"}}""".formatted(ApiCalls.uniqueEmail("ann")));
        assertThat(create.status()).as(create.toString()).isEqualTo(400);
        assertThat(create.json().path("errors").get(0).path("field").asString()).isEqualTo("preferences.langauge");

        String id = create(ApiCalls.uniqueEmail("bea"), "Bea").json().path("id").asString();
        Api.Reply update = ApiCalls.patch(api, "/api/customers/" + id, "{\"nmae\":\"Bea\"}", null);
        assertThat(update.status()).isEqualTo(400);
        assertThat(update.json().path("errors").get(0).path("field").asString()).isEqualTo("nmae");

        Api.Reply merge = api.post("/api/customers/" + id + "/merge", "{\"sourceId\":\"" + id + "\"}");
        assertThat(merge.status()).isEqualTo(400);
        assertThat(merge.json().path("errors").get(0).path("field").asString()).isEqualTo("sourceId");
    }

    @Test
    void aSecondCustomerWithTheSameEmailIsAConflict() {
        String email = ApiCalls.uniqueEmail("dup");
        assertThat(create(email, "A").status()).isEqualTo(201);
        Api.Reply again = create(email.toUpperCase(), "B");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void badInputIsAProblemWithFieldErrors() {
        Api.Reply reply = api.post("/api/customers", """
                {"email":"nope","phone":"call me","preferences":{"language":"english!","preferredChannel":"fax"}}""");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("errors").findValuesAsString("field")).contains("email", "phone",
                "preferences.language", "preferences.preferredChannel");
        assertThat(api.get("/api/customers/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get("/api/customers?cursor=garbage").status()).isEqualTo(400);
    }

    @Test
    void theApiTakesExactlyTheLengthsTheCustomerContractAllows() {
        String phone = "+" + "1".repeat(39);
        String language = "en-abcdefgh-abcdefgh-abcdefgh-abcde";
        assertThat(phone).hasSize(40);
        assertThat(language).hasSize(35);
        Api.Reply atTheLimit = api.post("/api/customers", """
                {"email":"%s","phone":"%s","preferences":{"language":"%s"}}"""
                .formatted(ApiCalls.uniqueEmail("bounds"), phone, language));
        assertThat(atTheLimit.status()).as(atTheLimit.toString()).isEqualTo(201);

        Api.Reply over = api.post("/api/customers", """
                {"email":"%s","phone":"%s","preferences":{"language":"%s"}}"""
                .formatted(ApiCalls.uniqueEmail("bounds"), phone + "2", language + "f"));
        assertThat(over.status()).as(over.toString()).isEqualTo(400);
        assertThat(over.json().path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("phone", "preferences.language");
        String id = atTheLimit.json().path("id").asString();
        Api.Reply patch = ApiCalls.patch(api, "/api/customers/" + id, """
                {"phone":"%s"}""".formatted(phone + "2"), null);
        assertThat(patch.status()).as(patch.toString()).isEqualTo(400);
    }

    @Test
    void mergingMovesEveryTicketAndTheOldAddressResolvesToTheSurvivor() {
        String keepEmail = ApiCalls.uniqueEmail("keep");
        String dupEmail = ApiCalls.uniqueEmail("dup");
        String t1 = ApiCalls.openTicket(api, "First", keepEmail);
        String t2 = ApiCalls.openTicket(api, "Second", dupEmail);
        String t3 = ApiCalls.openTicket(api, "Third", dupEmail);
        String keep = api.get("/api/tickets/" + t1).json().path("customerId").asString();
        String dup = api.get("/api/tickets/" + t2).json().path("customerId").asString();

        Api.Reply merged = api.post("/api/customers/" + keep + "/merge", "{\"sourceCustomerId\":\"" + dup + "\"}");

        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(merged.json().path("movedTickets").asInt()).isEqualTo(2);
        assertThat(api.get("/api/customers/" + keep + "/tickets").json().path("items").findValuesAsString("id"))
                .containsExactlyInAnyOrder(t1, t2, t3);
        assertThat(api.get("/api/customers/" + dup).json().path("mergedInto").asString()).isEqualTo(keep);
        assertThat(api.get("/api/tickets/" + t3).json().path("customerEmail").asString()).isEqualTo(keepEmail);
        String t4 = ApiCalls.openTicket(api, "Fourth", dupEmail);
        assertThat(api.get("/api/tickets/" + t4).json().path("customerId").asString()).isEqualTo(keep);
        assertThat(api.get("/api/customers?q=dup").json().path("items").findValuesAsString("id")).doesNotContain(dup);

        EventContracts.assertValid(jdbc.queryForObject("SELECT payload::text FROM outbox WHERE aggregateid = ? AND "
                + "type = 'customer.merged'", String.class, keep));
        assertThat(api.post("/api/customers/" + keep + "/merge", "{\"sourceCustomerId\":\"" + dup + "\"}").status())
                .isEqualTo(409);
        assertThat(api.post("/api/customers/" + keep + "/merge", "{\"sourceCustomerId\":\"" + keep + "\"}").status())
                .isEqualTo(400);
    }
}
