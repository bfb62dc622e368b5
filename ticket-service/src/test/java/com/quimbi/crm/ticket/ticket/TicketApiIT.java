package com.quimbi.crm.ticket.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpRequest;
import java.io.ByteArrayInputStream;

import com.quimbi.crm.ticket.ApiCalls;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class TicketApiIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        // partner events other test classes publish (a Gorgias import adds a ticket) must not change counts here
        registry.add("spring.kafka.listener.auto-startup", () -> "false");
    }

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    com.quimbi.crm.ticket.idempotency.IdempotencyKeys idempotencyKeys;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port);
    }

    static final String VALID = """
            {"subject":"Order #5521 arrived damaged","description":"The mug is broken.",
             "priority":"high","channel":"email","customerEmail":"Maria.Lopez@Example.com"}""";

    @Test
    void anAgentOpensATicketAndReadsItBack() {
        Api.Reply created = api.as(DemoUser.AGENT).post("/api/tickets", VALID);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/tickets/" + id);
        assertThat(created.json().path("number").asString()).matches("#\\d{4,}");
        assertThat(created.json().path("status").asString()).isEqualTo("new");
        assertThat(created.json().path("customerEmail").asString()).isEqualTo("maria.lopez@example.com");

        Api.Reply read = api.as(DemoUser.AGENT).get("/api/tickets/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("subject").asString()).isEqualTo("Order #5521 arrived damaged");
        assertThat(read.json().path("priority").asString()).isEqualTo("high");
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
    }

    @Test
    void priorityDefaultsToNormalAndNumbersIncrease() {
        String body = VALID.replace("\"priority\":\"high\",", "");
        Api.Reply first = api.as(DemoUser.SUPERVISOR).post("/api/tickets", body);
        Api.Reply second = api.as(DemoUser.ADMIN).post("/api/tickets", body);

        assertThat(first.json().path("priority").asString()).isEqualTo("normal");
        long a = Long.parseLong(first.json().path("number").asString().substring(1));
        long b = Long.parseLong(second.json().path("number").asString().substring(1));
        assertThat(b).isGreaterThan(a);
    }

    @Test
    void withoutATokenTheCallIsUnauthorized() {
        Api.Reply reply = api.post("/api/tickets", VALID);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aForgedTokenIsUnauthorized() {
        String token = DemoUser.AGENT.token();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

        assertThat(api.as(forged).get("/api/tickets/" + UUID.randomUUID()).status()).isEqualTo(401);
    }

    @Test
    void invalidFieldsAreListedInAProblem() {
        Api.Reply reply = api.as(DemoUser.AGENT).post("/api/tickets", """
                {"subject":"","description":"x","channel":"email","customerEmail":"not-an-email"}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("errors")).as(reply.toString()).isNotEmpty();
        assertThat(reply.json().path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("subject", "customerEmail");
    }

    @Test
    void aLanguageTagIsAtMostTheContractsThirtyFiveCharacters() {
        String language = "en-abcdefgh-abcdefgh-abcdefgh-abcde";
        Api.Reply atTheLimit = api.as(DemoUser.AGENT).post("/api/tickets", """
                {"subject":"Bonjour","description":"x","channel":"email","customerEmail":"%s","language":"%s"}"""
                .formatted(ApiCalls.uniqueEmail("lang35"), language));
        assertThat(atTheLimit.status()).as(atTheLimit.toString()).isEqualTo(201);

        Api.Reply over = api.as(DemoUser.AGENT).post("/api/tickets", """
                {"subject":"Bonjour","description":"x","channel":"email","customerEmail":"%s","language":"%s"}"""
                .formatted(ApiCalls.uniqueEmail("lang36"), language + "f"));
        assertThat(over.status()).as(over.toString()).isEqualTo(400);
        assertThat(over.json().path("errors").findValuesAsString("field")).containsExactly("language");
        Api.Reply patch = ApiCalls.patch(api.as(DemoUser.AGENT), "/api/tickets/" + atTheLimit.json().path("id").asString(),
                """
                {"language":"%s"}""".formatted(language + "f"), null);
        assertThat(patch.status()).as(patch.toString()).isEqualTo(400);
    }

    @Test
    void anUnknownEnumValueIsABadRequestNamingTheAllowedValues() {
        Api.Reply reply = api.as(DemoUser.AGENT).post("/api/tickets", VALID.replace("\"email\",", "\"pigeon\","));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("errors").get(0).path("field").asString()).isEqualTo("channel");
        assertThat(reply.json().path("detail").asString()).contains("pigeon").contains("email, chat");
    }

    @Test
    void malformedJsonAndWrongTypesAreBadRequests() {
        assertThat(api.as(DemoUser.AGENT).post("/api/tickets", "{\"subject\":").status()).isEqualTo(400);
        assertThat(api.as(DemoUser.AGENT).post("/api/tickets", VALID.replace("\"Order #5521 arrived damaged\"", "{}"))
                .status()).isEqualTo(400);
    }

    @Test
    void anUnknownTicketIsNotFoundAndABadIdIsABadRequest() {
        Api.Reply missing = api.as(DemoUser.AGENT).get("/api/tickets/" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");

        assertThat(api.as(DemoUser.AGENT).get("/api/tickets/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        Api.Reply docs = api.get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/tickets")).isTrue();
        assertThat(docs.json().path("paths").has("/api/tickets/{id}")).isTrue();
    }

    /** The platform's ApiDocumentation: every service's document says how to authenticate and what errors look like. */
    @Test
    void theOpenApiDocumentDescribesAuthenticationProblemsRateLimitsAndExamples() {
        var docs = api.get("/v3/api-docs").json();

        var schemes = docs.path("components").path("securitySchemes");
        assertThat(schemes.path("keycloak").path("type").asString()).isEqualTo("http");
        assertThat(schemes.path("keycloak").path("scheme").asString()).isEqualTo("bearer");
        var login = schemes.path("keycloak-login").path("flows").path("authorizationCode");
        assertThat(login.path("authorizationUrl").asString()).endsWith("/realms/crm/protocol/openid-connect/auth");
        assertThat(login.path("tokenUrl").asString()).isEqualTo("/api/auth/token");
        assertThat(docs.path("security").toString()).contains("keycloak", "keycloak-login");
        assertThat(docs.path("servers").path(0).path("url").asString()).isEqualTo("/");
        assertThat(docs.path("info").path("description").asString())
                .contains("agent", "supervisor", "admin", "429", "Retry-After", "100");

        var problem = docs.path("components").path("schemas").path("Problem").path("properties");
        assertThat(problem.propertyNames()).contains("type", "title", "status", "detail", "instance", "errors");
        var responses = docs.path("components").path("responses");
        for (String name : List.of("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict",
                "PreconditionFailed", "UnsupportedMediaType", "TooManyRequests", "Unavailable")) {
            assertThat(responses.path(name).path("content").has("application/problem+json")).as(name).isTrue();
        }
        assertThat(responses.path("TooManyRequests").path("headers").has("Retry-After")).isTrue();
        assertThat(responses.path("Unavailable").path("headers").has("Retry-After")).isTrue();

        var create = docs.path("paths").path("/api/tickets").path("post");
        assertThat(create.path("responses").propertyNames())
                .contains("201", "400", "401", "403", "409", "413", "415", "429", "503");
        assertThat(create.path("responses").path("401").path("$ref").asString())
                .isEqualTo("#/components/responses/Unauthorized");
        // the operation's own 400 keeps its words and gets the shared problem body
        assertThat(create.path("responses").path("400").path("content").path("application/problem+json")
                .path("schema").path("$ref").asString()).isEqualTo("#/components/schemas/Problem");
        assertThat(create.path("requestBody").path("content").path("application/json").path("examples").toString())
                .contains("maria.lopez@example.com");
        assertThat(create.path("responses").path("201").path("content").path("application/json").path("examples")
                .toString()).contains("#1042");
        var list = docs.path("paths").path("/api/tickets").path("get");
        assertThat(list.path("responses").path("200").path("content").path("application/json").path("examples")
                .toString()).contains("nextCursor");
        var patch = docs.path("paths").path("/api/tickets/{id}").path("patch");
        assertThat(patch.path("responses").propertyNames()).contains("404", "409", "412");
    }

    @Test
    void theSwaggerUiIsServedWithoutAToken() {
        Api.Reply page = api.get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        Api.Reply config = api.get("/v3/api-docs/swagger-config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().path("url").asString()).isEqualTo("/v3/api-docs");
        assertThat(config.json().path("oauth2RedirectUrl").asString()).endsWith("/swagger-ui/oauth2-redirect.html");
    }

    @Test
    void aPatchChangesFieldsAndTheETagFollowsTheVersion() {
        String id = ApiCalls.openTicket(api, "Patch me", ApiCalls.uniqueEmail("patch"));

        Api.Reply patched = ApiCalls.patch(api.as(DemoUser.AGENT), "/api/tickets/" + id, """
                {"priority":"urgent","tags":["Damaged","refund","damaged"],"status":"open","language":"es",
                 "metadata":{"source":"web-form","utmCampaign":"black-friday"}}""", "\"0\"");

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.header("ETag")).isEqualTo("\"1\"");
        assertThat(patched.json().path("priority").asString()).isEqualTo("urgent");
        assertThat(patched.json().path("status").asString()).isEqualTo("open");
        assertThat(patched.json().path("tags").toString()).isEqualTo("[\"damaged\",\"refund\"]");
        assertThat(patched.json().path("metadata").path("utmCampaign").asString()).isEqualTo("black-friday");

        Api.Reply activity = api.as(DemoUser.AGENT).get("/api/tickets/" + id + "/activity");
        assertThat(activity.json().path("items").findValuesAsString("action"))
                .containsExactly("created", "updated", "status_changed");
    }

    @Test
    void aStaleIfMatchIsAPreconditionFailureAndChangesNothing() {
        String id = ApiCalls.openTicket(api, "Stale", ApiCalls.uniqueEmail("stale"));
        assertThat(ApiCalls.patch(api.as(DemoUser.AGENT), "/api/tickets/" + id, "{\"priority\":\"high\"}", "\"0\"")
                .status()).isEqualTo(200);

        Api.Reply stale = ApiCalls.patch(api.as(DemoUser.AGENT), "/api/tickets/" + id, "{\"priority\":\"low\"}",
                "\"0\"");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(api.as(DemoUser.AGENT).get("/api/tickets/" + id).json().path("priority").asString()).isEqualTo("high");
        // an If-Match this service never issued matches no version: the precondition fails too (RFC 9110)
        Api.Reply malformed = ApiCalls.patch(api.as(DemoUser.AGENT), "/api/tickets/" + id, "{\"priority\":\"low\"}",
                "yesterday");
        assertThat(malformed.status()).isEqualTo(412);
        assertThat(malformed.json().path("type").asString())
                .isEqualTo("https://supportcrm.dev/problems/precondition-failed");
        assertThat(api.as(DemoUser.AGENT).get("/api/tickets/" + id).json().path("priority").asString()).isEqualTo("high");
    }

    @Test
    void aMisspelledPropertyIsNamedAndNothingIsWritten() {
        Api.Reply open = api.as(DemoUser.AGENT).post("/api/tickets",
                VALID.replace("\"priority\":\"high\"", "\"priorty\":\"high\""));
        assertThat(open.status()).as(open.toString()).isEqualTo(400);
        assertThat(open.contentType()).startsWith("application/problem+json");
        assertThat(open.json().path("errors").get(0).path("field").asString()).isEqualTo("priorty");
        assertThat(open.json().path("detail").asString()).contains("priorty").contains("priority");

        String id = ApiCalls.openTicket(api, "Strict", ApiCalls.uniqueEmail("strict"));
        Api.Reply patch = ApiCalls.patch(api.as(DemoUser.AGENT), "/api/tickets/" + id, "{\"stauts\":\"solved\"}",
                null);
        assertThat(patch.status()).isEqualTo(400);
        assertThat(patch.json().path("errors").get(0).path("field").asString()).isEqualTo("stauts");
        Api.Reply read = api.as(DemoUser.AGENT).get("/api/tickets/" + id);
        assertThat(read.header("ETag")).isEqualTo("\"0\"");

        // metadata is a typed record (source, UTM fields, referrer), so a stray key there is named with its path
        Api.Reply nested = ApiCalls.patch(api.as(DemoUser.AGENT), "/api/tickets/" + id,
                "{\"metadata\":{\"utm_campaign\":\"x\"}}", null);
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.json().path("errors").get(0).path("field").asString()).isEqualTo("metadata.utm_campaign");
        assertThat(ApiCalls.patch(api.as(DemoUser.AGENT), "/api/tickets/" + id,
                "{\"metadata\":{\"utmCampaign\":\"x\"}}", null).status()).isEqualTo(200);
    }

    @Test
    void anIllegalStatusTransitionIsAConflict() {
        String id = ApiCalls.openTicket(api, "Close me", ApiCalls.uniqueEmail("close"));
        assertThat(ApiCalls.patch(api.as(DemoUser.AGENT), "/api/tickets/" + id, "{\"status\":\"closed\"}", null)
                .status()).isEqualTo(200);

        Api.Reply reopen = ApiCalls.patch(api.as(DemoUser.AGENT), "/api/tickets/" + id, "{\"status\":\"open\"}", null);
        assertThat(reopen.status()).isEqualTo(409);
        assertThat(reopen.json().path("detail").asString()).contains("closed is final");

        Api.Reply edit = ApiCalls.patch(api.as(DemoUser.AGENT), "/api/tickets/" + id, "{\"subject\":\"New\"}", null);
        assertThat(edit.status()).isEqualTo(409);
        Api.Reply back = ApiCalls.patch(api.as(DemoUser.AGENT), "/api/tickets/" + id, "{\"status\":\"new\"}", null);
        assertThat(back.status()).isEqualTo(409);
        Api.Reply unknown = ApiCalls.patch(api.as(DemoUser.AGENT), "/api/tickets/" + id, "{\"status\":\"done\"}", null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asString()).contains("on_hold");
    }

    @Test
    void onlySupervisorsDeleteAndADeletedTicketIsGone() {
        String id = ApiCalls.openTicket(api, "Spam", ApiCalls.uniqueEmail("spam"));

        Api.Reply byAgent = ApiCalls.delete(api.as(DemoUser.AGENT), "/api/tickets/" + id);
        assertThat(byAgent.status()).isEqualTo(403);
        assertThat(byAgent.contentType()).startsWith("application/problem+json");

        assertThat(ApiCalls.delete(api.as(DemoUser.SUPERVISOR), "/api/tickets/" + id).status()).isEqualTo(204);
        assertThat(api.as(DemoUser.AGENT).get("/api/tickets/" + id).status()).isEqualTo(404);
        assertThat(ApiCalls.delete(api.as(DemoUser.ADMIN), "/api/tickets/" + id).status()).isEqualTo(404);
        assertThat(api.as(DemoUser.AGENT).get("/api/tickets?limit=200").body()).doesNotContain(id);
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameTicket() {
        String key = UUID.randomUUID().toString();
        String body = ApiCalls.ticket("Idempotent", ApiCalls.uniqueEmail("idem"));

        Api.Reply first = ApiCalls.post(api.as(DemoUser.AGENT), "/api/tickets", body, "Idempotency-Key", key);
        Api.Reply again = ApiCalls.post(api.as(DemoUser.AGENT), "/api/tickets", body, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());

        Api.Reply different = ApiCalls.post(api.as(DemoUser.AGENT), "/api/tickets",
                body.replace("Idempotent", "Other"), "Idempotency-Key", key);
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aRetriedChangeOrNoteWithTheSameIdempotencyKeyIsAppliedOnce() {
        Api agent = api.as(DemoUser.AGENT);
        String id = ApiCalls.openTicket(api, "Retried", ApiCalls.uniqueEmail("retry"));
        String version = agent.get("/api/tickets/" + id).header("ETag");
        String key = "time-rule:" + UUID.randomUUID() + ":1:patch";

        // the answer to the first change was lost; the retry carries the same If-Match, now stale
        Api.Reply first = patch(agent, "/api/tickets/" + id, "{\"tags\":[\"retried\"],\"priority\":\"high\"}", version, key);
        Api.Reply retry = patch(agent, "/api/tickets/" + id, "{\"tags\":[\"retried\"],\"priority\":\"high\"}", version, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(agent.get("/api/tickets/" + id + "/activity").json().path("items").findValuesAsString("action"))
                .as("the change is on the activity log once").containsExactly("created", "updated");
        Api.Reply otherChange = patch(agent, "/api/tickets/" + id, "{\"priority\":\"low\"}", null, key);
        assertThat(otherChange.status()).as(otherChange.toString()).isEqualTo(422);
        assertThat(otherChange.contentType()).startsWith("application/problem+json");

        String noteKey = UUID.randomUUID().toString();
        String note = "{\"body\":\"Reminder sent.\",\"internal\":true}";
        Api.Reply added = ApiCalls.post(agent, "/api/tickets/" + id + "/messages", note, "Idempotency-Key", noteKey);
        Api.Reply addedAgain = ApiCalls.post(agent, "/api/tickets/" + id + "/messages", note, "Idempotency-Key", noteKey);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(addedAgain.status()).as(addedAgain.toString()).isEqualTo(200);
        assertThat(addedAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(addedAgain.json().path("id").asString()).isEqualTo(added.json().path("id").asString());
        assertThat(agent.get("/api/tickets/" + id + "/messages").json().path("items").size()).isEqualTo(1);

        // a change that fails (412 here) claims nothing: the retry with a current If-Match goes through
        String failKey = UUID.randomUUID().toString();
        Api.Reply stale = patch(agent, "/api/tickets/" + id, "{\"priority\":\"urgent\"}", version, failKey);
        assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
        String current = agent.get("/api/tickets/" + id).header("ETag");
        Api.Reply fixed = patch(agent, "/api/tickets/" + id, "{\"priority\":\"urgent\"}", current, failKey);
        assertThat(fixed.status()).as(fixed.toString()).isEqualTo(200);
        assertThat(fixed.header("Idempotent-Replayed")).isNull();
        assertThat(fixed.json().path("priority").asString()).isEqualTo("urgent");

        Api.Reply badKey = patch(agent, "/api/tickets/" + id, "{\"priority\":\"low\"}", null, "bad key");
        assertThat(badKey.status()).as(badKey.toString()).isEqualTo(400);
    }

    @Test
    void keysPastTheirRetentionAreForgottenAndFreshOnesKept() {
        String old = "old-" + UUID.randomUUID();
        String fresh = "fresh-" + UUID.randomUUID();
        String insert = "INSERT INTO request_idempotency (actor_id, idempotency_key, resource_id, request_hash, created_at) "
                + "VALUES ('purge-test', ?, ?, 'h', now() - make_interval(days => ?))";
        jdbc.update(insert, old, UUID.randomUUID(), 8);
        jdbc.update(insert, fresh, UUID.randomUUID(), 6);

        assertThat(idempotencyKeys.purge()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.queryForList("SELECT idempotency_key FROM request_idempotency WHERE actor_id = 'purge-test'",
                String.class)).containsExactly(fresh);
    }

    private static Api.Reply patch(Api api, String path, String json, String ifMatch, String idempotencyKey) {
        var request = api.request(path).header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return api.send(request);
    }

    @Test
    void inputWeCannotStoreIsA400ThatSaysWhyNeverA409Or500() {
        Api agent = api.as(DemoUser.AGENT);
        Api.Reply nulInBody = agent.post("/api/tickets", VALID.replace("arrived damaged", "arrived\\u0000damaged"));
        assertThat(nulInBody.status()).as(nulInBody.toString()).isEqualTo(400);
        assertThat(nulInBody.body()).contains("subject").contains("NUL");

        Api.Reply surrogate = agent.post("/api/tickets", VALID.replace("The mug", "The \\ud83d mug"));
        assertThat(surrogate.status()).as(surrogate.toString()).isEqualTo(400);
        assertThat(surrogate.body()).contains("description").contains("surrogate");

        for (String query : List.of("status=%00", "priority=%00", "channel=%00", "q=%00", "tag=a%00b")) {
            Api.Reply nulInQuery = agent.get("/api/tickets?" + query);
            assertThat(nulInQuery.status()).as(query + ": " + nulInQuery).isEqualTo(400);
            assertThat(nulInQuery.contentType()).startsWith("application/problem+json");
        }

        Api.Reply badKey = ApiCalls.post(agent, "/api/tickets", VALID, "Idempotency-Key", "two words");
        assertThat(badKey.status()).as(badKey.toString()).isEqualTo(400);
        assertThat(badKey.body()).contains("Idempotency-Key");

        Api.Reply multipart = agent.send(agent.request("/api/tickets")
                .header("Content-Type", "multipart/form-data; boundary=X")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "--X\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\nHi\r\n--X--\r\n")));
        assertThat(multipart.status()).as(multipart.toString()).isEqualTo(415);
        assertThat(multipart.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aBodyOverOneMebibyteIsRefused() {
        String huge = VALID.replace("The mug is broken.", "x".repeat(1_100_000));
        Api.Reply declared = api.as(DemoUser.AGENT).post("/api/tickets", huge);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.contentType()).startsWith("application/problem+json");

        Api.Reply chunked = api.as(DemoUser.AGENT).send(api.as(DemoUser.AGENT).request("/api/tickets")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes()))));
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.contentType()).startsWith("application/problem+json");
        assertThat(chunked.json().path("type").asString()).isEqualTo("https://supportcrm.dev/problems/too-large");
    }

    @Test
    void theTicketViewCarriesTheCustomerAndLanguageFallsBackToTheirPreference() {
        String email = ApiCalls.uniqueEmail("lang");
        assertThat(api.as(DemoUser.AGENT).post("/api/customers", """
                {"email":"%s","name":"Ana","preferences":{"language":"pt-BR"}}""".formatted(email)).status())
                .isEqualTo(201);
        String id = ApiCalls.openTicket(api, "Olá", email);

        Api.Reply read = api.as(DemoUser.AGENT).get("/api/tickets/" + id);

        assertThat(read.json().path("language").asString()).isEqualTo("pt-BR");
        assertThat(read.json().path("customer").path("name").asString()).isEqualTo("Ana");
        assertThat(read.json().path("lastMessages").isArray()).isTrue();
        assertThat(read.json().path("unreadMessages").asInt()).isZero();
        assertThat(read.json().path("smartDue").asString()).isNotBlank();
    }
}
