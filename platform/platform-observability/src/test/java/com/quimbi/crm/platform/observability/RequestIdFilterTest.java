package com.quimbi.crm.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import jakarta.servlet.http.HttpServlet;

class RequestIdFilterTest {

    private final AtomicReference<String> loggedWith = new AtomicReference<>();
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    private void call(MockHttpServletRequest request) throws Exception {
        HttpServlet handler = new HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                loggedWith.set(MDC.get("requestId"));
            }
        };
        new RequestIdFilter().doFilter(request, response, new MockFilterChain(handler));
    }

    @Test
    void theGatewaysRequestIdIsInTheLogContextAndOnTheResponse() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/tickets");
        request.addHeader("X-Request-Id", "req-42.abc:1");

        call(request);

        assertThat(loggedWith.get()).isEqualTo("req-42.abc:1");
        assertThat(response.getHeader("X-Request-Id")).isEqualTo("req-42.abc:1");
        assertThat(MDC.get("requestId")).as("cleared after the request").isNull();
    }

    @Test
    void aCallWithoutOneGetsANewIdUsedForLogsAndResponseAlike() throws Exception {
        call(new MockHttpServletRequest("GET", "/api/tickets"));

        assertThat(loggedWith.get()).matches("[0-9a-f-]{36}");
        assertThat(response.getHeader("X-Request-Id")).isEqualTo(loggedWith.get());
    }

    @Test
    void aMalformedIdIsReplacedNotLogged() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/tickets");
        request.addHeader("X-Request-Id", "a\r\nInjected: 1");

        call(request);

        assertThat(loggedWith.get()).doesNotContain("Injected").matches("[0-9a-f-]{36}");
        assertThat(response.getHeader("X-Request-Id")).isEqualTo(loggedWith.get());
    }

    @Test
    void wellFormedIdsAreBoundedAndPlain() {
        assertThat(RequestIds.isWellFormed("x".repeat(128))).isTrue();
        assertThat(RequestIds.isWellFormed("x".repeat(129))).isFalse();
        assertThat(RequestIds.isWellFormed("-leading-dash")).isFalse();
        assertThat(RequestIds.isWellFormed(null)).isFalse();
    }
}
