package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

/** What a caller without the right credentials, or with bad input, gets back through the gateway. */
class GatewaySecurityIT {

    @Test
    void withoutATokenTheGatewayAnswers401Problem() {
        Api.Reply reply = E2eStack.gateway().get("/api/tickets/0193a0c4-7a90-7d11-8e2f-3c4b5a697801");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void anAgentMayNotReadTeamAnalytics() {
        Api.Reply reply = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT)).get("/api/analytics/tickets/summary");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void badInputIsA400ProblemWithFieldErrors() {
        Api.Reply reply = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT)).post("/api/tickets", """
                {"subject":"Refund","description":"Please refund.","channel":"fax","customerEmail":"x@example.com"}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("errors").get(0).path("field").asString()).isEqualTo("channel");
    }

    @Test
    void aCallerOverTheRateLimitGets429WithRetryAfter() {
        Api admin = E2eStack.gateway().as(E2eStack.login(DemoUser.ADMIN));
        List<Api.Reply> replies = new ArrayList<>();
        for (int i = 0; i < E2eStack.RATE_LIMIT_BURST * 3; i++) {
            replies.add(admin.get("/api/tickets/0193a0c4-7a90-7d11-8e2f-3c4b5a697801"));
        }

        Api.Reply limited = replies.stream().filter(r -> r.status() == 429).findFirst().orElseThrow(
                () -> new AssertionError("no 429 in " + replies.size() + " rapid requests"));
        assertThat(limited.header("Retry-After")).matches("\\d+");
        assertThat(replies.getFirst().status()).isEqualTo(404); // the first ones went through to the service

        // the bucket refills at its replenish rate: leave it full for the test classes that call as admin next
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollDelay(java.time.Duration.ofMillis(1000L * E2eStack.RATE_LIMIT_BURST / E2eStack.RATE_LIMIT_REPLENISH))
                .pollInterval(java.time.Duration.ofSeconds(1))
                .until(() -> admin.get("/api/tickets/0193a0c4-7a90-7d11-8e2f-3c4b5a697801").status() != 429);
    }
}
