package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.quimbi.crm.test.DemoUser;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whatever a client sends, the answer is never a 5xx and every 4xx is an RFC 9457 problem: at least
 * {@value #PER_SERVICE} malformed requests per service, derived from the service's own OpenAPI document
 * ({@link MalformedRequests}, seeded by {@code crm.badinput.seed}, default 20261207, so a failure reproduces), sent as
 * the admin so role checks let them reach the handlers. The bulk goes to the service directly — the e2e gateway's
 * rate limit is set low on purpose (10/s) for its own tests —, and a sample of every operation through the gateway.
 * {@code -Dcrm.badinput.per-service=N} runs more.
 */
class BadInputIT {

    static final int PER_SERVICE = Integer.getInteger("crm.badinput.per-service", 1_000);
    static final long SEED = Long.getLong("crm.badinput.seed", 20261207L);
    static final int THROUGH_GATEWAY = 25;
    /** Operations whose accidental success would disturb the shared stack for the other tests. */
    static final Set<String> SKIPPED = Set.of("/api/analytics/rebuild");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = { "ticket-service", "agent-service", "assignment-service", "sla-service",
            "integration-service", "notification-service", "analytics-service", "quimbi-adapter",
            "automation-service" })
    void malformedRequestsGetProblemsNeverA5xx(String service) throws Exception {
        String token = E2eStack.login(DemoUser.ADMIN);
        String serviceUrl = E2eStack.get().serviceUrl(service);
        JsonNode document = JSON.readTree(send(serviceUrl, token, new MalformedRequests.Probe("GET", "/v3/api-docs",
                null, null, "api docs")).body());
        List<MalformedRequests.Probe> probes = new MalformedRequests(document, SEED + service.hashCode())
                .probes(PER_SERVICE, path -> path.startsWith("/api/") && !SKIPPED.contains(path));
        assertThat(probes).as("probes for %s", service).hasSizeGreaterThanOrEqualTo(PER_SERVICE);

        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> sent = new ArrayList<>();
            for (MalformedRequests.Probe probe : probes) {
                sent.add(pool.submit(() -> check(serviceUrl, token, probe, failures)));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
        // a sample through the gateway: its routing, filters and error translation must hold too
        String gatewayUrl = E2eStack.get().serviceUrl("gateway");
        for (int i = 0; i < probes.size(); i += Math.max(1, probes.size() / THROUGH_GATEWAY)) {
            MalformedRequests.Probe probe = probes.get(i);
            checkThroughGateway(gatewayUrl, token, probe, failures);
        }
        assertThat(failures).as("%d probes of %s (seed %d)", probes.size(), service, SEED).isEmpty();
    }

    /** Through the gateway, waiting out its rate limit (a 429 says nothing about the input). */
    static void checkThroughGateway(String gatewayUrl, String token, MalformedRequests.Probe probe,
            ConcurrentLinkedQueue<String> failures) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            HttpResponse<String> response;
            try {
                response = send(gatewayUrl, token, probe);
            } catch (IllegalArgumentException e) {
                return;
            } catch (IOException e) {
                failures.add("gateway: " + probe + " → connection failed: " + e);
                return;
            }
            if (response.statusCode() != 429) {
                judge("gateway: " + probe, response, failures);
                return;
            }
            Thread.sleep(200);
        }
        failures.add("gateway: " + probe + " → rate limited for 20 s");
    }

    static void check(String baseUrl, String token, MalformedRequests.Probe probe, ConcurrentLinkedQueue<String> failures) {
        HttpResponse<String> response;
        try {
            response = send(baseUrl, token, probe);
        } catch (IllegalArgumentException e) {
            return; // a URI the JDK's client refuses to build never reaches a server
        } catch (IOException e) {
            failures.add(probe + " → connection failed: " + e);
            return;
        }
        judge(probe.toString(), response, failures);
    }

    static void judge(String probe, HttpResponse<String> response, ConcurrentLinkedQueue<String> failures) {
        int status = response.statusCode();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (status >= 500) {
            failures.add(probe + " → " + status + " " + MalformedRequests.abbreviate(response.body()));
        } else if (status >= 400 && !contentType.startsWith("application/problem+json")) {
            failures.add(probe + " → " + status + " without a problem (" + contentType + "): "
                    + MalformedRequests.abbreviate(response.body()));
        }
    }

    static HttpResponse<String> send(String baseUrl, String token, MalformedRequests.Probe probe) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + probe.path()))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
        if (probe.contentType() != null) {
            request.header("Content-Type", probe.contentType());
        }
        HttpRequest.BodyPublisher body = probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(probe.body());
        request.method(probe.method(), body);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
