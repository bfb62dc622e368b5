package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

/**
 * Defence in depth: a service called on its own port, past the gateway, rejects what the gateway rejects —
 * the access token of a logged-out session and the one of a deactivated agent (platform-security reads the
 * gateway's deny-list). And in the local stack only the gateway listens beyond loopback.
 */
class ServiceDenyListIT {

    /** A ticket id nobody has: an accepted token gets 404, a rejected one 401. */
    private static final String SOME_TICKET = "/api/tickets/0193a0c4-7a90-7d11-8e2f-3c4b5a697801";
    /** The services cache a verdict for 5 s; a deactivation also travels outbox → Debezium → Kafka → gateway. */
    private static final Duration PROPAGATION = Duration.ofSeconds(60);

    @BeforeAll
    static void stack() {
        E2eStack.get(); // start the stack outside the rate-limit retries, which give up after 30 s
    }

    private static Api ticketService(String token) {
        return Api.at(E2eStack.get().serviceUrl("ticket-service")).as(token);
    }

    private static Api agentService(String token) {
        return Api.at(E2eStack.get().serviceUrl("agent-service")).as(token);
    }

    @Test
    void aServiceCalledDirectlyRejectsTheTokenOfALoggedOutSession() {
        Api.Reply login = AuthorizationMatrixIT.notLimited(() -> E2eStack.gateway().post("/api/auth/login",
                "{\"username\":\"" + DemoUser.SUPERVISOR.username() + "\",\"password\":\"" + DemoUser.SUPERVISOR.credential() + "\"}"));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        String accessToken = login.json().path("accessToken").asString();
        assertThat(ticketService(accessToken).get(SOME_TICKET).status()).isEqualTo(404);

        Api.Reply logout = AuthorizationMatrixIT.notLimited(() -> E2eStack.gateway().as(accessToken).post("/api/auth/logout",
                "{\"refreshToken\":\"" + login.json().path("refreshToken").asString() + "\"}"));
        assertThat(logout.status()).as(logout.toString()).isEqualTo(204);

        Awaitility.await().atMost(PROPAGATION).until(() -> ticketService(accessToken).get(SOME_TICKET).status() == 401);
        assertUnauthorizedProblem(ticketService(accessToken).get(SOME_TICKET));
        assertUnauthorizedProblem(agentService(accessToken).get("/api/agents"));
        assertUnauthorizedProblem(Api.at(E2eStack.get().serviceUrl("automation-service")).as(accessToken).get("/api/macros"));
    }

    @Test
    void aServiceCalledDirectlyRejectsTheTokenOfADeactivatedAgent() {
        Api admin = E2eStack.gateway().as(AgentFlowIT.login(DemoUser.ADMIN));
        String username = "direct-" + UUID.randomUUID().toString().substring(0, 8);
        String id = AuthorizationMatrixIT.createAgent(admin, "agent", username);
        String token = AuthorizationMatrixIT.login(username, "leaver-pass-1234");
        assertThat(ticketService(token).get(SOME_TICKET).status()).isEqualTo(404);

        Api.Reply deactivated = AuthorizationMatrixIT.notLimited(() -> admin.send(admin.request("/api/agents/" + id).DELETE()));
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(204);

        Awaitility.await().atMost(PROPAGATION).until(() -> ticketService(token).get(SOME_TICKET).status() == 401);
        assertUnauthorizedProblem(ticketService(token).get(SOME_TICKET));
        assertUnauthorizedProblem(agentService(token).get("/api/agents/" + id));
    }

    @Test
    void onlyTheGatewayListensBeyondLoopback() throws SocketException {
        InetAddress external = NetworkInterface.networkInterfaces()
                .filter(nic -> { try { return nic.isUp() && !nic.isLoopback(); } catch (SocketException e) { return false; } })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address)
                .findFirst().orElse(null);
        Assumptions.assumeTrue(external != null, "this machine has no non-loopback IPv4 address to try");

        int gateway = E2eStack.get().service("gateway").port();
        assertThat(connects(external, gateway)).as("gateway on %s", external).isTrue();
        for (String service : List.of("ticket-service", "agent-service", "assignment-service", "sla-service",
                "integration-service", "notification-service", "analytics-service", "quimbi-adapter",
                "automation-service")) {
            int port = E2eStack.get().service(service).port();
            assertThat(connects(external, port)).as("%s on %s:%d", service, external, port).isFalse();
            assertThat(connects(InetAddress.getLoopbackAddress(), port)).as("%s on loopback", service).isTrue();
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void assertUnauthorizedProblem(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("title").asString()).isEqualTo("Unauthorized");
        assertThat(reply.header("X-Request-Id")).as("the service's own request id").isNotBlank();
    }
}
