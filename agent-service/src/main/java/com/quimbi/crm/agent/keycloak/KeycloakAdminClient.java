package com.quimbi.crm.agent.keycloak;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Keycloak Admin REST API, as agent-service's service account (client credentials of the confidential
 * client {@code crm-agent-service}, which holds realm-management manage-users / view-users / query-users).
 * Every call has connect and read timeouts and goes through one circuit breaker; idempotent calls are
 * also retried. Creating a user is never retried: a lost answer would otherwise create a second user or
 * turn into a false 409. Failures to reach Keycloak surface as {@link IdentityUnavailableException}.
 */
@Component
public class KeycloakAdminClient {

    private static final Logger log = LoggerFactory.getLogger(KeycloakAdminClient.class);

    private final KeycloakProperties properties;
    private final RestClient http;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private volatile CachedToken token;

    KeycloakAdminClient(KeycloakProperties properties, RestClient.Builder builder, Clock clock,
            Optional<MeterRegistry> meters) {
        this.properties = properties;
        this.clock = clock;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build());
        requests.setReadTimeout(properties.readTimeout());
        this.http = builder.clone().requestFactory(requests).build();
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.failureRateThreshold())
                .slidingWindowSize(properties.slidingWindowSize())
                .minimumNumberOfCalls(properties.minimumCalls())
                .waitDurationInOpenState(properties.openWait())
                // a 404 or 409 is Keycloak answering normally, not Keycloak being down
                .recordExceptions(IdentityUnavailableException.class)
                .build());
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(Math.max(1, properties.retryAttempts()))
                .waitDuration(properties.retryWait())
                .retryExceptions(IdentityUnavailableException.class)
                // an open circuit will not close within a retry's wait
                .ignoreExceptions(CallNotPermittedException.class)
                .build());
        this.breaker = breakers.circuitBreaker("keycloak-admin");
        this.retry = retries.retry("keycloak-admin");
        meters.ifPresent(registry -> {
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
            TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(registry);
        });
    }

    /** Creates the user and returns its id. A second user with this username or email → {@link IdentityConflictException}. */
    public UUID createUser(NewIdentity identity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", identity.username());
        body.put("email", identity.email());
        body.put("firstName", identity.firstName());
        body.put("lastName", identity.lastName());
        body.put("enabled", true);
        body.put("emailVerified", false);
        body.put("requiredActions", identity.requiredActions());
        if (identity.password() != null) {
            body.put("credentials", List.of(Map.of("type", "password", "value", identity.password(),
                    "temporary", identity.temporaryPassword())));
        }
        URI location = once(() -> admin(HttpMethod.POST, "/users", body).retrieve().toBodilessEntity()
                .getHeaders().getLocation());
        if (location == null) {
            throw new IdentityUnavailableException("Keycloak created a user but did not say where", null);
        }
        String path = location.getPath();
        return UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
    }

    /** Deletes the user; one that is already gone is fine (compensation may run twice). */
    public void deleteUser(UUID userId) {
        try {
            idempotent(() -> admin(HttpMethod.DELETE, "/users/{id}", null, userId).retrieve().toBodilessEntity());
        } catch (NotFound e) {
            log.debug("user {} was already gone", userId);
        }
    }

    /**
     * Makes {@code role} the user's only direct mapping among {@code managed} realm roles (agent, supervisor,
     * admin): adds it first, then removes the others, so the user never holds no role in between.
     */
    public void setRealmRole(UUID userId, String role, Set<String> managed) {
        idempotent(() -> {
            String base = "/users/{id}/role-mappings/realm";
            List<JsonNode> current = list(admin(HttpMethod.GET, base, null, userId).retrieve().body(JsonNode.class));
            if (current.stream().noneMatch(r -> role.equals(r.path("name").asString()))) {
                // manage-users cannot read /roles/{name}; the user's "available" roles carry the representation
                JsonNode available = list(admin(HttpMethod.GET, base + "/available", null, userId).retrieve()
                        .body(JsonNode.class)).stream().filter(r -> role.equals(r.path("name").asString())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("realm role " + role + " does not exist in Keycloak"));
                admin(HttpMethod.POST, base, List.of(available), userId).retrieve().toBodilessEntity();
            }
            List<JsonNode> others = current.stream()
                    .filter(r -> managed.contains(r.path("name").asString()) && !role.equals(r.path("name").asString()))
                    .toList();
            if (!others.isEmpty()) {
                admin(HttpMethod.DELETE, base, others, userId).retrieve().toBodilessEntity();
            }
            return null;
        });
    }

    /** The user's direct realm role mappings (names). */
    public Set<String> realmRoles(UUID userId) {
        return idempotent(() -> {
            JsonNode roles = admin(HttpMethod.GET, "/users/{id}/role-mappings/realm", null, userId).retrieve()
                    .body(JsonNode.class);
            Set<String> names = new java.util.TreeSet<>();
            list(roles).forEach(r -> names.add(r.path("name").asString()));
            return names;
        });
    }

    public void updateNames(UUID userId, String firstName, String lastName) {
        updateUser(userId, Map.of("firstName", firstName, "lastName", lastName));
    }

    public void setEnabled(UUID userId, boolean enabled) {
        updateUser(userId, Map.of("enabled", enabled));
    }

    /** Ends every session of the user: their refresh tokens stop working at once. */
    public void logout(UUID userId) {
        idempotent(() -> admin(HttpMethod.POST, "/users/{id}/logout", null, userId).retrieve().toBodilessEntity());
    }

    /** The ids of the user's active sessions (the {@code sid} claim of their tokens). */
    public List<String> sessionIds(UUID userId) {
        return idempotent(() -> {
            List<String> ids = new ArrayList<>();
            list(admin(HttpMethod.GET, "/users/{id}/sessions", null, userId).retrieve().body(JsonNode.class))
                    .forEach(s -> ids.add(s.path("id").asString()));
            return ids;
        });
    }

    /** The user as Keycloak stores it, if it exists. */
    public Optional<JsonNode> user(UUID userId) {
        try {
            return Optional.ofNullable(idempotent(
                    () -> admin(HttpMethod.GET, "/users/{id}", null, userId).retrieve().body(JsonNode.class)));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    /** The id of the user with exactly this e-mail address, if any. */
    public Optional<UUID> findByEmail(String email) {
        return idempotent(() -> {
            JsonNode users = http.get().uri(adminUrl("/users") + "?exact=true&email={email}", email)
                    .headers(h -> h.setBearerAuth(accessToken())).retrieve().body(JsonNode.class);
            return list(users).stream().findFirst().map(u -> UUID.fromString(u.path("id").asString()));
        });
    }

    /** The user with exactly this username, if any. */
    public Optional<JsonNode> findByUsername(String username) {
        return idempotent(() -> {
            JsonNode users = http.get().uri(adminUrl("/users") + "?exact=true&username={username}", username)
                    .headers(h -> h.setBearerAuth(accessToken())).retrieve().body(JsonNode.class);
            return list(users).stream().findFirst();
        });
    }

    private void updateUser(UUID userId, Map<String, Object> changes) {
        idempotent(() -> admin(HttpMethod.PUT, "/users/{id}", changes, userId).retrieve().toBodilessEntity());
    }

    /**
     * A call to the Admin API. The path is a URI template ({@code /users/{id}}) with its variables apart, so the
     * client's metrics carry the template, not one series per user.
     */
    private RestClient.RequestBodySpec admin(HttpMethod method, String template, Object body, Object... variables) {
        RestClient.RequestBodySpec spec = http.method(method).uri(adminUrl(template), variables)
                .headers(h -> h.setBearerAuth(accessToken()));
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return spec;
    }

    private String adminUrl(String path) {
        return properties.url() + "/admin/realms/" + properties.realm() + path;
    }

    /** Client-credentials token of the service account, reused until shortly before it expires. */
    private String accessToken() {
        CachedToken cached = token;
        if (cached != null && cached.expiresAt().isAfter(Instant.now(clock).plusSeconds(15))) {
            return cached.value();
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("client_id", properties.clientId());
        form.add("client_secret", properties.clientSecret());
        JsonNode answer = http.post()
                .uri(properties.url() + "/realms/" + properties.realm() + "/protocol/openid-connect/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().body(JsonNode.class);
        CachedToken fresh = new CachedToken(answer.path("access_token").asString(),
                Instant.now(clock).plusSeconds(answer.path("expires_in").asLong(60)));
        token = fresh;
        return fresh.value();
    }

    /** For tests and diagnostics. */
    CircuitBreaker.State circuitState() {
        return breaker.getState();
    }

    private <T> T once(Supplier<T> call) {
        return guarded(CircuitBreaker.decorateSupplier(breaker, () -> translated(call)));
    }

    private <T> T idempotent(Supplier<T> call) {
        return guarded(Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, () -> translated(call))));
    }

    private static <T> T guarded(Supplier<T> decorated) {
        try {
            return decorated.get();
        } catch (CallNotPermittedException e) {
            throw new IdentityUnavailableException("Keycloak failed repeatedly; calls are paused for a while", e);
        }
    }

    /** Keycloak's answers in our terms; anything that means "Keycloak is not working" becomes unavailable. */
    private <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (ResourceAccessException e) {
            throw new IdentityUnavailableException("Keycloak is not reachable: " + e.getMessage(), e);
        } catch (RestClientResponseException e) {
            HttpStatusCode status = e.getStatusCode();
            if (status.value() == 409) {
                throw new IdentityConflictException("Keycloak already has a user with this username or e-mail.");
            }
            if (status.value() == 404) {
                throw new NotFound();
            }
            if (status.value() == 400) {
                // {"field":"firstName","errorMessage":"error-person-name-invalid-character",...}
                JsonNode body = refusal(e.getResponseBodyAsString());
                String field = body.path("field").asString(null);
                String reason = body.path("errorMessage").asString(body.path("error").asString("invalid value"));
                log.info("Keycloak refused a value ({}): {}", field, reason);
                throw new IdentityRefusedException(field, "Keycloak refused the value: " + reason);
            }
            if (status.value() == 401) {
                // the cached token was revoked or Keycloak restarted: fetch a new one next time
                token = null;
            }
            if (status.is5xxServerError() || status.value() == 401) {
                throw new IdentityUnavailableException("Keycloak answered " + status.value(), e);
            }
            log.error("Keycloak refused an admin call ({}): {}", status.value(), e.getResponseBodyAsString());
            throw new IllegalStateException("Keycloak refused the admin call with " + status.value()
                    + " (is the service account's realm-management role set up?)", e);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode refusal(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (RuntimeException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        if (array != null) {
            array.forEach(items::add);
        }
        return items;
    }

    private record CachedToken(String value, Instant expiresAt) {
    }

    /** Keycloak's 404; private because callers decide per call what a missing user means. */
    private static final class NotFound extends RuntimeException {
        NotFound() {
            super(null, null, false, false);
        }
    }
}
