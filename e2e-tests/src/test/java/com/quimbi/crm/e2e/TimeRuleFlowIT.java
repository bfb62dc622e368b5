package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

import tools.jackson.databind.JsonNode;

/**
 * A time rule (and an event rule) through the whole stack: "new for 1 minute → priority urgent" fires at its minute (within 5 s of
 * the due moment), on the real ticket, through ticket-service as automation-service's service account. The rule
 * only looks at a tag of this test, so no other test's ticket is touched.
 */
class TimeRuleFlowIT {

    @Test
    void aNewTicketEscalatesOneMinuteAfterItWasOpened() {
        Api admin = E2eStack.gateway().as(E2eStack.login(DemoUser.ADMIN));
        Api agent = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT));
        String tag = "timerule-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply rule = admin.post("/api/automations/time-rules", """
                {"name":"New for a minute %s","statuses":["new"],"tags":["%s"],"afterMinutes":1,
                 "actions":{"priority":"urgent"}}""".formatted(tag, tag));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
        String ruleId = rule.json().path("id").asString();
        try {
            Api.Reply created = agent.post("/api/tickets", """
                    {"subject":"Nobody answered","description":"Hello?","priority":"normal","channel":"chat",
                     "customerEmail":"time.rule@example.com","tags":["%s"]}""".formatted(tag));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String ticketId = created.json().path("id").asString();
            Instant due = Instant.parse(created.json().path("createdAt").asString()).plus(Duration.ofMinutes(1));

            Awaitility.await().atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofMillis(500)).until(() ->
                    "urgent".equals(agent.get("/api/tickets/" + ticketId).json().path("priority").asString()));
            JsonNode escalation = agent.get("/api/tickets/" + ticketId + "/activity?limit=100").json().path("items")
                    .valueStream().filter(e -> e.path("action").asString().equals("updated")
                            && e.path("details").toString().contains("urgent"))
                    .findFirst().orElseThrow();
            Instant firedAt = Instant.parse(escalation.path("occurredAt").asString());
            assertThat(firedAt).as("fired at %s, due %s", firedAt, due)
                    .isAfterOrEqualTo(due.minusMillis(100)).isBefore(due.plusSeconds(5));
            // not the agent: automation-service's own service account made the change
            assertThat(escalation.path("actor").path("id").asString()).isNotEqualTo(created.json().path("createdBy").asString());
        } finally {
            admin.send(admin.request("/api/automations/time-rules/" + ruleId).DELETE());
        }
    }

    /**
     * An event rule through the whole stack: a new chat ticket mentioning a refund gets priority high and a tag at
     * once, by the service account, with an internal note naming the rule; its dry run lists the ticket.
     */
    @Test
    void anEventRuleActsOnANewTicketAndNamesItself() {
        Api admin = E2eStack.gateway().as(E2eStack.login(DemoUser.ADMIN));
        Api agent = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT));
        String tag = "eventrule-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply rule = admin.post("/api/automations/event-rules", """
                {"name":"Refunds %s","triggers":["ticket_created"],
                 "conditions":{"tags":["%s"],"channels":["chat"],"textContains":["refund"]},
                 "actions":{"priority":"high","addTags":["refund"]}}""".formatted(tag, tag));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
        String ruleId = rule.json().path("id").asString();
        try {
            Api.Reply created = agent.post("/api/tickets", """
                    {"subject":"Money back","description":"I want a Refund","priority":"normal","channel":"chat",
                     "customerEmail":"event.rule@example.com","tags":["%s"]}""".formatted(tag));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String ticketId = created.json().path("id").asString();

            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                JsonNode ticket = agent.get("/api/tickets/" + ticketId).json();
                return "high".equals(ticket.path("priority").asString())
                        && ticket.path("tags").toString().contains("\"refund\"");
            });
            JsonNode note = agent.get("/api/tickets/" + ticketId + "/messages?limit=100").json().path("items")
                    .valueStream().filter(m -> m.path("internal").asBoolean()).findFirst().orElseThrow();
            assertThat(note.path("body").asString()).startsWith("Automation: event rule (ticket_created) «Refunds " + tag + "»");

            Api.Reply preview = admin.post("/api/automations/" + ruleId + "/preview", "");
            assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
            assertThat(preview.json().path("tickets").toString()).contains(ticketId);
        } finally {
            admin.send(admin.request("/api/automations/event-rules/" + ruleId).DELETE());
        }
    }
}
