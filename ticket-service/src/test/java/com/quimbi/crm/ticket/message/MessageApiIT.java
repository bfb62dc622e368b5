package com.quimbi.crm.ticket.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
class MessageApiIT {

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
    Api agent;

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port);
        agent = api.as(DemoUser.AGENT);
    }

    static final String REPLY = """
            {"html":"<p>Sorry! <b>A replacement</b> ships today.</p>",
             "attachments":[{"name":"label.pdf","contentType":"application/pdf","size":48213,
                             "url":"https://files.example.com/label.pdf"}]}""";

    @Test
    void aReplyRetriedWithTheSameIdempotencyKeyIsAddedOnceAndAnotherBodyUnderThatKeyIs422() {
        String ticket = ApiCalls.openTicket(api, "Retried reply", ApiCalls.uniqueEmail("retry"));
        String key = "reply-" + java.util.UUID.randomUUID();

        Api.Reply first = agent.send(agent.request("/api/tickets/" + ticket + "/messages").header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(java.net.http.HttpRequest.BodyPublishers.ofString(REPLY)));
        Api.Reply retry = agent.send(agent.request("/api/tickets/" + ticket + "/messages").header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(java.net.http.HttpRequest.BodyPublishers.ofString(REPLY)));
        Api.Reply reused = agent.send(agent.request("/api/tickets/" + ticket + "/messages").header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"body\":\"Another reply\"}")));
        Api.Reply badKey = agent.send(agent.request("/api/tickets/" + ticket + "/messages").header("Content-Type", "application/json")
                .header("Idempotency-Key", "with space").POST(java.net.http.HttpRequest.BodyPublishers.ofString(REPLY)));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(reused.status()).as(reused.toString()).isEqualTo(422);
        assertThat(badKey.status()).as(badKey.toString()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM message WHERE ticket_id = ?::uuid", Long.class, ticket)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE aggregateid = ? AND type = 'message.added'",
                Long.class, ticket)).isEqualTo(1);
    }

    @Test
    void anAgentRepliesTheTicketOpensAndTheEventIsInTheOutbox() {
        String ticket = ApiCalls.openTicket(api, "Broken mug", ApiCalls.uniqueEmail("mug"));

        Api.Reply reply = agent.post("/api/tickets/" + ticket + "/messages", REPLY);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().path("body").asString()).isEqualTo("Sorry! A replacement ships today.");
        assertThat(reply.json().path("html").asString()).contains("<b>A replacement</b>");
        assertThat(reply.json().path("direction").asString()).isEqualTo("outbound");
        assertThat(reply.json().path("deliveryStatus").asString()).isEqualTo("queued");
        assertThat(agent.get("/api/tickets/" + ticket).json().path("status").asString()).isEqualTo("open");

        List<String> events = jdbc.queryForList("SELECT payload::text FROM outbox WHERE aggregateid = ? AND type IN "
                + "('message.added', 'ticket.status_changed') ORDER BY occurredat", String.class, ticket);
        assertThat(events).hasSize(2);
        events.forEach(EventContracts::assertValid);
        assertThat(String.join("", events)).contains("\"attachmentCount\": 1").contains("\"reason\": \"agent_reply\"");
    }

    @Test
    void aCustomerReplyReopensASolvedTicketAndNotesLeaveTheStatusAlone() {
        String ticket = ApiCalls.openTicket(api, "Refund", ApiCalls.uniqueEmail("refund"));
        assertThat(ApiCalls.patch(agent, "/api/tickets/" + ticket, "{\"status\":\"solved\"}", null).status())
                .isEqualTo(200);

        assertThat(agent.post("/api/tickets/" + ticket + "/messages", "{\"body\":\"Checked.\",\"internal\":true}")
                .status()).isEqualTo(201);
        assertThat(agent.get("/api/tickets/" + ticket).json().path("status").asString()).isEqualTo("solved");

        Api.Reply customer = agent.post("/api/tickets/" + ticket + "/messages",
                "{\"body\":\"It still has not arrived.\",\"authorType\":\"customer\"}");
        assertThat(customer.status()).isEqualTo(201);
        assertThat(customer.json().path("direction").asString()).isEqualTo("inbound");
        assertThat(agent.get("/api/tickets/" + ticket).json().path("status").asString()).isEqualTo("open");
    }

    @Test
    void aMisspelledInternalFlagIsRefusedInsteadOfPublishingTheNote() {
        String ticket = ApiCalls.openTicket(api, "Typo", ApiCalls.uniqueEmail("typo"));

        Api.Reply reply = agent.post("/api/tickets/" + ticket + "/messages",
                "{\"body\":\"Customer is on our watch list.\",\"internel\":true}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().path("errors").get(0).path("field").asString()).isEqualTo("internel");
        assertThat(agent.get("/api/tickets/" + ticket + "/messages").json().path("items").size()).isZero();

        Api.Reply nested = agent.post("/api/tickets/" + ticket + "/messages", """
                {"body":"See label.","attachments":[{"name":"a.pdf","contentType":"application/pdf","size":1,
                 "url":"https://files.example.com/a.pdf","sizeBytes":1}]}""");
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.json().path("errors").get(0).path("field").asString()).isEqualTo("attachments[0].sizeBytes");
    }

    @Test
    void aTamperedMessageCursorIsRefused() {
        String ticket = ApiCalls.openTicket(api, "Pages", ApiCalls.uniqueEmail("pages"));
        for (int i = 0; i < 2; i++) {
            assertThat(agent.post("/api/tickets/" + ticket + "/messages", "{\"body\":\"m" + i + "\"}").status())
                    .isEqualTo(201);
        }
        String cursor = agent.get("/api/tickets/" + ticket + "/messages?limit=1").json().path("nextCursor").asString();
        String tampered = (cursor.charAt(0) == 'A' ? 'B' : 'A') + cursor.substring(1);

        assertThat(agent.get("/api/tickets/" + ticket + "/messages?limit=1&cursor=" + tampered).status())
                .isEqualTo(400);
        assertThat(agent.get("/api/tickets/" + ticket + "/activity?cursor=" + cursor).status()).isEqualTo(400);
    }

    @Test
    void aClosedTicketTakesNoMessages() {
        String ticket = ApiCalls.openTicket(api, "Done", ApiCalls.uniqueEmail("done"));
        ApiCalls.patch(agent, "/api/tickets/" + ticket, "{\"status\":\"closed\"}", null);

        assertThat(agent.post("/api/tickets/" + ticket + "/messages", "{\"body\":\"hello?\"}").status()).isEqualTo(409);
    }

    @Test
    void unsafeOrInvalidMessagesAreRefusedAndNothingIsWritten() {
        String ticket = ApiCalls.openTicket(api, "Unsafe", ApiCalls.uniqueEmail("unsafe"));
        long before = jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class);

        Api.Reply script = agent.post("/api/tickets/" + ticket + "/messages",
                "{\"html\":\"<p>hi</p><script>steal()</script>\"}");
        assertThat(script.status()).isEqualTo(400);
        assertThat(script.json().path("errors").get(0).path("field").asString()).isEqualTo("html");
        Api.Reply handler = agent.post("/api/tickets/" + ticket + "/messages",
                "{\"html\":\"<img src=x onerror=alert(1)>hi\"}");
        assertThat(handler.status()).isEqualTo(400);

        Api.Reply attachments = agent.post("/api/tickets/" + ticket + "/messages", """
                {"body":"see file","attachments":[{"name":"../etc/passwd","contentType":"nope","size":-1,
                 "url":"javascript:alert(1)"}]}""");
        assertThat(attachments.status()).isEqualTo(400);
        assertThat(attachments.json().path("errors").findValuesAsString("field")).contains("attachments[0].name",
                "attachments[0].contentType", "attachments[0].size", "attachments[0].url");
        assertThat(agent.post("/api/tickets/" + ticket + "/messages", "{}").status()).isEqualTo(400);
        assertThat(agent.post("/api/tickets/" + UUID.randomUUID() + "/messages", "{\"body\":\"x\"}").status())
                .isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM message WHERE ticket_id = ?::uuid", Long.class, ticket))
                .isZero();
    }

    @Test
    void authorsEditSupervisorsDeleteAndReadMarkersArePerAgent() {
        String ticket = ApiCalls.openTicket(api, "Thread", ApiCalls.uniqueEmail("thread"));
        String first = api.as(DemoUser.SUPERVISOR).post("/api/tickets/" + ticket + "/messages",
                "{\"body\":\"From the supervisor\"}").json().path("id").asString();
        String second = agent.post("/api/tickets/" + ticket + "/messages", "{\"body\":\"From the agent\"}")
                .json().path("id").asString();

        assertThat(agent.get("/api/tickets/" + ticket).json().path("unreadMessages").asInt()).isEqualTo(1);
        assertThat(agent.post("/api/tickets/" + ticket + "/read", "").status()).isEqualTo(204);
        assertThat(agent.get("/api/tickets/" + ticket).json().path("unreadMessages").asInt()).isZero();
        assertThat(agent.get("/api/tickets/" + ticket + "/messages").json().path("items").get(0).path("read")
                .asBoolean()).isTrue();
        assertThat(api.as(DemoUser.ADMIN).get("/api/tickets/" + ticket + "/messages").json().path("items").get(0)
                .path("read").asBoolean()).isFalse();

        assertThat(ApiCalls.patch(agent, "/api/messages/" + first, "{\"body\":\"hijack\"}", null).status())
                .isEqualTo(403);
        Api.Reply edited = ApiCalls.patch(agent, "/api/messages/" + second, "{\"body\":\"From the agent, edited\"}",
                "\"0\"");
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().path("editedAt").asString()).isNotBlank();

        assertThat(ApiCalls.delete(agent, "/api/messages/" + first).status()).isEqualTo(403);
        assertThat(ApiCalls.delete(api.as(DemoUser.SUPERVISOR), "/api/messages/" + first).status()).isEqualTo(204);
        assertThat(agent.get("/api/tickets/" + ticket + "/messages").json().path("items").findValuesAsString("id"))
                .containsExactly(second);
        List<String> updates = jdbc.queryForList("SELECT payload::text FROM outbox WHERE type = 'message.updated' "
                + "AND aggregateid = ?", String.class, ticket);
        assertThat(updates).hasSize(2);
        updates.forEach(EventContracts::assertValid);
        assertThat(agent.get("/api/tickets/" + ticket + "/activity").json().path("items").findValuesAsString("action"))
                .contains("message_added", "message_edited", "message_deleted");
    }

    @Test
    void messagesPageByCursor() {
        String ticket = ApiCalls.openTicket(api, "Long thread", ApiCalls.uniqueEmail("long"));
        for (int i = 0; i < 5; i++) {
            agent.post("/api/tickets/" + ticket + "/messages", "{\"body\":\"note " + i + "\",\"internal\":true}");
        }
        Api.Reply page1 = agent.get("/api/tickets/" + ticket + "/messages?limit=3");
        String cursor = page1.json().path("nextCursor").asString();
        Api.Reply page2 = agent.get("/api/tickets/" + ticket + "/messages?limit=3&cursor=" + cursor);

        assertThat(page1.json().path("items").findValuesAsString("body")).containsExactly("note 0", "note 1", "note 2");
        assertThat(page2.json().path("items").findValuesAsString("body")).containsExactly("note 3", "note 4");
        assertThat(page2.json().has("nextCursor")).isFalse();
    }
}
