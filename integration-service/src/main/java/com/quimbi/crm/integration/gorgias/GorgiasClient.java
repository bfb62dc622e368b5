package com.quimbi.crm.integration.gorgias;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import tools.jackson.databind.JsonNode;

/**
 * Gorgias's REST API ({@code https://<domain>.gorgias.com/api}, base URL configurable), Basic auth with the account
 * e-mail and API key (never logged). Behind resilience4j: timeouts, retries with backoff for idempotent calls
 * (GET, PUT) on 5xx/timeouts, one circuit breaker; POSTs are never retried (a lost answer could create twice).
 * <p>
 * The account's rate limit (a leaky bucket, 40 calls per 20 s) is honoured on our side: every answer's
 * {@code X-Gorgias-Account-Api-Call-Limit: used/limit} is remembered per account, and a call that would overflow
 * the bucket is not sent; a 429's {@code Retry-after} blocks the account for that long. Both surface as
 * {@link GorgiasThrottledException} so callers reschedule instead of hammering.
 */
@Component
public class GorgiasClient {

    static final String LIMIT_HEADER = "X-Gorgias-Account-Api-Call-Limit";

    /** A page of a list endpoint: {@code data[]} and {@code meta.next_cursor} (null on the last page). */
    public record Page(List<JsonNode> data, String nextCursor) {
    }

    private record Bucket(double level, int limit, Instant at, Instant blockedUntil) {
    }

    private final RestClient http;
    private final GorgiasProperties settings;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    GorgiasClient(RestClient.Builder builder, GorgiasProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(settings.connectTimeout());
        factory.setReadTimeout(settings.readTimeout());
        this.http = builder.clone().requestFactory(factory).build();
        this.retry = Retry.of("gorgias", RetryConfig.custom().maxAttempts(settings.retryAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.retryWait(), 2))
                .retryExceptions(GorgiasUnavailableException.class).build());
        this.breaker = CircuitBreaker.of("gorgias", CircuitBreakerConfig.custom().failureRateThreshold(50)
                .slidingWindowSize(10).minimumNumberOfCalls(5).waitDurationInOpenState(Duration.ofSeconds(15))
                .ignoreExceptions(GorgiasCredentialsRejectedException.class, GorgiasThrottledException.class).build());
    }

    /** {@code GET /api/account}: the one call that proves a domain + e-mail + API key work. */
    public JsonNode account(GorgiasCredentials credentials) {
        return read(credentials, "/account", Map.of());
    }

    /** {@code GET /api/tickets?limit=&cursor=}. */
    public Page tickets(GorgiasCredentials credentials, String cursor, int limit) {
        return page(read(credentials, "/tickets", cursorParams(cursor, limit)));
    }

    public JsonNode ticket(GorgiasCredentials credentials, long ticketId) {
        return read(credentials, "/tickets/" + ticketId, Map.of());
    }

    /** Every message of a ticket ({@code GET /api/tickets/{id}/messages}, cursor pages until next_cursor is null). */
    public List<JsonNode> messages(GorgiasCredentials credentials, long ticketId) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            Page page = page(read(credentials, "/tickets/" + ticketId + "/messages", cursorParams(cursor, 100)));
            all.addAll(page.data());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    /** {@code POST /api/tickets}: never retried. */
    public JsonNode createTicket(GorgiasCredentials credentials, Object body) {
        return guarded(() -> call(credentials, HttpMethod.POST, "/tickets", Map.of(), body));
    }

    /** {@code POST /api/tickets/{id}/messages}: never retried. With {@code sent_datetime} set Gorgias sends nothing. */
    public JsonNode createMessage(GorgiasCredentials credentials, long ticketId, Object body) {
        return guarded(() -> call(credentials, HttpMethod.POST, "/tickets/" + ticketId + "/messages", Map.of(), body));
    }

    /** {@code PUT /api/tickets/{id}}: idempotent (sets fields), retried. */
    public JsonNode updateTicket(GorgiasCredentials credentials, long ticketId, Object body) {
        return guarded(Retry.decorateSupplier(retry,
                () -> call(credentials, HttpMethod.PUT, "/tickets/" + ticketId, Map.of(), body)));
    }

    private JsonNode read(GorgiasCredentials credentials, String path, Map<String, Object> params) {
        return guarded(Retry.decorateSupplier(retry, () -> call(credentials, HttpMethod.GET, path, params, null)));
    }

    private JsonNode guarded(Supplier<JsonNode> call) {
        try {
            return CircuitBreaker.decorateSupplier(breaker, call).get();
        } catch (CallNotPermittedException e) {
            throw new GorgiasUnavailableException("Gorgias circuit open", e);
        }
    }

    private JsonNode call(GorgiasCredentials credentials, HttpMethod method, String path, Map<String, Object> params,
            Object body) {
        pace(credentials.domain());
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(apiBase(credentials.domain()) + path);
        params.forEach(uri::queryParam);
        RestClient.RequestBodySpec request = http.method(method).uri(uri.build().toUri())
                .header(HttpHeaders.AUTHORIZATION, basic(credentials)).accept(MediaType.APPLICATION_JSON);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        try {
            ResponseEntity<JsonNode> answer = request.retrieve().toEntity(JsonNode.class);
            observe(credentials.domain(), answer.getHeaders());
            return answer.getBody() == null ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    : answer.getBody();
        } catch (RestClientResponseException e) {
            observe(credentials.domain(), e.getResponseHeaders());
            int status = e.getStatusCode().value();
            if (status == 429) {
                Duration wait = retryAfter(e.getResponseHeaders());
                block(credentials.domain(), wait);
                throw new GorgiasThrottledException(wait);
            }
            if (status == 401 || status == 403) {
                throw new GorgiasCredentialsRejectedException(status, "Gorgias refused the credentials of "
                        + credentials.domain() + " (HTTP " + status + ")");
            }
            if (e.getStatusCode().is4xxClientError()) {
                throw new GorgiasCredentialsRejectedException(status, "Gorgias refused " + method + " " + path
                        + " (HTTP " + status + ")");
            }
            throw new GorgiasUnavailableException("Gorgias answered HTTP " + status, e);
        } catch (ResourceAccessException e) {
            throw new GorgiasUnavailableException("Gorgias not reachable", e);
        }
    }

    /** Refuses (without calling) a call the account's bucket cannot take now. */
    private void pace(String domain) {
        Bucket bucket = buckets.get(domain);
        if (bucket == null) {
            return;
        }
        Instant now = clock.instant();
        if (bucket.blockedUntil() != null && now.isBefore(bucket.blockedUntil())) {
            throw new GorgiasThrottledException(Duration.between(now, bucket.blockedUntil()));
        }
        double perSecond = bucket.limit() / (double) Math.max(1, settings.rateWindow().toSeconds());
        double level = Math.max(0, bucket.level() - perSecond * Duration.between(bucket.at(), now).toMillis() / 1000.0);
        if (level + 1 > bucket.limit()) {
            throw new GorgiasThrottledException(Duration.ofMillis((long) Math.ceil((level + 1 - bucket.limit())
                    / perSecond * 1000)));
        }
    }

    /**
     * How long until the account's bucket can take {@code calls} calls in a row (zero when it can now): a sync page
     * waits for room for all its calls instead of being cut off half-way by the limit.
     */
    public Duration waitFor(String domain, int calls) {
        Bucket bucket = buckets.get(domain);
        if (bucket == null) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        if (bucket.blockedUntil() != null && now.isBefore(bucket.blockedUntil())) {
            return Duration.between(now, bucket.blockedUntil());
        }
        double perSecond = bucket.limit() / (double) Math.max(1, settings.rateWindow().toSeconds());
        double level = Math.max(0, bucket.level() - perSecond * Duration.between(bucket.at(), now).toMillis() / 1000.0);
        double over = level + Math.min(calls, bucket.limit()) - bucket.limit();
        return over <= 0 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(over / perSecond * 1000));
    }

    /** {@code X-Gorgias-Account-Api-Call-Limit: 10/40}: 10 calls used of 40 in the current window. */
    private void observe(String domain, HttpHeaders headers) {
        String value = headers == null ? null : headers.getFirst(LIMIT_HEADER);
        if (value == null) {
            return;
        }
        String[] parts = value.trim().split("/");
        try {
            int used = Integer.parseInt(parts[0].trim());
            int limit = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : settings.rateLimit();
            buckets.compute(domain, (d, old) -> new Bucket(used, limit, clock.instant(),
                    old == null ? null : old.blockedUntil()));
        } catch (NumberFormatException e) {
            // an unreadable header: keep pacing by what we knew
        }
    }

    private void block(String domain, Duration wait) {
        Instant until = clock.instant().plus(wait);
        buckets.compute(domain, (d, old) -> new Bucket(old == null ? settings.rateLimit() : old.level(),
                old == null ? settings.rateLimit() : old.limit(), clock.instant(), until));
    }

    static Duration retryAfter(HttpHeaders headers) {
        String value = headers == null ? null : headers.getFirst("Retry-after");
        try {
            long seconds = value == null ? 1 : Long.parseLong(value.trim());
            return Duration.ofSeconds(Math.clamp(seconds, 1, 600));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static Map<String, Object> cursorParams(String cursor, int limit) {
        return cursor == null ? Map.of("limit", limit) : Map.of("limit", limit, "cursor", cursor);
    }

    private static Page page(JsonNode answer) {
        List<JsonNode> data = new ArrayList<>();
        answer.path("data").forEach(data::add);
        JsonNode next = answer.path("meta").path("next_cursor");
        return new Page(data, next.isMissingNode() || next.isNull() || next.asString("").isEmpty() ? null
                : next.asString());
    }

    private static String basic(GorgiasCredentials credentials) {
        return "Basic " + Base64.getEncoder().encodeToString((credentials.email() + ":" + credentials.apiKey())
                .getBytes(StandardCharsets.UTF_8));
    }

    String apiBase(String domain) {
        return base(settings.baseUrl(), domain) + "/api";
    }

    /** The agent-facing address of a ticket: {@code https://<domain>.gorgias.com/app/ticket/<id>}. */
    public String ticketUrl(String domain, long ticketId) {
        return base(settings.appUrl() != null ? settings.appUrl() : settings.baseUrl(), domain) + "/app/ticket/" + ticketId;
    }

    private static String base(URI configured, String domain) {
        String base = configured != null && !configured.toString().isBlank() ? configured.toString()
                : "https://" + domain + ".gorgias.com";
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
