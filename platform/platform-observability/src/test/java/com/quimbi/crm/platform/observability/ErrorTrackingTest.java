package com.quimbi.crm.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.sun.net.httpserver.HttpServer;

/**
 * Sentry is a SaaS we cannot run: a small HTTP server stands in for its envelope endpoint, and the test checks what
 * the SDK really sends when an error is logged.
 */
class ErrorTrackingTest {

    HttpServer sentry;
    final List<String> envelopes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void fakeSentry() throws IOException {
        sentry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sentry.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readAllBytes();
                String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
                if ("gzip".equalsIgnoreCase(encoding)) {
                    bytes = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes)).readAllBytes();
                }
                envelopes.add(exchange.getRequestURI().getPath() + "\n" + new String(bytes, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        sentry.start();
    }

    @AfterEach
    void stop() {
        sentry.stop(0);
    }

    String dsn() {
        return "http://publickey@127.0.0.1:" + sentry.getAddress().getPort() + "/42";
    }

    @Test
    void anErrorLoggedWithItsExceptionReachesSentryWhenADsnIsSet() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ObservabilityAutoConfiguration.class))
                .withPropertyValues("crm.error-tracking.dsn=" + dsn(), "spring.application.name=ticket-service")
                .run(context -> {
                    assertThat(context).hasSingleBean(ErrorTracking.class);
                    LoggerFactory.getLogger("com.quimbi.crm.ticket.Probe").error("Unhandled error",
                            new IllegalStateException("the probe's failure"));
                    context.getBean(ErrorTracking.class).flush();
                });

        assertThat(envelopes).anySatisfy(envelope -> assertThat(envelope)
                .startsWith("/api/42/envelope/")
                .contains("IllegalStateException").contains("the probe's failure")
                .contains("ticket-service"));
    }

    @Test
    void nothingIsSentOrHookedWithoutADsn() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ObservabilityAutoConfiguration.class))
                .withPropertyValues("crm.error-tracking.dsn=")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(ErrorTracking.class);
                    LoggerFactory.getLogger("com.quimbi.crm.ticket.Probe").error("Unhandled error",
                            new IllegalStateException("not for Sentry"));
                });

        assertThat(envelopes).isEmpty();
    }
}
