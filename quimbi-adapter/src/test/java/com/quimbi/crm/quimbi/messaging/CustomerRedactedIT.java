package com.quimbi.crm.quimbi.messaging;

import static com.quimbi.crm.quimbi.AdapterTestSupport.GOLDEN_CUSTOMER_ID;
import static com.quimbi.crm.quimbi.AdapterTestSupport.deliver;
import static com.quimbi.crm.quimbi.AdapterTestSupport.messageAdded;
import static com.quimbi.crm.quimbi.AdapterTestSupport.ticketCreated;
import static com.quimbi.crm.quimbi.AdapterTestSupport.ticketCreatedFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.customer.CustomerRedacted;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.quimbi.AdapterTestSupport;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

/**
 * customer.redacted (the golden event, delivered twice): the adapter keeps nothing of the customer afterwards — no
 * ticket text, message, address or activity, by customer id and by the former address — and its API knows
 * nothing of them; another customer's data stays.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class CustomerRedactedIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        AdapterTestSupport.register(registry, null);
    }

    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    static final String GOLDEN_EMAIL = "maria.lopez@example.com";
    static final String GOLDEN_EMAIL_SHA256 = "ceea7b686c43f044fffaab488a94d05dca6d2a7fb3b79b7c0adfb3e43574f7bf";

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    @Test
    void everythingOfTheRedactedCustomerIsGoneAndOthersStay() {
        // a customer and address of this test's own: the topics outlive the test, and later test classes' contexts
        // read them from the start, so erasing the golden customer here would erase theirs too
        UUID customer = UUID.randomUUID();
        String email = "redact." + customer + "@example.com";
        UUID byId = UUID.randomUUID();
        UUID byAddress = UUID.randomUUID(); // an older ticket keyed by the address only
        UUID othersTicket = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        deliver(Topics.TICKET, byId.toString(), ticketCreatedFor(UUID.randomUUID(), byId, customer,
                "Refund for order 5521", "Please refund to my card ending 4242.").replace(GOLDEN_EMAIL, email),
                TicketCreated.TYPE);
        deliver(Topics.TICKET, byId.toString(), messageAdded(UUID.randomUUID(), byId, "customer",
                "I live at Calle Mayor 1, Madrid."), MessageAdded.TYPE);
        deliver(Topics.TICKET, byAddress.toString(), ticketCreated(UUID.randomUUID(), byAddress).replace(GOLDEN_EMAIL, email),
                TicketCreated.TYPE);
        deliver(Topics.TICKET, othersTicket.toString(), ticketCreatedFor(UUID.randomUUID(), othersTicket, other,
                "Other person", "Keep me.").replace(GOLDEN_EMAIL, "someone.else." + other + "@example.com"), TicketCreated.TYPE);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "SELECT count(*) FROM ticket_message WHERE ticket_id = ?", byId) == 1
                && count("SELECT count(*) FROM ticket_context WHERE ticket_id IN (?, ?)", byAddress, othersTicket) == 2);
        assertThat(count("SELECT count(*) FROM customer_activity WHERE customer_key IN (?, ?)", customer.toString(),
                "email:" + email)).isEqualTo(2);

        Api agent = Api.at("http://localhost:" + port).as(DemoUser.AGENT);
        UUID eventId = UUID.randomUUID();
        String redacted = EventContracts.golden(CustomerRedacted.TYPE, 1).replace("0193a0c4-8000-7000-8000-000000000024",
                eventId.toString()).replace(GOLDEN_CUSTOMER_ID, customer.toString())
                .replace(GOLDEN_EMAIL_SHA256, sha256(email));
        EventContracts.assertValid(redacted);
        deliver(Topics.CUSTOMER, customer.toString(), redacted, CustomerRedacted.TYPE);
        deliver(Topics.CUSTOMER, customer.toString(), redacted, CustomerRedacted.TYPE);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "SELECT count(*) FROM processed_message WHERE message_id = ?", eventId) == 1
                && count("SELECT count(*) FROM ticket_message WHERE ticket_id = ?", byId) == 0);

        assertThat(count("SELECT count(*) FROM ticket_context WHERE customer_key = ? OR customer_email ILIKE ?",
                customer.toString(), email)).isZero();
        assertThat(count("SELECT count(*) FROM ticket_context WHERE ticket_id IN (?, ?) AND (subject <> '' OR description "
                + "IS NOT NULL OR last_customer_message IS NOT NULL)", byId, byAddress)).isZero();
        assertThat(count("SELECT count(*) FROM ticket_context WHERE ticket_id IN (?, ?) AND (subject ILIKE '%refund%' "
                + "OR description ILIKE '%4242%' OR description ILIKE '%mug%')", byId, byAddress)).isZero();
        assertThat(count("SELECT count(*) FROM customer_activity WHERE customer_key IN (?, ?)", customer.toString(),
                "email:" + email)).isZero();
        // the API knows nothing of them any more
        Api.Reply dna = agent.get("/api/ai/customers/" + customer + "/dna");
        assertThat(dna.status()).isEqualTo(200);
        assertThat(dna.json().path("archetype").asString()).isEqualTo("unknown");
        assertThat(agent.get("/api/ai/customers/" + customer + "/churn").json().path("ltv").asDouble()).isZero();
        assertThat(agent.post("/api/ai/tickets/" + byId + "/draft", "{}").body()).doesNotContain("Calle Mayor")
                .doesNotContain("5521");
        // someone else's data stays
        assertThat(count("SELECT count(*) FROM ticket_context WHERE ticket_id = ? AND customer_key = ? AND description = ?",
                othersTicket, other.toString(), "Keep me.")).isEqualTo(1);
    }
}
