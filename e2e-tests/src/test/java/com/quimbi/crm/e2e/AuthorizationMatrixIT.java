package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

import tools.jackson.databind.JsonNode;

/**
 * The role matrix of docs/security.md, walked through the gateway: every route × anonymous, agent, supervisor,
 * admin and a deactivated agent. "open" means the caller got past authentication and authorization (any
 * answer but 401, 403 or a 5xx). The matrix must grow with the endpoints: {@link #everyDocumentedEndpointIsInTheMatrix}
 * compares it with the OpenAPI documents of the services it covers.
 */
class AuthorizationMatrixIT {

    enum Caller { ANONYMOUS, AGENT, SUPERVISOR, ADMIN, DEACTIVATED }

    enum Expect { OPEN, UNAUTHORIZED, FORBIDDEN }

    static final Expect O = Expect.OPEN;
    static final Expect U = Expect.UNAUTHORIZED;
    static final Expect F = Expect.FORBIDDEN;

    /** One route with a request and the expectation per caller, in the order of {@link Caller}. */
    record Row(String method, String template, String path, String body, List<Expect> expected) {
        String key() {
            return method + " " + template;
        }
    }

    /** Services whose every documented endpoint must have a row (add a service when its rows are written). */
    static final Map<String, String> COVERED_SERVICES = Map.of("agent-service", "/api/agents",
            "analytics-service", "/api/analytics", "ticket-service", "/api/", "quimbi-adapter", "/api/ai",
            "assignment-service", "/api/", "sla-service", "/api/sla", "integration-service", "/api/",
            "notification-service", "/api/", "automation-service", "/api/");

    static final Map<Caller, String> TOKENS = new LinkedHashMap<>();
    static String agentId;
    static String supervisorId;

    @BeforeAll
    static void callers() {
        E2eStack.get(); // start the stack outside the rate-limit retries below, which give up after 30 s
        TOKENS.put(Caller.AGENT, login(DemoUser.AGENT.username(), DemoUser.AGENT.credential()));
        TOKENS.put(Caller.SUPERVISOR, login(DemoUser.SUPERVISOR.username(), DemoUser.SUPERVISOR.credential()));
        TOKENS.put(Caller.ADMIN, login(DemoUser.ADMIN.username(), DemoUser.ADMIN.credential()));
        Api admin = E2eStack.gateway().as(TOKENS.get(Caller.ADMIN));
        agentId = createAgent(admin, "agent", null);
        supervisorId = createAgent(admin, "supervisor", null);
        // a deactivated agent whose access token is still within its lifetime
        String password = "leaver-pass-1234";
        String leaverName = "leaver-" + UUID.randomUUID().toString().substring(0, 8);
        String leaver = createAgent(admin, "agent", leaverName);
        String leaverToken = login(leaverName, password);
        assertThat(notLimited(() -> admin.send(admin.request("/api/agents/" + leaver).DELETE())).status()).isEqualTo(204);
        // agent.deactivated travels outbox → Debezium → Kafka → gateway
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> E2eStack.gateway().as(leaverToken).get("/api/auth/me").status() == 401);
        TOKENS.put(Caller.DEACTIVATED, leaverToken);
    }

    static String createAgent(Api admin, String role, String username) {
        String name = username != null ? username : "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = notLimited(() -> admin.post("/api/agents", """
                {"email":"%s@example.com","username":"%s","firstName":"Mat","lastName":"Rix","role":"%s",
                 "initialPassword":"leaver-pass-1234","temporaryPassword":false}""".formatted(name, name, role)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    static String login(String username, String password) {
        Api.Reply reply = notLimited(() -> E2eStack.gateway().post("/api/auth/login",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().path("accessToken").asString();
    }

    /**
     * The e2e gateway has small rate-limit buckets (and other tests empty them): a 429 is retried, it says
     * nothing about roles.
     */
    static Api.Reply notLimited(java.util.function.Supplier<Api.Reply> request) {
        AtomicReference<Api.Reply> reply = new AtomicReference<>();
        // no poll delay: with a fixed poll interval Awaitility waits one interval before the first try, which
        // cost the ~650 calls of the matrix 200 ms each (over two minutes of the e2e run)
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).until(() -> {
            reply.set(request.get());
            return reply.get().status() != 429;
        });
        return reply.get();
    }

    static List<Row> matrix() {
        String ticket = """
                {"subject":"Matrix","description":"Walking the matrix.","channel":"email","customerEmail":"m@example.com"}""";
        String newAgent = """
                {"email":"%s@example.com","firstName":"New","lastName":"Hire","role":"%s"}""";
        String unknown = UUID.randomUUID().toString();
        List<Row> rows = new ArrayList<>();
        //               method   template                         path                                   body                                  anon agent sup admin deactivated
        rows.add(new Row("GET", "/api/auth/me", "/api/auth/me", null, List.of(U, O, O, O, U)));
        // the audit trail of every service, merged by the gateway: admins only
        rows.add(new Row("GET", "/api/audit", "/api/audit?limit=5", null, List.of(U, F, F, O, U)));
        // the agent console's page (static, served by the gateway): open to everyone, the API behind it is not
        rows.add(new Row("GET", "/", "/", null, List.of(O, O, O, O, O)));
        rows.add(new Row("POST", "/api/tickets", "/api/tickets", ticket, List.of(U, O, O, O, U)));
        rows.add(new Row("GET", "/api/tickets/{id}", "/api/tickets/" + unknown, null, List.of(U, O, O, O, U)));
        rows.add(new Row("GET", "/api/analytics/tickets/summary", "/api/analytics/tickets/summary", null, List.of(U, F, O, O, U)));
        // analytics-service: supervisors read everything, an agent only their own numbers (agentId is another
        // agent); the rebuild is admin-only and without confirm=true answers 400 after the role check
        rows.add(new Row("GET", "/api/analytics/agents/{id}", "/api/analytics/agents/" + agentId, null, List.of(U, F, O, O, U)));
        rows.add(new Row("GET", "/api/analytics/agents/{id}/today", "/api/analytics/agents/" + agentId + "/today", null, List.of(U, F, O, O, U)));
        for (String report : List.of("team", "leaderboard", "tickets/volume", "tickets/channels", "tickets/categories",
                "tickets/resolution", "sla/compliance", "customers/top", "customers/churn", "customers/vip",
                "customers/repeat-issues", "targets")) {
            rows.add(new Row("GET", "/api/analytics/" + report, "/api/analytics/" + report, null, List.of(U, F, O, O, U)));
        }
        rows.add(new Row("POST", "/api/analytics/rebuild", "/api/analytics/rebuild", null, List.of(U, F, F, O, U)));
        rows.add(new Row("POST", "/api/agents", "/api/agents", newAgent.formatted("%s", "agent"), List.of(U, F, O, O, U)));
        rows.add(new Row("POST", "/api/agents (admin role)", "/api/agents", newAgent.formatted("%s", "admin"), List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/agents", "/api/agents", null, List.of(U, O, O, O, U)));
        rows.add(new Row("GET", "/api/agents/me", "/api/agents/me", null, List.of(U, O, O, O, U)));
        rows.add(new Row("GET", "/api/agents/{id}", "/api/agents/" + agentId, null, List.of(U, O, O, O, U)));
        rows.add(new Row("PATCH", "/api/agents/{id}", "/api/agents/" + agentId, "{\"team\":\"matrix\"}", List.of(U, F, O, O, U)));
        rows.add(new Row("PATCH", "/api/agents/{id} (a supervisor)", "/api/agents/" + supervisorId, "{\"team\":\"matrix\"}", List.of(U, F, F, O, U)));
        rows.add(new Row("PUT", "/api/agents/{id}/status", "/api/agents/" + agentId + "/status", "{\"status\":\"away\"}", List.of(U, F, O, O, U)));
        rows.add(new Row("DELETE", "/api/agents/{id}", "/api/agents/" + unknown, null, List.of(U, F, F, O, U)));
        // ticket-service: unknown ids are enough; "open" means the role got past authorization (404/400 are fine)
        String customer = """
                {"email":"%s@example.com","name":"Matrix Customer"}""";
        rows.add(new Row("GET", "/api/tickets", "/api/tickets?limit=5", null, List.of(U, O, O, O, U)));
        rows.add(new Row("PATCH", "/api/tickets/{id}", "/api/tickets/" + unknown, "{\"priority\":\"high\"}", List.of(U, O, O, O, U)));
        rows.add(new Row("DELETE", "/api/tickets/{id}", "/api/tickets/" + unknown, null, List.of(U, F, O, O, U)));
        rows.add(new Row("GET", "/api/tickets/{id}/activity", "/api/tickets/" + unknown + "/activity", null, List.of(U, O, O, O, U)));
        rows.add(new Row("POST", "/api/tickets/{ticketId}/messages", "/api/tickets/" + unknown + "/messages", "{\"text\":\"Hello\"}", List.of(U, O, O, O, U)));
        rows.add(new Row("GET", "/api/tickets/{ticketId}/messages", "/api/tickets/" + unknown + "/messages", null, List.of(U, O, O, O, U)));
        rows.add(new Row("POST", "/api/tickets/{ticketId}/read", "/api/tickets/" + unknown + "/read", null, List.of(U, O, O, O, U)));
        rows.add(new Row("PATCH", "/api/messages/{id}", "/api/messages/" + unknown, "{\"text\":\"Edited\"}", List.of(U, O, O, O, U)));
        rows.add(new Row("DELETE", "/api/messages/{id}", "/api/messages/" + unknown, null, List.of(U, F, O, O, U)));
        rows.add(new Row("POST", "/api/customers", "/api/customers", customer, List.of(U, O, O, O, U)));
        rows.add(new Row("GET", "/api/customers", "/api/customers?q=matrix", null, List.of(U, O, O, O, U)));
        rows.add(new Row("GET", "/api/customers/{id}", "/api/customers/" + unknown, null, List.of(U, O, O, O, U)));
        rows.add(new Row("PATCH", "/api/customers/{id}", "/api/customers/" + unknown, "{\"name\":\"Renamed\"}", List.of(U, O, O, O, U)));
        rows.add(new Row("GET", "/api/customers/{id}/tickets", "/api/customers/" + unknown + "/tickets", null, List.of(U, O, O, O, U)));
        rows.add(new Row("POST", "/api/customers/{id}/merge", "/api/customers/" + unknown + "/merge", "{\"sourceId\":\"" + unknown + "\"}", List.of(U, O, O, O, U)));
        // privacy exports (shops' data requests) hold everything about a customer: admins only
        rows.add(new Row("GET", "/api/privacy/exports", "/api/privacy/exports", null, List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/privacy/exports/{id}", "/api/privacy/exports/" + unknown, null, List.of(U, F, F, O, U)));
        // quimbi-adapter
        rows.add(new Row("GET", "/api/ai/customers/{id}/dna", "/api/ai/customers/" + unknown + "/dna", null, List.of(U, O, O, O, U)));
        rows.add(new Row("GET", "/api/ai/customers/{id}/churn", "/api/ai/customers/" + unknown + "/churn", null, List.of(U, O, O, O, U)));
        rows.add(new Row("POST", "/api/ai/tickets/{id}/draft", "/api/ai/tickets/" + unknown + "/draft", "{\"tone\":\"friendly\"}", List.of(U, O, O, O, U)));
        // assignment-service: an agent may assign only themself and read only their own queue
        rows.add(new Row("POST", "/api/tickets/{id}/assign", "/api/tickets/" + unknown + "/assign", "{\"agentId\":\"" + agentId + "\"}", List.of(U, F, O, O, U)));
        rows.add(new Row("POST", "/api/tickets/{id}/auto-assign", "/api/tickets/" + unknown + "/auto-assign", null, List.of(U, F, O, O, U)));
        rows.add(new Row("POST", "/api/tickets/{id}/transfer", "/api/tickets/" + unknown + "/transfer", "{\"note\":\"matrix\"}", List.of(U, O, O, O, U)));
        rows.add(new Row("POST", "/api/tickets/{id}/accept", "/api/tickets/" + unknown + "/accept", null, List.of(U, O, O, O, U)));
        rows.add(new Row("GET", "/api/tickets/{id}/assignments", "/api/tickets/" + unknown + "/assignments", null, List.of(U, O, O, O, U)));
        rows.add(new Row("GET", "/api/tickets/unassigned", "/api/tickets/unassigned?limit=5", null, List.of(U, O, O, O, U)));
        rows.add(new Row("GET", "/api/agents/{id}/queue", "/api/agents/" + agentId + "/queue", null, List.of(U, F, O, O, U)));
        // sla-service: everyone reads, admins change. Bodies are valid (bean validation runs before the role check,
        // so an invalid one would answer 400 to everybody); the policy only matches a tag no ticket has.
        String policy = """
                {"name":"Matrix %s","conditions":{"tags":["matrix-never"]},"targets":[{"metric":"first_response","target":"PT1H","businessHours":false}]}""";
        String calendar = """
                {"name":"Matrix %s","timezone":"Europe/Berlin","weeklyHours":{"mon":[{"start":"09:00","end":"17:00"}]}}""";
        rows.add(new Row("GET", "/api/sla/policies", "/api/sla/policies", null, List.of(U, O, O, O, U)));
        rows.add(new Row("POST", "/api/sla/policies", "/api/sla/policies", policy, List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/sla/policies/{id}", "/api/sla/policies/" + unknown, null, List.of(U, O, O, O, U)));
        rows.add(new Row("PUT", "/api/sla/policies/{id}", "/api/sla/policies/" + unknown, policy, List.of(U, F, F, O, U)));
        rows.add(new Row("DELETE", "/api/sla/policies/{id}", "/api/sla/policies/" + unknown, null, List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/sla/calendars", "/api/sla/calendars", null, List.of(U, O, O, O, U)));
        rows.add(new Row("POST", "/api/sla/calendars", "/api/sla/calendars", calendar, List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/sla/calendars/{id}", "/api/sla/calendars/" + unknown, null, List.of(U, O, O, O, U)));
        rows.add(new Row("PUT", "/api/sla/calendars/{id}", "/api/sla/calendars/" + unknown, calendar, List.of(U, F, F, O, U)));
        rows.add(new Row("DELETE", "/api/sla/calendars/{id}", "/api/sla/calendars/" + unknown, null, List.of(U, F, F, O, U)));
        rows.add(new Row("POST", "/api/sla/calendars/{id}/holidays/import", "/api/sla/calendars/" + unknown + "/holidays/import", "BEGIN:VCALENDAR\nEND:VCALENDAR\n", List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/sla/tickets/{id}", "/api/sla/tickets/" + unknown, null, List.of(U, O, O, O, U)));
        rows.add(new Row("GET", "/api/sla/breaches", "/api/sla/breaches?limit=5", null, List.of(U, O, O, O, U)));
        rows.add(new Row("GET", "/api/sla/at-risk", "/api/sla/at-risk?limit=5", null, List.of(U, O, O, O, U)));
        rows.add(new Row("GET", "/api/sla/dashboard", "/api/sla/dashboard", null, List.of(U, O, O, O, U)));
        // integration-service: shops and webhook receipts are admin-only. The domain is no myshopify name, so the
        // admin gets a 400 before any call to Shopify (the role check comes first)
        String shopCredentials = """
                {"accessToken":"shpat_matrix","apiSecret":"shpss_matrix"}""";
        rows.add(new Row("GET", "/api/shopify/shops", "/api/shopify/shops", null, List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/shopify/shops/{domain}", "/api/shopify/shops/matrix.myshopify.com", null, List.of(U, F, F, O, U)));
        rows.add(new Row("PUT", "/api/shopify/shops/{domain}", "/api/shopify/shops/not-a-shop.example.com", shopCredentials, List.of(U, F, F, O, U)));
        rows.add(new Row("POST", "/api/shopify/sync/customers", "/api/shopify/sync/customers", "{\"shop\":\"matrix.myshopify.com\"}", List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/shopify/sync/{id}", "/api/shopify/sync/" + unknown, null, List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/shopify/webhooks", "/api/shopify/webhooks?status=failed", null, List.of(U, F, F, O, U)));
        // a customer's Shopify orders (routed to integration-service ahead of ticket-service): agent+, unknown → 404
        rows.add(new Row("GET", "/api/mail/mailboxes", "/api/mail/mailboxes", null, List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/mail/mailboxes/{address}", "/api/mail/mailboxes/matrix@example.com", null, List.of(U, F, F, O, U)));
        // a well-formed, disabled mailbox: validation runs before the role check, so a broken body would be 400 for all
        String mailbox = """
                {"imapHost":"imap.matrix.invalid","imapPort":993,"smtpHost":"smtp.matrix.invalid","smtpPort":465,
                 "username":"matrix@example.com","password":"matrix-mailbox-pass","enabled":false}""";
        rows.add(new Row("PUT", "/api/mail/mailboxes/{address}", "/api/mail/mailboxes/matrix@example.com", mailbox, List.of(U, F, F, O, U)));
        rows.add(new Row("DELETE", "/api/mail/mailboxes/{address}", "/api/mail/mailboxes/matrix@example.com", null, List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/mail/attachments/{id}", "/api/mail/attachments/" + unknown, null, List.of(U, O, O, O, U)));
        rows.add(new Row("GET", "/api/customers/{id}/orders", "/api/customers/" + unknown + "/orders", null, List.of(U, O, O, O, U)));
        // the merchant's browser, no token: the install needs a myshopify name (400), the callback Shopify's hmac (401)
        rows.add(new Row("GET", "/api/shopify/install", "/api/shopify/install?shop=not-a-shop", null, List.of(O, O, O, O, O)));
        rows.add(new Row("GET", "/api/shopify/oauth/callback", "/api/shopify/oauth/callback?shop=matrix.myshopify.com", null, List.of(O, O, O, O, O)));
        // notification-service: a WebSocket connection ticket for the caller's own socket, agent+
        rows.add(new Row("POST", "/api/realtime/tickets", "/api/realtime/tickets", null, List.of(U, O, O, O, U)));
        // notification-service alerts: Slack messages and channels supervisor+ (no workspace in the stack: 409, past the
        // role check), the workspace connection admin-only (a bad token: 400 for the admin, nothing is connected)
        rows.add(new Row("POST", "/api/slack/notify", "/api/slack/notify", "{\"channel\":\"#matrix\",\"text\":\"matrix\"}", List.of(U, F, O, O, U)));
        rows.add(new Row("GET", "/api/slack/channels", "/api/slack/channels", null, List.of(U, F, O, O, U)));
        rows.add(new Row("GET", "/api/slack/workspace", "/api/slack/workspace", null, List.of(U, F, F, O, U)));
        rows.add(new Row("PUT", "/api/slack/workspace", "/api/slack/workspace", "{\"botToken\":\"not-a-token\"}", List.of(U, F, F, O, U)));
        rows.add(new Row("DELETE", "/api/slack/workspace", "/api/slack/workspace", null, List.of(U, F, F, O, U)));
        // notification rules: read supervisor+, written by admins (a disabled rule; unknown ids → 404)
        String rule = """
                {"name":"matrix %s","eventKind":"sla_breach","enabled":false,"destinations":[{"type":"websocket"}]}""";
        rows.add(new Row("GET", "/api/notifications/rules", "/api/notifications/rules", null, List.of(U, F, O, O, U)));
        rows.add(new Row("POST", "/api/notifications/rules", "/api/notifications/rules", rule, List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/notifications/rules/{id}", "/api/notifications/rules/" + unknown, null, List.of(U, F, O, O, U)));
        rows.add(new Row("PUT", "/api/notifications/rules/{id}", "/api/notifications/rules/" + unknown, rule, List.of(U, F, F, O, U)));
        rows.add(new Row("DELETE", "/api/notifications/rules/{id}", "/api/notifications/rules/" + unknown, null, List.of(U, F, F, O, U)));
        String summary = """
                {"name":"matrix %s","period":"daily","time":"09:00","timeZone":"UTC","enabled":false,"destinations":[{"type":"email","address":"matrix@example.com"}]}""";
        rows.add(new Row("GET", "/api/notifications/summaries", "/api/notifications/summaries", null, List.of(U, F, O, O, U)));
        rows.add(new Row("POST", "/api/notifications/summaries", "/api/notifications/summaries", summary, List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/notifications/summaries/{id}", "/api/notifications/summaries/" + unknown, null, List.of(U, F, O, O, U)));
        rows.add(new Row("PUT", "/api/notifications/summaries/{id}", "/api/notifications/summaries/" + unknown, summary, List.of(U, F, F, O, U)));
        rows.add(new Row("DELETE", "/api/notifications/summaries/{id}", "/api/notifications/summaries/" + unknown, null, List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/notifications/rules/{id}/audit", "/api/notifications/rules/" + unknown + "/audit", null, List.of(U, F, F, O, U)));
        // alert deliveries: supervisor+ (failed ones are retried by supervisors)
        rows.add(new Row("GET", "/api/notifications/deliveries", "/api/notifications/deliveries?status=failed", null, List.of(U, F, O, O, U)));
        rows.add(new Row("GET", "/api/notifications/deliveries/{id}", "/api/notifications/deliveries/" + unknown, null, List.of(U, F, O, O, U)));
        rows.add(new Row("POST", "/api/notifications/deliveries/{id}/retry", "/api/notifications/deliveries/" + unknown + "/retry", null, List.of(U, F, O, O, U)));
        // automation-service: macros. Everyone uses them; shared ones are managed by supervisors and admins (an
        // agent's shared macro → 403); unknown macros or tickets → 404 (preview/apply ask ticket-service as the caller)
        String sharedMacro = """
                {"name":"Matrix %s","scope":"shared","replyText":"Hi {{customer.first_name}}","actions":{"addTags":["matrix"]}}""";
        rows.add(new Row("GET", "/api/macros", "/api/macros", null, List.of(U, O, O, O, U)));
        rows.add(new Row("POST", "/api/macros", "/api/macros", sharedMacro, List.of(U, F, O, O, U)));
        rows.add(new Row("GET", "/api/macros/{id}", "/api/macros/" + unknown, null, List.of(U, O, O, O, U)));
        rows.add(new Row("PUT", "/api/macros/{id}", "/api/macros/" + unknown, sharedMacro, List.of(U, O, O, O, U)));
        rows.add(new Row("DELETE", "/api/macros/{id}", "/api/macros/" + unknown, null, List.of(U, O, O, O, U)));
        rows.add(new Row("POST", "/api/tickets/{ticketId}/macros/{macroId}/preview", "/api/tickets/" + unknown + "/macros/" + unknown + "/preview", null, List.of(U, O, O, O, U)));
        rows.add(new Row("POST", "/api/tickets/{ticketId}/macros/{macroId}/apply", "/api/tickets/" + unknown + "/macros/" + unknown + "/apply", null, List.of(U, O, O, O, U)));
        // time rules: supervisors read, admins write (the admin's rule needs a tag nobody uses: it must not touch
        // other tests' tickets; it is disabled)
        String timeRule = """
                {"name":"Matrix %s","enabled":false,"statuses":["new"],"tags":["matrix-%s"],"afterMinutes":60,"actions":{"priority":"high"}}""";
        rows.add(new Row("GET", "/api/automations/time-rules", "/api/automations/time-rules", null, List.of(U, F, O, O, U)));
        rows.add(new Row("POST", "/api/automations/time-rules", "/api/automations/time-rules", timeRule, List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/automations/time-rules/{id}", "/api/automations/time-rules/" + unknown, null, List.of(U, F, O, O, U)));
        rows.add(new Row("PUT", "/api/automations/time-rules/{id}", "/api/automations/time-rules/" + unknown, timeRule, List.of(U, F, F, O, U)));
        rows.add(new Row("DELETE", "/api/automations/time-rules/{id}", "/api/automations/time-rules/" + unknown, null, List.of(U, F, F, O, U)));
        // event rules and rule sets: the same (the admin's rule is disabled and needs a tag nobody uses); the dry run
        // is the supervisor's
        String eventRule = """
                {"name":"Matrix %s","enabled":false,"triggers":["ticket_created"],"conditions":{"tags":["matrix-%s"]},"actions":{"priority":"high"}}""";
        rows.add(new Row("GET", "/api/automations/event-rules", "/api/automations/event-rules", null, List.of(U, F, O, O, U)));
        rows.add(new Row("POST", "/api/automations/event-rules", "/api/automations/event-rules", eventRule, List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/automations/event-rules/{id}", "/api/automations/event-rules/" + unknown, null, List.of(U, F, O, O, U)));
        rows.add(new Row("PUT", "/api/automations/event-rules/{id}", "/api/automations/event-rules/" + unknown, eventRule, List.of(U, F, F, O, U)));
        rows.add(new Row("DELETE", "/api/automations/event-rules/{id}", "/api/automations/event-rules/" + unknown, null, List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/automations/rule-sets", "/api/automations/rule-sets", null, List.of(U, F, O, O, U)));
        rows.add(new Row("PUT", "/api/automations/rule-sets/{name}", "/api/automations/rule-sets/matrix", "{\"mode\":\"all_match\"}", List.of(U, F, F, O, U)));
        rows.add(new Row("POST", "/api/automations/{id}/preview", "/api/automations/" + unknown + "/preview", null, List.of(U, F, O, O, U)));
        // outbound webhooks: admin only (the admin's endpoint is disabled and points nowhere reachable)
        String webhook = """
                {"name":"Matrix %s","url":"http://matrix.invalid/hook","events":["csat.rated"],"enabled":false}""";
        rows.add(new Row("GET", "/api/automations/webhooks", "/api/automations/webhooks", null, List.of(U, F, F, O, U)));
        rows.add(new Row("POST", "/api/automations/webhooks", "/api/automations/webhooks", webhook, List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/automations/webhooks/{id}", "/api/automations/webhooks/" + unknown, null, List.of(U, F, F, O, U)));
        rows.add(new Row("PUT", "/api/automations/webhooks/{id}", "/api/automations/webhooks/" + unknown, webhook, List.of(U, F, F, O, U)));
        rows.add(new Row("DELETE", "/api/automations/webhooks/{id}", "/api/automations/webhooks/" + unknown, null, List.of(U, F, F, O, U)));
        rows.add(new Row("POST", "/api/automations/webhooks/{id}/rotate-secret", "/api/automations/webhooks/" + unknown + "/rotate-secret", null, List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/automations/webhooks/{id}/deliveries", "/api/automations/webhooks/" + unknown + "/deliveries", null, List.of(U, F, F, O, U)));
        rows.add(new Row("POST", "/api/automations/webhooks/{id}/deliveries/{deliveryId}/redeliver", "/api/automations/webhooks/" + unknown + "/deliveries/" + unknown + "/redeliver", null, List.of(U, F, F, O, U)));
        // the customers' CSAT survey page: no login, the signed token decides (an invalid one → 404 for everyone)
        rows.add(new Row("GET", "/api/csat/{token}", "/api/csat/not-a-token", null, List.of(O, O, O, O, O)));
        rows.add(new Row("POST", "/api/csat/{token}", "/api/csat/not-a-token", "rating=5", List.of(O, O, O, O, O)));
        // Slack's events and buttons: no token helps, only Slack's signature does (none here, so 401 for everyone)
        rows.add(new Row("POST", "/webhooks/slack/events", "/webhooks/slack/events", "{}", List.of(U, U, U, U, U)));
        rows.add(new Row("POST", "/api/slack/webhooks/events", "/api/slack/webhooks/events", "{}", List.of(U, U, U, U, U)));
        rows.add(new Row("POST", "/webhooks/slack/interactivity", "/webhooks/slack/interactivity", "payload=%7B%7D", List.of(U, U, U, U, U)));
        // no token helps a webhook: only the shop's signature does (none here, so 401 for everyone)
        rows.add(new Row("POST", "/webhooks/shopify", "/webhooks/shopify", "{}", List.of(U, U, U, U, U)));
        // Gorgias: accounts, imports and the push queue are admin-only; the domain is no valid subdomain, so the
        // admin gets a 400 before any call to Gorgias (the role check comes first); unknown ids → 404
        String gorgiasCredentials = """
                {"email":"api@matrix.test","apiKey":"matrix-key","webhookSecret":"matrix-webhook-secret-0123456789"}""";
        rows.add(new Row("GET", "/api/gorgias/accounts", "/api/gorgias/accounts", null, List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/gorgias/accounts/{domain}", "/api/gorgias/accounts/matrix-none", null, List.of(U, F, F, O, U)));
        rows.add(new Row("PUT", "/api/gorgias/accounts/{domain}", "/api/gorgias/accounts/Not_A_Domain", gorgiasCredentials, List.of(U, F, F, O, U)));
        rows.add(new Row("DELETE", "/api/gorgias/accounts/{domain}", "/api/gorgias/accounts/matrix-none", null, List.of(U, F, F, O, U)));
        rows.add(new Row("POST", "/api/gorgias/sync/tickets", "/api/gorgias/sync/tickets", "{\"account\":\"matrix-none\"}", List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/gorgias/sync/{id}", "/api/gorgias/sync/" + unknown, null, List.of(U, F, F, O, U)));
        rows.add(new Row("GET", "/api/gorgias/pushes", "/api/gorgias/pushes?status=failed", null, List.of(U, F, F, O, U)));
        // a ticket's Gorgias page (routed to integration-service ahead of ticket-service): agent+, none → 404
        rows.add(new Row("GET", "/api/tickets/{id}/gorgias-link", "/api/tickets/" + unknown + "/gorgias-link", null, List.of(U, O, O, O, U)));
        // Gorgias webhooks: no token helps, only the shared secret header does (none here, so 401 for everyone)
        rows.add(new Row("POST", "/webhooks/gorgias/{event}", "/webhooks/gorgias/ticket-updated", "{}", List.of(U, U, U, U, U)));
        rows.add(new Row("POST", "/api/gorgias/webhooks/ticket-created", "/api/gorgias/webhooks/ticket-created", "{}", List.of(U, U, U, U, U)));
        rows.add(new Row("POST", "/api/gorgias/webhooks/ticket-message-created", "/api/gorgias/webhooks/ticket-message-created", "{}", List.of(U, U, U, U, U)));
        return rows;
    }

    @Test
    void everyRouteAnswersEveryCallerAsTheMatrixSays() {
        List<String> mismatches = new ArrayList<>();
        for (Row row : matrix()) {
            Iterator<Expect> expected = row.expected().iterator();
            for (Caller caller : Caller.values()) {
                Expect expect = expected.next();
                try {
                    Api.Reply reply = call(caller, row);
                    if (!matches(expect, reply.status())) {
                        mismatches.add(row.key() + " as " + caller + ": expected " + expect + ", got " + reply);
                    }
                } catch (RuntimeException e) {
                    // a hung route is a finding about that route: name it and walk on
                    mismatches.add(row.key() + " as " + caller + ": expected " + expect + ", failed " + e);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void everyDocumentedEndpointIsInTheMatrix() {
        Set<String> inMatrix = new TreeSet<>();
        matrix().forEach(r -> inMatrix.add(r.method() + " " + r.template().replaceAll(" \\(.*\\)$", "")));
        Set<String> missing = new TreeSet<>();
        COVERED_SERVICES.forEach((service, prefix) -> {
            JsonNode paths = Api.at(E2eStack.get().serviceUrl(service)).get("/v3/api-docs").json().path("paths");
            paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
                String endpoint = operation.getKey().toUpperCase() + " " + path.getKey();
                if (path.getKey().startsWith(prefix) && !inMatrix.contains(endpoint)) {
                    missing.add(service + ": " + endpoint);
                }
            }));
        });
        assertThat(missing).as("endpoints without a row in the matrix (and in docs/security.md)").isEmpty();
    }

    static Api.Reply call(Caller caller, Row row) {
        Api api = caller == Caller.ANONYMOUS ? E2eStack.gateway() : E2eStack.gateway().as(TOKENS.get(caller));
        String body = row.body() == null ? null
                : row.body().replace("%s", "m" + UUID.randomUUID().toString().substring(0, 8));
        return notLimited(() -> {
            HttpRequest.Builder request = api.request(row.path());
            if (body != null) {
                request.header("Content-Type", body.startsWith("BEGIN:VCALENDAR") ? "text/calendar" : "application/json")
                        .method(row.method(), HttpRequest.BodyPublishers.ofString(body));
            } else {
                request.method(row.method(), HttpRequest.BodyPublishers.noBody());
            }
            return api.send(request);
        });
    }

    static boolean matches(Expect expect, int status) {
        return switch (expect) {
            case OPEN -> status != 401 && status != 403 && status < 500;
            case UNAUTHORIZED -> status == 401;
            case FORBIDDEN -> status == 403;
        };
    }
}
