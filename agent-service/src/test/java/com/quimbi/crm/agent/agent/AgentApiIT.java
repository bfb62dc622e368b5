package com.quimbi.crm.agent.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.agent.keycloak.IdentityRefusedException;
import com.quimbi.crm.agent.keycloak.KeycloakAdminClient;
import com.quimbi.crm.devstack.KeycloakServer;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.JsonNode;

/** The agent API against the real Keycloak: users, role mappings and sessions really change there. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AgentApiIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.agent.keycloak.url", () -> TestInfrastructure.keycloak().baseUrl());
    }

    @LocalServerPort
    int port;
    @Autowired
    KeycloakAdminClient keycloak;
    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port);
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String agentJson(String username, String role) {
        return """
                {"email":"%s@Example.com","username":"%s","firstName":"María","lastName":"García","role":"%s",
                 "department":"Customer Care","team":"returns","maxConcurrentTickets":8,
                 "skills":["Billing","returns","billing"],"languages":["en","ES"],"seniority":"senior",
                 "timezone":"Europe/Madrid","workingHours":{"days":["mon","tue","wed"],"start":"09:00","end":"17:30"},
                 "initialPassword":"first-pass-123","temporaryPassword":false}""".formatted(username, username, role);
    }

    Api.Reply create(DemoUser as, String username, String role) {
        return api.as(as).post("/api/agents", agentJson(username, role));
    }

    Api.Reply patch(Api client, String path, String json) {
        return client.send(client.request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    Api.Reply put(Api client, String path, String json) {
        return client.send(client.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Api.Reply delete(Api client, String path) {
        return client.send(client.request(path).DELETE());
    }

    static Api.Reply tokenRequest(KeycloakServer kc, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return Api.at(kc.baseUrl()).send(HttpRequest.newBuilder(URI.create(kc.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void anAdminCreatesAnAgentWhoCanLogInAndSeeTheirProfile() {
        String username = unique("maria");
        Api.Reply created = create(DemoUser.ADMIN, username, "agent");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode agent = created.json();
        UUID id = UUID.fromString(agent.path("id").asString());
        assertThat(created.header("Location")).isEqualTo("/api/agents/" + id);
        assertThat(agent.path("email").asString()).isEqualTo(username + "@example.com");
        assertThat(agent.path("status").asString()).isEqualTo("offline");
        assertThat(agent.path("active").asBoolean()).isTrue();
        assertThat(agent.path("skills").valueStream().map(JsonNode::asString)).containsExactly("billing", "returns");
        assertThat(agent.path("languages").valueStream().map(JsonNode::asString)).containsExactly("en", "es");
        assertThat(agent.path("workingHours").path("end").asString()).isEqualTo("17:30");

        // Keycloak: the same id, names, and exactly the granted realm role
        JsonNode user = keycloak.user(id).orElseThrow();
        assertThat(user.path("firstName").asString()).isEqualTo("María");
        assertThat(user.path("lastName").asString()).isEqualTo("García");
        assertThat(keycloak.realmRoles(id)).contains("agent").doesNotContain("supervisor", "admin");

        String token = TestInfrastructure.keycloak().accessToken(username, "first-pass-123");
        Api.Reply me = api.as(token).get("/api/agents/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().path("id").asString()).isEqualTo(id.toString());
    }

    @Test
    void withoutAPasswordTheUserMustSetOne() {
        String username = unique("nopass");
        Api.Reply created = api.as(DemoUser.ADMIN).post("/api/agents", """
                {"email":"%s@example.com","firstName":"No","lastName":"Pass","role":"agent"}""".formatted(username));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().path("id").asString());
        assertThat(keycloak.user(id).orElseThrow().path("requiredActions").valueStream().map(JsonNode::asString))
                .contains("UPDATE_PASSWORD");
        assertThat(created.json().path("username").asString()).isEqualTo(username + "@example.com");
        assertThat(created.json().path("timezone").asString()).isEqualTo("UTC");
        assertThat(created.json().path("seniority").asString()).isEqualTo("junior");
        assertThat(created.json().path("maxConcurrentTickets").asInt()).isEqualTo(5);
    }

    @Test
    void aSupervisorMayCreateAgentsButNeverAdminsOrSupervisors() {
        assertThat(create(DemoUser.SUPERVISOR, unique("sup-made"), "agent").status()).isEqualTo(201);

        for (String role : List.of("admin", "supervisor")) {
            String username = unique("escalate");
            Api.Reply denied = create(DemoUser.SUPERVISOR, username, role);
            assertThat(denied.status()).as(denied.toString()).isEqualTo(403);
            assertThat(denied.contentType()).startsWith("application/problem+json");
            assertThat(keycloak.findByEmail(username + "@example.com")).isEmpty();
        }
    }

    @Test
    void agentsAndAnonymousCallersCannotCreateAgents() {
        assertThat(create(DemoUser.AGENT, unique("nope"), "agent").status()).isEqualTo(403);
        assertThat(api.post("/api/agents", agentJson(unique("anon"), "agent")).status()).isEqualTo(401);
    }

    @Test
    void aDuplicateEmailIsAConflictAndLeavesNothingBehind() {
        // a Keycloak user without a profile (demo user): Keycloak's own 409
        Api.Reply demo = api.as(DemoUser.ADMIN).post("/api/agents", """
                {"email":"alex.agent@example.com","username":"%s","firstName":"A","lastName":"B","role":"agent"}"""
                .formatted(unique("alex")));
        assertThat(demo.status()).as(demo.toString()).isEqualTo(409);
        assertThat(demo.contentType()).startsWith("application/problem+json");

        // an agent with a profile: caught before Keycloak is asked
        String username = unique("twice");
        assertThat(create(DemoUser.ADMIN, username, "agent").status()).isEqualTo(201);
        Api.Reply again = api.as(DemoUser.ADMIN).post("/api/agents",
                agentJson(username, "agent").replace("\"username\":\"" + username + "\"", "\"username\":\"" + unique("other") + "\""));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM agent WHERE email = ?", Long.class, username + "@example.com"))
                .isEqualTo(1);
    }

    @Test
    void whenTheProfileCannotBeStoredTheKeycloakUserIsRemovedAgain() {
        // a real failure inside the profile transaction, after Keycloak created the user
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION refuse_agent() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'profile store refused'; END; $$ LANGUAGE plpgsql""");
        jdbc.execute("""
                CREATE OR REPLACE TRIGGER refuse_agent BEFORE INSERT ON agent FOR EACH ROW
                WHEN (NEW.email LIKE 'refused-%') EXECUTE FUNCTION refuse_agent()""");
        String username = unique("refused");

        Api.Reply reply = create(DemoUser.ADMIN, username, "agent");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(500);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(keycloak.findByEmail(username + "@example.com")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM agent WHERE email = ?", Long.class, username + "@example.com"))
                .isZero();
    }

    @Test
    void invalidFieldsAreListedInAProblem() {
        Api.Reply reply = api.as(DemoUser.ADMIN).post("/api/agents", """
                {"email":"not-an-email","firstName":"","lastName":"X","role":"agent","maxConcurrentTickets":-1,
                 "timezone":"Mars/Olympus","languages":["english!"],
                 "workingHours":{"days":["someday"],"start":"25:00","end":"17:00"}}""");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().path("errors").findValuesAsString("field")).contains("email", "firstName",
                "maxConcurrentTickets", "timezone", "workingHours.start");
        Api.Reply badRole = api.as(DemoUser.ADMIN).post("/api/agents", agentJson(unique("r"), "overlord"));
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.json().path("detail").asString()).contains("overlord").contains("agent, supervisor, admin");
    }

    @Test
    void theRequestBoundsAreTheBoundsOfTheAgentEvents() {
        String language35 = "en" + "-abcdefgh".repeat(3) + "-abcde";
        String atLimit = agentJson(unique("bounds"), "agent").replace("\"ES\"", "\"" + language35 + "\"");
        Api.Reply accepted = api.as(DemoUser.ADMIN).post("/api/agents", atLimit);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.json().path("languages").valueStream().map(JsonNode::asString))
                .contains(language35.toLowerCase(Locale.ROOT));

        Api.Reply tooLong = api.as(DemoUser.ADMIN).post("/api/agents",
                agentJson(unique("bounds"), "agent").replace("\"ES\"", "\"" + language35 + "x\""));
        assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
        assertThat(tooLong.json().path("errors").findValuesAsString("field")).anyMatch(f -> f.startsWith("languages"));

        // agent.created allows a 255-character username; without one the e-mail is the username
        String longEmail = "a".repeat(60) + "@" + ("b".repeat(60) + ".").repeat(4) + "com";
        Api.Reply noUsername = api.as(DemoUser.ADMIN).post("/api/agents", """
                {"email":"%s","firstName":"Long","lastName":"Mail","role":"agent"}""".formatted(longEmail));
        assertThat(noUsername.status()).as(noUsername.toString()).isEqualTo(400);
        assertThat(noUsername.json().path("errors").findValuesAsString("field")).containsExactly("username");
    }

    @Test
    void theListFiltersAndPagesWithACursor() {
        String team = unique("team");
        for (int i = 0; i < 3; i++) {
            Api.Reply r = api.as(DemoUser.ADMIN).post("/api/agents", agentJson(unique("pager"), "agent")
                    .replace("\"returns\",", "\"" + team + "\","));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }

        Api.Reply first = api.as(DemoUser.AGENT).get("/api/agents?team=" + team + "&limit=2");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("items")).hasSize(2);
        String cursor = first.json().path("nextCursor").asString();
        Api.Reply second = api.as(DemoUser.AGENT).get("/api/agents?team=" + team + "&limit=2&cursor=" + cursor);
        assertThat(second.json().path("items")).hasSize(1);
        assertThat(second.json().has("nextCursor")).isFalse();

        assertThat(api.as(DemoUser.AGENT).get("/api/agents?team=" + team + "&skill=BILLING&language=es&role=agent&status=offline")
                .json().path("items")).hasSize(3);
        assertThat(api.as(DemoUser.AGENT).get("/api/agents?team=" + team + "&skill=knitting").json().path("items")).isEmpty();
        assertThat(api.as(DemoUser.AGENT).get("/api/agents?team=" + team + "&role=admin").json().path("items")).isEmpty();
        assertThat(api.as(DemoUser.AGENT).get("/api/agents?status=sleeping").status()).isEqualTo(400);
        assertThat(api.as(DemoUser.AGENT).get("/api/agents?cursor=garbage").status()).isEqualTo(400);
        Api.Reply truncated = api.as(DemoUser.AGENT).get("/api/agents?team=" + team + "&limit=2&cursor="
                + cursor.substring(0, cursor.length() - 3));
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.json().path("errors").get(0).path("field").asString()).isEqualTo("cursor");
        assertThat(api.get("/api/agents").status()).isEqualTo(401);
    }

    @Test
    void anUnknownAgentIsNotFoundAndTheCallerWithoutProfileToo() {
        assertThat(api.as(DemoUser.AGENT).get("/api/agents/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.as(DemoUser.AGENT).get("/api/agents/not-a-uuid").status()).isEqualTo(400);
        // demo users exist in Keycloak only
        assertThat(api.as(DemoUser.AGENT).get("/api/agents/me").status()).isEqualTo(404);
    }

    @Test
    void aRoleChangeMovesTheKeycloakRoleMapping() {
        String id = create(DemoUser.ADMIN, unique("promote"), "agent").json().path("id").asString();

        Api.Reply promoted = patch(api.as(DemoUser.ADMIN), "/api/agents/" + id, """
                {"role":"supervisor","team":"vip","seniority":"lead"}""");

        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        assertThat(promoted.json().path("role").asString()).isEqualTo("supervisor");
        assertThat(promoted.json().path("team").asString()).isEqualTo("vip");
        assertThat(keycloak.realmRoles(UUID.fromString(id))).contains("supervisor").doesNotContain("agent", "admin");

        Api.Reply demoted = patch(api.as(DemoUser.ADMIN), "/api/agents/" + id, "{\"role\":\"agent\"}");
        assertThat(demoted.status()).isEqualTo(200);
        assertThat(keycloak.realmRoles(UUID.fromString(id))).contains("agent").doesNotContain("supervisor", "admin");
    }

    @Test
    void aSupervisorEditsAgentsButCannotPromoteThemOrTouchHigherRoles() {
        String agent = create(DemoUser.ADMIN, unique("edit"), "agent").json().path("id").asString();
        String supervisor = create(DemoUser.ADMIN, unique("boss"), "supervisor").json().path("id").asString();

        Api.Reply edited = patch(api.as(DemoUser.SUPERVISOR), "/api/agents/" + agent, "{\"maxConcurrentTickets\":3,\"acceptsNew\":false}");
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().path("maxConcurrentTickets").asInt()).isEqualTo(3);
        assertThat(patch(api.as(DemoUser.SUPERVISOR), "/api/agents/" + agent, "{\"role\":\"admin\"}").status()).isEqualTo(403);
        assertThat(patch(api.as(DemoUser.SUPERVISOR), "/api/agents/" + supervisor, "{\"team\":\"x\"}").status()).isEqualTo(403);
        assertThat(patch(api.as(DemoUser.AGENT), "/api/agents/" + agent, "{\"team\":\"x\"}").status()).isEqualTo(403);
        assertThat(keycloak.realmRoles(UUID.fromString(agent))).contains("agent").doesNotContain("admin");
    }

    @Test
    void aStaleIfMatchIsAPreconditionFailure() {
        Api.Reply created = create(DemoUser.ADMIN, unique("etag"), "agent");
        String id = created.json().path("id").asString();
        String etag = created.header("ETag");

        Api.Reply first = api.as(DemoUser.ADMIN).send(api.as(DemoUser.ADMIN).request("/api/agents/" + id)
                .header("Content-Type", "application/json").header("If-Match", etag)
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"team\":\"one\"}")));
        assertThat(first.status()).isEqualTo(200);
        Api.Reply stale = api.as(DemoUser.ADMIN).send(api.as(DemoUser.ADMIN).request("/api/agents/" + id)
                .header("Content-Type", "application/json").header("If-Match", etag)
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"team\":\"two\"}")));
        assertThat(stale.status()).as(stale.toString()).isEqualTo(412);

        // an If-Match this service never issued matches no version: 412 as well, and nothing changes
        Api.Reply malformed = api.as(DemoUser.ADMIN).send(api.as(DemoUser.ADMIN).request("/api/agents/" + id)
                .header("Content-Type", "application/json").header("If-Match", "version-one")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"team\":\"three\"}")));
        assertThat(malformed.status()).isEqualTo(412);
        assertThat(malformed.json().path("type").asString())
                .isEqualTo("https://supportcrm.dev/problems/precondition-failed");
        assertThat(api.as(DemoUser.ADMIN).get("/api/agents/" + id).json().path("team").asString()).isEqualTo("one");
    }

    @Test
    void misspelledPropertiesAreRefusedAndNothingIsCreated() {
        String username = unique("strict");
        Api.Reply wrong = api.as(DemoUser.ADMIN).post("/api/agents",
                agentJson(username, "agent").replace("\"initialPassword\"", "\"password\""));
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.json().path("errors").get(0).path("field").asString()).isEqualTo("password");
        assertThat(wrong.json().path("detail").asString()).contains("initialPassword");
        // nothing was written, in the database or Keycloak: the same username is still free
        assertThat(create(DemoUser.ADMIN, username, "agent").status()).isEqualTo(201);

        String id = create(DemoUser.ADMIN, unique("strict"), "agent").json().path("id").asString();
        Api.Reply nested = patch(api.as(DemoUser.ADMIN), "/api/agents/" + id,
                "{\"workingHours\":{\"days\":[\"mon\"],\"begin\":\"08:00\",\"end\":\"16:00\"}}");
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.json().path("errors").get(0).path("field").asString()).isEqualTo("workingHours.begin");
        Api.Reply status = put(api.as(DemoUser.ADMIN), "/api/agents/" + id + "/status", "{\"state\":\"busy\"}");
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.json().path("errors").get(0).path("field").asString()).isEqualTo("state");
    }

    @Test
    void namesKeycloakWouldRefuseOrWeCouldNotStoreAre400sNamingTheFieldAndNothingIsCreatedOrChanged() {
        String username = unique("names");
        for (String bad : List.of("\"Ann<script>\"", "\"Ann\\u0000\"", "\"Ann \\ud800\"", "\"O'Brien; DROP\"", "42", "true")) {
            Api.Reply refused = api.as(DemoUser.ADMIN).post("/api/agents",
                    agentJson(username, "agent").replace("\"María\"", bad));
            assertThat(refused.status()).as(bad + ": " + refused).isEqualTo(400);
            assertThat(refused.json().path("errors").get(0).path("field").asString()).as(bad).isEqualTo("firstName");
        }
        // nothing half-created: the username is still free in Keycloak and in the profile store
        String id = create(DemoUser.ADMIN, username, "agent").json().path("id").asString();
        Api.Reply rename = patch(api.as(DemoUser.ADMIN), "/api/agents/" + id, "{\"lastName\":\"García {x}\"}");
        assertThat(rename.status()).as(rename.toString()).isEqualTo(400);
        assertThat(rename.json().path("errors").get(0).path("field").asString()).isEqualTo("lastName");
        assertThat(api.as(DemoUser.ADMIN).get("/api/agents/" + id).json().path("lastName").asString()).isEqualTo("García");
        // letters of any script, apostrophes, hyphens and spaces are names
        Api.Reply fine = patch(api.as(DemoUser.ADMIN), "/api/agents/" + id, "{\"lastName\":\"D'Arcy-Łukasz 王\"}");
        assertThat(fine.status()).as(fine.toString()).isEqualTo(200);
    }

    @Test
    void theAdminClientTurnsKeycloaksOwnRefusalIntoAFieldErrorAndAMissingUserIntoNothing() {
        // our request validation mirrors Keycloak's user profile; should the two ever differ, Keycloak's 400 must
        // still come back naming the field (a 400 problem), never as a 500
        String id = create(DemoUser.ADMIN, unique("kcrefuse"), "agent").json().path("id").asString();
        UUID user = UUID.fromString(id);

        assertThatThrownBy(() -> keycloak.updateNames(user, "Ann<script>", "García"))
                .isInstanceOfSatisfying(IdentityRefusedException.class, e -> {
                    assertThat(e.field()).isEqualTo("firstName");
                    assertThat(e.getMessage()).startsWith("Keycloak refused the value: ");
                });
        assertThat(keycloak.user(user).orElseThrow().path("firstName").asString()).isEqualTo("María");

        UUID nobody = UUID.randomUUID();
        assertThat(keycloak.user(nobody)).isEmpty();
        keycloak.deleteUser(nobody); // already gone: nothing to do, no error
    }

    @Test
    void aBodyOverThePlatformLimitIsRefused() {
        String huge = agentJson(unique("huge"), "agent").replace("Customer Care", "x".repeat(1_100_000));

        Api.Reply reply = api.as(DemoUser.ADMIN).post("/api/agents", huge);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().path("type").asString()).isEqualTo("https://supportcrm.dev/problems/too-large");
    }

    @Test
    void deactivationDisablesTheUserEndsTheirSessionsAndKeepsTheProfile() {
        String username = unique("leaver");
        String id = create(DemoUser.ADMIN, username, "agent").json().path("id").asString();
        KeycloakServer kc = TestInfrastructure.keycloak();
        Api.Reply login = tokenRequest(kc, Map.of("grant_type", "password", "client_id", KeycloakServer.CONSOLE_CLIENT,
                "username", username, "password", "first-pass-123"));
        assertThat(login.status()).isEqualTo(200);
        String refreshToken = login.json().path("refresh_token").asString();

        assertThat(delete(api.as(DemoUser.SUPERVISOR), "/api/agents/" + id).status()).isEqualTo(403);
        Api.Reply deleted = delete(api.as(DemoUser.ADMIN), "/api/agents/" + id);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(keycloak.user(UUID.fromString(id)).orElseThrow().path("enabled").asBoolean()).isFalse();
        assertThat(keycloak.sessionIds(UUID.fromString(id))).isEmpty();
        Api.Reply refresh = tokenRequest(kc, Map.of("grant_type", "refresh_token", "client_id",
                KeycloakServer.CONSOLE_CLIENT, "refresh_token", refreshToken));
        assertThat(refresh.status()).isEqualTo(400);
        JsonNode profile = api.as(DemoUser.AGENT).get("/api/agents/" + id).json();
        assertThat(profile.path("active").asBoolean()).isFalse();
        assertThat(profile.path("status").asString()).isEqualTo("offline");
        assertThat(profile.has("deactivatedAt")).isTrue();
        assertThat(api.as(DemoUser.AGENT).get("/api/agents?active=false&limit=200").body()).contains(id);
        // again: nothing more to do
        assertThat(delete(api.as(DemoUser.ADMIN), "/api/agents/" + id).status()).isEqualTo(204);
        assertThat(patch(api.as(DemoUser.ADMIN), "/api/agents/" + id, "{\"team\":\"x\"}").status()).isEqualTo(409);
    }

    @Test
    void anAdminCannotChangeTheirOwnRoleNorDeactivateThemselves() {
        // the last admin could otherwise lock everyone out of administration
        String username = unique("selfadmin");
        String id = create(DemoUser.ADMIN, username, "admin").json().path("id").asString();
        Api self = api.as(TestInfrastructure.keycloak().accessToken(username, "first-pass-123"));

        Api.Reply demoted = patch(self, "/api/agents/" + id, "{\"role\":\"agent\"}");
        assertThat(demoted.status()).as(demoted.toString()).isEqualTo(409);
        assertThat(demoted.json().path("detail").asString()).contains("own role");
        Api.Reply deactivated = delete(self, "/api/agents/" + id);
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(409);
        assertThat(deactivated.json().path("detail").asString()).contains("deactivate yourself");

        assertThat(keycloak.realmRoles(UUID.fromString(id))).contains("admin");
        assertThat(keycloak.user(UUID.fromString(id)).orElseThrow().path("enabled").asBoolean()).isTrue();
        JsonNode profile = self.get("/api/agents/" + id).json();
        assertThat(profile.path("role").asString()).isEqualTo("admin");
        assertThat(profile.path("active").asBoolean()).isTrue();
        // their other fields they may change
        Api.Reply renamed = patch(self, "/api/agents/" + id, "{\"department\":\"Operations\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().path("department").asString()).isEqualTo("Operations");
    }

    @Test
    void anAgentSetsTheirOwnStatusAndASupervisorAnyones() {
        String username = unique("status");
        String id = create(DemoUser.ADMIN, username, "agent").json().path("id").asString();
        String other = create(DemoUser.ADMIN, unique("other"), "agent").json().path("id").asString();
        Api self = api.as(TestInfrastructure.keycloak().accessToken(username, "first-pass-123"));

        Api.Reply busy = put(self, "/api/agents/" + id + "/status", "{\"status\":\"busy\"}");
        assertThat(busy.status()).as(busy.toString()).isEqualTo(200);
        assertThat(busy.json().path("status").asString()).isEqualTo("busy");
        assertThat(put(self, "/api/agents/" + other + "/status", "{\"status\":\"busy\"}").status()).isEqualTo(403);
        assertThat(put(api.as(DemoUser.SUPERVISOR), "/api/agents/" + other + "/status", "{\"status\":\"away\"}").status())
                .isEqualTo(200);
        assertThat(put(self, "/api/agents/" + id + "/status", "{\"status\":\"napping\"}").status()).isEqualTo(400);
        assertThat(put(self, "/api/agents/" + id + "/status", "{}").status()).isEqualTo(400);
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        Api.Reply docs = api.get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/agents")).isTrue();
        assertThat(docs.json().path("paths").has("/api/agents/{id}/status")).isTrue();
        assertThat(docs.json().path("paths").has("/api/agents/me")).isTrue();
    }
}
