package com.quimbi.crm.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

class InFlightLimitTest {

    /** A handler that holds its request until released. */
    static final class Held extends HttpServlet {
        final CountDownLatch entered;
        final CountDownLatch release = new CountDownLatch(1);

        Held(int expected) {
            entered = new CountDownLatch(expected);
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            resp.setStatus(200);
        }
    }

    @Test
    void pastTheLimitARequestGetsA503ProblemWithRetryAfterAtOnceAndTheHeldOnesFinish() throws Exception {
        InFlightLimit limit = new InFlightLimit(2, 50);
        Held handler = new Held(2);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<MockHttpServletResponse> first = pool.submit(() -> call(limit, handler, "/api/tickets"));
            Future<MockHttpServletResponse> second = pool.submit(() -> call(limit, handler, "/api/tickets"));
            assertThat(handler.entered.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(limit.inFlight()).isEqualTo(2);

            long started = System.nanoTime();
            MockHttpServletResponse refused = call(limit, handler, "/api/tickets");
            assertThat(refused.getStatus()).isEqualTo(503);
            assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
            assertThat(refused.getContentType()).isEqualTo("application/problem+json");
            assertThat(refused.getContentAsString()).contains("\"status\":503").contains("overloaded");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
            assertThat(limit.shed()).isEqualTo(1);

            // probes are never shed
            MockHttpServletResponse health = new MockHttpServletResponse();
            MockHttpServletRequest probe = new MockHttpServletRequest("GET", "/actuator/health/liveness");
            limit.doFilter(probe, health, new MockFilterChain());
            assertThat(health.getStatus()).isEqualTo(200);

            handler.release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
            assertThat(second.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        }
        assertThat(limit.inFlight()).isZero();
        // a place is free again
        Held quick = new Held(1);
        quick.release.countDown();
        assertThat(call(limit, quick, "/api/tickets").getStatus()).isEqualTo(200);
    }

    @Test
    void theDefaultIsFourPerDatabaseConnectionAndNeverBelowSixteen() {
        assertThat(InFlightLimit.defaultLimit(10)).isEqualTo(40);
        assertThat(InFlightLimit.defaultLimit(2)).isEqualTo(16);
    }

    static MockHttpServletResponse call(InFlightLimit limit, HttpServlet handler, String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        limit.doFilter(new MockHttpServletRequest("GET", path), response, new MockFilterChain(handler));
        return response;
    }
}
