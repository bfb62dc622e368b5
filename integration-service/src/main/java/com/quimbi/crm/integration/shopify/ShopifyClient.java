package com.quimbi.crm.integration.shopify;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import com.quimbi.crm.integration.config.IntegrationProperties;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import tools.jackson.databind.JsonNode;

/**
 * Shopify's GraphQL Admin API ({@code /admin/api/<version>/graphql.json}, version from configuration), behind
 * resilience4j: timeouts, retries with backoff for reads on 5xx/timeouts, one circuit breaker. Access tokens go
 * in {@code X-Shopify-Access-Token} and nowhere else (never logged).
 */
@Component
public class ShopifyClient {

    private final RestClient http;
    private final IntegrationProperties.Shopify settings;
    private final Retry retry;
    private final CircuitBreaker breaker;

    ShopifyClient(RestClient.Builder builder, IntegrationProperties properties) {
        this.settings = properties.shopify();
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(settings.connectTimeout());
        factory.setReadTimeout(settings.readTimeout());
        this.http = builder.requestFactory(factory).build();
        this.retry = Retry.of("shopify", RetryConfig.custom().maxAttempts(settings.retryAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.retryWait(), 2))
                .retryExceptions(ShopifyUnavailableException.class).build());
        this.breaker = CircuitBreaker.of("shopify", CircuitBreakerConfig.custom().failureRateThreshold(50)
                .slidingWindowSize(10).minimumNumberOfCalls(5).waitDurationInOpenState(Duration.ofSeconds(15))
                .ignoreExceptions(ShopifyCredentialsRejectedException.class).build());
    }

    /** The shop's name: the one call that proves a domain + access token pair works. */
    public String shopName(String domain, String accessToken) {
        JsonNode data = query(domain, accessToken, "{ shop { name } }", Map.of()).data();
        return data.path("shop").path("name").asString(null);
    }

    /** A read-only GraphQL query (retried: reads are idempotent); answers its data and the cost bucket. */
    public GraphQlAnswer query(String domain, String accessToken, String query, Map<String, Object> variables) {
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker,
                    () -> post(domain, accessToken, query, variables))).get();
        } catch (CallNotPermittedException e) {
            throw new ShopifyUnavailableException("Shopify circuit open", e);
        }
    }

    /**
     * A GraphQL mutation: never retried (a retry after a lost answer could start the work twice), still behind the
     * circuit breaker. {@code userErrors} are the caller's to read.
     */
    public GraphQlAnswer mutate(String domain, String accessToken, String mutation, Map<String, Object> variables) {
        try {
            return CircuitBreaker.decorateSupplier(breaker, () -> post(domain, accessToken, mutation, variables)).get();
        } catch (CallNotPermittedException e) {
            throw new ShopifyUnavailableException("Shopify circuit open", e);
        }
    }

    /**
     * Downloads a bulk operation's JSONL result to {@code target}. The URL is a pre-signed storage address, so no
     * access token goes with it (it would leak to the storage host).
     */
    public void download(URI signedUrl, Path target) {
        try {
            http.get().uri(signedUrl).exchange((request, response) -> {
                if (!response.getStatusCode().is2xxSuccessful()) {
                    throw new ShopifyUnavailableException("the bulk result download answered HTTP "
                            + response.getStatusCode().value(), null);
                }
                try (InputStream body = response.getBody()) {
                    Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return null;
            });
        } catch (ResourceAccessException e) {
            throw new ShopifyUnavailableException("the bulk result is not reachable", e);
        }
    }

    private GraphQlAnswer post(String domain, String accessToken, String query, Map<String, Object> variables) {
        JsonNode answer;
        try {
            answer = http.post().uri(graphqlUrl(domain)).contentType(MediaType.APPLICATION_JSON)
                    .header("X-Shopify-Access-Token", accessToken).body(Map.of("query", query, "variables", variables))
                    .retrieve().body(JsonNode.class);
        } catch (RestClientResponseException e) {
            HttpStatusCode status = e.getStatusCode();
            if (status.value() == 429) {
                // REST-style throttling: Retry-After seconds, honoured by the caller's backoff
                throw new ShopifyUnavailableException("Shopify throttled the call (429)", e);
            }
            if (status.value() == 401 || status.value() == 403 || status.value() == 404) {
                throw new ShopifyCredentialsRejectedException("Shopify refused the access token for " + domain
                        + " (HTTP " + status.value() + ")");
            }
            throw new ShopifyUnavailableException("Shopify answered HTTP " + status.value(), e);
        } catch (ResourceAccessException e) {
            throw new ShopifyUnavailableException("Shopify not reachable", e);
        } catch (RestClientException e) {
            // a connection broken mid-answer or a body that is not JSON: Shopify unavailable (503), not our 500
            throw new ShopifyUnavailableException("Shopify answered unreadably", e);
        }
        if (answer == null) {
            throw new ShopifyUnavailableException("Shopify answered no body", null);
        }
        JsonNode errors = answer.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            String code = errors.path(0).path("extensions").path("code").asString("");
            if ("THROTTLED".equals(code)) {
                throw new ShopifyUnavailableException("Shopify throttled the call", null);
            }
            throw new ShopifyCredentialsRejectedException("Shopify refused the query: "
                    + errors.path(0).path("message").asString("unknown error"));
        }
        return new GraphQlAnswer(answer.path("data"), GraphQlAnswer.throttleOf(answer));
    }

    /** OAuth: exchanges the authorization code for an expiring offline token ({@code expiring=1}) + refresh token. */
    public TokenGrant exchangeCode(String domain, String code) {
        return tokenRequest(domain, Map.of("client_id", settings.apiKey(), "client_secret", settings.apiSecret(),
                "code", code, "expiring", "1"));
    }

    /** OAuth: a new access token (and refresh token) before the current one expires. */
    public TokenGrant refresh(String domain, String refreshToken) {
        return tokenRequest(domain, Map.of("client_id", settings.apiKey(), "client_secret", settings.apiSecret(),
                "grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    private TokenGrant tokenRequest(String domain, Map<String, String> form) {
        JsonNode answer;
        try {
            // not retried: an authorization code is single use
            answer = CircuitBreaker.decorateSupplier(breaker, () -> http.post().uri(baseUrl(domain) + "/admin/oauth/access_token")
                    .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON).body(form)
                    .retrieve().body(JsonNode.class)).get();
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().is4xxClientError()) {
                throw new ShopifyCredentialsRejectedException("Shopify refused the token request (HTTP "
                        + e.getStatusCode().value() + ")");
            }
            throw new ShopifyUnavailableException("Shopify answered HTTP " + e.getStatusCode().value(), e);
        } catch (ResourceAccessException e) {
            throw new ShopifyUnavailableException("Shopify not reachable", e);
        } catch (RestClientException e) {
            throw new ShopifyUnavailableException("Shopify answered unreadably", e);
        } catch (CallNotPermittedException e) {
            throw new ShopifyUnavailableException("Shopify circuit open", e);
        }
        if (answer == null || answer.path("access_token").asString("").isEmpty()) {
            throw new ShopifyCredentialsRejectedException("Shopify granted no access token");
        }
        long expiresIn = answer.path("expires_in").asLong(0);
        return new TokenGrant(answer.path("access_token").asString(), answer.path("refresh_token").asString(null),
                expiresIn > 0 ? java.time.Instant.now().plusSeconds(expiresIn) : null, answer.path("scope").asString(null));
    }

    private String baseUrl(String domain) {
        String base = settings.adminBaseUrl() != null ? settings.adminBaseUrl().toString() : "https://" + domain;
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    URI graphqlUrl(String domain) {
        return URI.create(baseUrl(domain) + "/admin/api/" + settings.apiVersion() + "/graphql.json");
    }
}
