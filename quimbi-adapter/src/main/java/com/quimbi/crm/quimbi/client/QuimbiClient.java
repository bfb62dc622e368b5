package com.quimbi.crm.quimbi.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that talks to Quimbi's {@code /api/ml/} HTTP API. Every call goes through the bulkhead and
 * the circuit breaker; idempotent calls (GETs, and classification, which Quimbi documents as
 * side-effect free) are also retried with exponential backoff and jitter. Drafts are never retried: each
 * call generates (and bills) a new text.
 *
 * <p>Logs carry the operation, status and duration only: never the API key, request or response bodies
 * (ticket text and customer data are personal data), nor customer ids.
 */
@Component
public class QuimbiClient {

    private static final Logger log = LoggerFactory.getLogger(QuimbiClient.class);

    private final QuimbiProperties properties;
    private final QuimbiResilience resilience;
    private final HttpClient http;
    private final JsonMapper json;
    private final MeterRegistry meters;

    QuimbiClient(QuimbiProperties properties, QuimbiResilience resilience, MeterRegistry meters) {
        this.properties = properties;
        this.resilience = resilience;
        this.meters = meters;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.json = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public boolean enabled() {
        return properties.enabled();
    }

    public QuimbiApi.DnaProfile dna(String customerId) {
        String op = "dna";
        return call(op, true, () -> {
            QuimbiApi.DnaProfile dna = get(op, "/api/ml/customers/" + encode(customerId) + "/dna",
                    QuimbiApi.DnaProfile.class);
            require(op, dna.archetype() != null, "archetype missing");
            return dna;
        });
    }

    public QuimbiApi.ChurnPrediction churn(String customerId) {
        String op = "churn";
        return call(op, true, () -> {
            QuimbiApi.ChurnPrediction churn = get(op, "/api/ml/customers/" + encode(customerId) + "/churn",
                    QuimbiApi.ChurnPrediction.class);
            require(op, churn.churnProbability() != null && churn.churnProbability() >= 0
                    && churn.churnProbability() <= 1, "churn_probability missing or outside [0, 1]");
            return churn;
        });
    }

    public QuimbiApi.LtvEstimate ltv(String customerId) {
        String op = "ltv";
        return call(op, true, () -> {
            QuimbiApi.LtvEstimate ltv = get(op, "/api/ml/customers/" + encode(customerId) + "/ltv",
                    QuimbiApi.LtvEstimate.class);
            require(op, ltv.predictedLtv() != null && ltv.predictedLtv().amount() != null, "predicted_ltv missing");
            return ltv;
        });
    }

    /** Side-effect free on Quimbi's side, so retried; the ticket id doubles as idempotency key. */
    public QuimbiApi.Classification classify(QuimbiApi.ClassifyRequest request) {
        String op = "classify";
        return call(op, true, () -> {
            QuimbiApi.Classification c = post(op, "/api/ml/tickets/classify", request, properties.readTimeout(),
                    request.ticketId(), QuimbiApi.Classification.class);
            require(op, c.category() != null && c.sentiment() != null && c.sentiment().label() != null
                    && c.confidence() != null && c.confidence() >= 0 && c.confidence() <= 1,
                    "category, sentiment or confidence missing or out of range");
            return c;
        });
    }

    /** Not retried: every call generates (and bills) a new draft. */
    public QuimbiApi.Draft draft(QuimbiApi.DraftRequest request) {
        String op = "draft";
        return call(op, false, () -> {
            QuimbiApi.Draft draft = post(op, "/api/ml/drafts", request, properties.draftReadTimeout(), null,
                    QuimbiApi.Draft.class);
            require(op, draft.text() != null && !draft.text().isBlank(), "text missing");
            return draft;
        });
    }

    private <T> T call(String op, boolean idempotent, Supplier<T> attempt) {
        if (!properties.enabled()) {
            throw new QuimbiException.Disabled(op);
        }
        try {
            return resilience.execute(idempotent, attempt);
        } catch (CallNotPermittedException e) {
            meters.counter("quimbi.client.rejected", "operation", op, "reason", "circuit_open").increment();
            throw new QuimbiException.Unavailable(op, "circuit breaker is open", false, e);
        } catch (BulkheadFullException e) {
            meters.counter("quimbi.client.rejected", "operation", op, "reason", "bulkhead_full").increment();
            throw new QuimbiException.Unavailable(op, "too many concurrent Quimbi calls", false, e);
        }
    }

    private <T> T get(String op, String path, Class<T> type) {
        HttpRequest request = base(path, properties.readTimeout()).GET().build();
        return exchange(op, request, type);
    }

    private <T> T post(String op, String path, Object body, Duration timeout, String idempotencyKey, Class<T> type) {
        HttpRequest.Builder builder = base(path, timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return exchange(op, builder.build(), type);
    }

    private HttpRequest.Builder base(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(stripSlash(properties.baseUrl().toString()) + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + properties.apiKey());
    }

    private <T> T exchange(String op, HttpRequest request, Class<T> type) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            outcome = String.valueOf(status);
            log.debug("Quimbi {} {} -> {} in {} ms", op, request.method(), status, millisSince(started));
            if (status == 404) {
                throw new QuimbiException.NotFound(op);
            }
            if (status == 429 || status >= 500) {
                throw new QuimbiException.Unavailable(op, "HTTP " + status, true, null);
            }
            if (status >= 400) {
                log.warn("Quimbi rejected {} with HTTP {}: check QUIMBI_API_KEY and the request contract", op, status);
                throw new QuimbiException.Rejected(op, status);
            }
            if (status < 200 || status >= 300) {
                throw new QuimbiException.BadResponse(op, "unexpected HTTP " + status, null);
            }
            try {
                T value = json.readValue(response.body(), type);
                if (value == null) {
                    throw new QuimbiException.BadResponse(op, "empty body", null);
                }
                return value;
            } catch (JacksonException e) {
                outcome = "malformed";
                // the parser's message may quote the body: keep only the problem's kind
                throw new QuimbiException.BadResponse(op, "malformed JSON (" + e.getClass().getSimpleName() + ")",
                        null);
            }
        } catch (HttpTimeoutException e) {
            outcome = "timeout";
            log.debug("Quimbi {} timed out after {} ms", op, millisSince(started));
            throw new QuimbiException.Unavailable(op, "timed out", true, null);
        } catch (ConnectException e) {
            outcome = "connect_failed";
            throw new QuimbiException.Unavailable(op, "connection failed", true, null);
        } catch (IOException e) {
            outcome = "io_error";
            throw new QuimbiException.Unavailable(op, "I/O error (" + e.getClass().getSimpleName() + ")", true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuimbiException.Unavailable(op, "interrupted", false, null);
        } finally {
            sample.stop(meters.timer("quimbi.client.requests", "operation", op, "outcome", outcome));
        }
    }

    private static void require(String op, boolean condition, String problem) {
        if (!condition) {
            throw new QuimbiException.BadResponse(op, problem, null);
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
