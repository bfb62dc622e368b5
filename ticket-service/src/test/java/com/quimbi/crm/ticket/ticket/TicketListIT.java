package com.quimbi.crm.ticket.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;
import com.quimbi.crm.ticket.message.MessageRequests.AddMessage;
import com.quimbi.crm.ticket.message.MessageService;

import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketListIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        // other test classes publish partner events (a Gorgias import adds a ticket): this class counts tickets
        registry.add("spring.kafka.listener.auto-startup", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    TicketService tickets;
    @Autowired
    MessageService messages;

    Api api;
    final Actor agent = Actor.agent("list-agent");
    Ticket urgentBilling;
    Ticket lowShipping;
    Ticket normalRefund;
    Ticket pendingUrgent;

    @BeforeAll
    void seed() {
        urgentBilling = open("Card charged twice", "billing dispute for order 77", TicketPriority.URGENT,
                TicketChannel.EMAIL, "ada@example.com", List.of("billing"));
        lowShipping = open("Parcel late", "tracking shows no movement", TicketPriority.LOW, TicketChannel.CHAT,
                "bob@example.com", List.of("shipping"));
        normalRefund = open("Refund request", "the mug arrived broken", TicketPriority.NORMAL, TicketChannel.WEB,
                "ada@example.com", List.of("refund", "billing"));
        pendingUrgent = open("Waiting on photos", "please send photos", TicketPriority.URGENT, TicketChannel.EMAIL,
                "cy@example.com", List.of());
        tickets.update(pendingUrgent.getId(), new UpdateTicketRequest(null, TicketStatus.PENDING, null, null, null,
                null, null, null), null, agent);
        messages.add(lowShipping.getId(), new AddMessage("The courier says the parcel was refused", null, false,
                "customer", null), agent);
        for (int i = 0; i < 7; i++) {
            open("Filler " + i, "nothing special", TicketPriority.NORMAL, TicketChannel.PHONE, "filler@example.com",
                    List.of("filler"));
        }
    }

    Ticket open(String subject, String description, TicketPriority priority, TicketChannel channel, String email,
            List<String> tags) {
        return tickets.open(new CreateTicketRequest(subject, description, priority, channel, email, null, null, tags,
                null), agent);
    }

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port).as(DemoUser.AGENT);
    }

    List<String> ids(String query) {
        Api.Reply reply = api.get("/api/tickets" + query);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().path("items").findValuesAsString("id");
    }

    @Test
    void smartOrderPutsUrgentWorkFirstAndWaitingTicketsLast() {
        List<String> all = ids("?limit=200");
        assertThat(all).hasSize(11);
        assertThat(all.getFirst()).isEqualTo(urgentBilling.getId().toString());
        assertThat(all.getLast()).isEqualTo(pendingUrgent.getId().toString());
    }

    @Test
    void filtersCombine() {
        assertThat(ids("?status=pending")).containsExactly(pendingUrgent.getId().toString());
        assertThat(ids("?priority=urgent,low&status=new,open")).containsExactlyInAnyOrder(
                urgentBilling.getId().toString(), lowShipping.getId().toString());
        assertThat(ids("?tag=BILLING")).containsExactlyInAnyOrder(urgentBilling.getId().toString(),
                normalRefund.getId().toString());
        assertThat(ids("?channel=web")).containsExactly(normalRefund.getId().toString());
        assertThat(ids("?customerId=" + urgentBilling.getCustomerId())).hasSize(2);
        assertThat(ids("?assigneeId=none&channel=chat")).containsExactly(lowShipping.getId().toString());
        assertThat(ids("?createdFrom=" + urgentBilling.getCreatedAt() + "&createdTo=" + lowShipping.getCreatedAt()))
                .containsExactly(urgentBilling.getId().toString());
        assertThat(ids("?assigneeId=" + UUID.randomUUID())).isEmpty();
    }

    @Test
    void slaStateFiltersTheTicketsAtRiskOrBreachedInSmartOrder() {
        Instant now = Instant.now();
        // a refund about to miss its deadline, a waiting ticket past it (parked, so it stays last in smart order)
        tickets.applySla(normalRefund.getId(), new SlaSnapshot(now.plus(Duration.ofHours(48)), "at_risk", now), agent);
        tickets.applySla(pendingUrgent.getId(), new SlaSnapshot(now.minus(Duration.ofHours(1)), "breached", now), agent);
        tickets.applySla(lowShipping.getId(), new SlaSnapshot(now.plus(Duration.ofDays(5)), "on_track", now), agent);

        assertThat(ids("?slaState=at_risk,breached")).containsExactly(normalRefund.getId().toString(),
                pendingUrgent.getId().toString());
        assertThat(ids("?slaState=BREACHED")).containsExactly(pendingUrgent.getId().toString());
        assertThat(ids("?slaState=at_risk,breached&status=pending")).containsExactly(pendingUrgent.getId().toString());
        // paged like every list
        Api.Reply first = api.get("/api/tickets?slaState=at_risk,breached&limit=1");
        assertThat(first.json().path("items").findValuesAsString("id")).containsExactly(normalRefund.getId().toString());
        assertThat(ids("?slaState=at_risk,breached&limit=1&cursor=" + first.json().path("nextCursor").asString()))
                .containsExactly(pendingUrgent.getId().toString());

        Api.Reply bad = api.get("/api/tickets?slaState=late");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").get(0).path("field").asString()).isEqualTo("slaState");
        assertThat(Api.at("http://localhost:" + port).get("/api/tickets?slaState=at_risk").status()).isEqualTo(401);
    }

    @Test
    void searchFindsSubjectDescriptionAndMessageBodiesRanked() {
        assertThat(ids("?q=charged")).containsExactly(urgentBilling.getId().toString());
        assertThat(ids("?q=mug")).containsExactly(normalRefund.getId().toString());
        assertThat(ids("?q=courier%20refused")).containsExactly(lowShipping.getId().toString());
        // a subject hit (weight A) outranks a description hit (weight B)
        assertThat(ids("?q=refund")).first().isEqualTo(normalRefund.getId().toString());
        assertThat(ids("?q=broken%20OR%20billing&sort=created")).containsExactly(normalRefund.getId().toString(),
                urgentBilling.getId().toString());
        Api.Reply ranked = api.get("/api/tickets?q=billing");
        assertThat(ranked.json().path("items").get(0).path("rank").asDouble()).isPositive();
        assertThat(ids("?q=%22no%20such%20phrase%22")).isEmpty();
    }

    @Test
    void everySortPagesThroughAllTicketsExactlyOnce() {
        for (String sort : List.of("smart", "created", "updated", "priority")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                Api.Reply page = api.get("/api/tickets?limit=4&sort=" + sort + (cursor == null ? "" : "&cursor=" + cursor));
                assertThat(page.status()).as(sort + " " + page).isEqualTo(200);
                JsonNode json = page.json();
                seen.addAll(json.path("items").findValuesAsString("id"));
                cursor = json.path("nextCursor").isMissingNode() ? null : json.path("nextCursor").asString();
            } while (cursor != null);
            assertThat(seen).as(sort).hasSize(11).doesNotHaveDuplicates();
        }
        List<String> byPriority = ids("?sort=priority&limit=2");
        assertThat(byPriority).contains(urgentBilling.getId().toString(), pendingUrgent.getId().toString());
    }

    @Test
    void searchPagesByRankToo() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode json = api.get("/api/tickets?q=filler%20OR%20billing&limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            seen.addAll(json.path("items").findValuesAsString("id"));
            cursor = json.path("nextCursor").isMissingNode() ? null : json.path("nextCursor").asString();
        } while (cursor != null);
        assertThat(seen).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void badListParametersAreProblemsNot500s() {
        assertThat(api.get("/api/tickets?status=sleeping").status()).isEqualTo(400);
        assertThat(api.get("/api/tickets?sort=random").status()).isEqualTo(400);
        assertThat(api.get("/api/tickets?sort=relevance").status()).isEqualTo(400);
        assertThat(api.get("/api/tickets?cursor=bm9wZQ").status()).isEqualTo(400);
        assertThat(api.get("/api/tickets?createdFrom=yesterday").status()).isEqualTo(400);
        assertThat(api.get("/api/tickets?limit=abc").status()).isEqualTo(400);
        assertThat(api.get("/api/tickets?customerId=42").status()).isEqualTo(400);
        String smartCursor = api.get("/api/tickets?limit=1").json().path("nextCursor").asString();
        assertThat(api.get("/api/tickets?sort=created&cursor=" + smartCursor).status()).isEqualTo(400);
        Api.Reply truncated = api.get("/api/tickets?cursor=" + smartCursor.substring(0, smartCursor.length() - 2));
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.json().path("errors").get(0).path("field").asString()).isEqualTo("cursor");
        // a cursor of another list (a customer's page) is refused by the ticket list
        String customerCursor = api.get("/api/customers?limit=1").json().path("nextCursor").asString();
        assertThat(customerCursor).isNotBlank();
        assertThat(api.get("/api/tickets?cursor=" + customerCursor).status()).isEqualTo(400);
        assertThat(api.get("/api/tickets?q=%26%7C%21%28").status()).isEqualTo(200);
        assertThat(api.get("/api/tickets?limit=100000").json().path("items").size()).isEqualTo(11);
    }
}
