package com.quimbi.crm.gateway.auth;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.quimbi.crm.gateway.config.CrmGatewayProperties;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Keycloak's OpenID Connect token and logout endpoints, called with the gateway's confidential client.
 * Errors become {@link AuthExceptions}: a rejected grant is {@code InvalidGrant} (the caller's fault), a
 * rejected client is {@code IdentityProviderMisconfigured}, and an unreachable, slow or failing Keycloak is
 * {@code IdentityProviderUnavailable}.
 */
@Component
public class KeycloakTokenClient {

    private static final Logger log = LoggerFactory.getLogger(KeycloakTokenClient.class);

    private final WebClient http;
    private final CrmGatewayProperties.Keycloak keycloak;

    public KeycloakTokenClient(CrmGatewayProperties properties) {
        this.keycloak = properties.keycloak();
        HttpClient client = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) keycloak.connectTimeout().toMillis())
                .responseTimeout(keycloak.responseTimeout());
        this.http = WebClient.builder().clientConnector(new ReactorClientHttpConnector(client)).build();
    }

    /** Resource-owner password grant. */
    public Mono<KeycloakTokens> passwordGrant(String username, String password) {
        MultiValueMap<String, String> form = clientForm();
        form.add("grant_type", "password");
        form.add("username", username);
        form.add("password", password);
        return tokens(form);
    }

    /** Refresh-token grant. */
    public Mono<KeycloakTokens> refresh(String refreshToken) {
        MultiValueMap<String, String> form = clientForm();
        form.add("grant_type", "refresh_token");
        form.add("refresh_token", refreshToken);
        return tokens(form);
    }

    /** Ends the Keycloak session the refresh token belongs to. */
    public Mono<Void> logout(String refreshToken) {
        MultiValueMap<String, String> form = clientForm();
        form.add("refresh_token", refreshToken);
        return post(keycloak.logoutEndpoint(), form, response -> response.statusCode().is2xxSuccessful()
                ? response.releaseBody()
                : error(response));
    }

    private Mono<KeycloakTokens> tokens(MultiValueMap<String, String> form) {
        return post(keycloak.tokenEndpoint(), form, response -> response.statusCode().is2xxSuccessful()
                ? response.bodyToMono(KeycloakTokens.class)
                : error(response));
    }

    private <T> Mono<T> post(URI uri, MultiValueMap<String, String> form,
            java.util.function.Function<ClientResponse, Mono<T>> handler) {
        Duration overall = keycloak.connectTimeout().plus(keycloak.responseTimeout());
        return http.post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromFormData(form))
                .exchangeToMono(handler)
                .timeout(overall)
                .onErrorMap(WebClientRequestException.class, e -> unavailable(uri, e))
                .onErrorMap(TimeoutException.class, e -> unavailable(uri, e));
    }

    private <T> Mono<T> error(ClientResponse response) {
        HttpStatusCode status = response.statusCode();
        return response.bodyToMono(KeycloakError.class)
                .onErrorResume(e -> Mono.empty())
                .defaultIfEmpty(new KeycloakError(null, null))
                .flatMap(body -> Mono.error(toException(status, body)));
    }

    static RuntimeException toException(HttpStatusCode status, KeycloakError body) {
        if (status.is5xxServerError()) {
            return new AuthExceptions.IdentityProviderUnavailable("Keycloak answered " + status.value());
        }
        String error = body.error() == null ? "" : body.error();
        return switch (error) {
            case "invalid_grant", "invalid_request", "invalid_token" -> new AuthExceptions.InvalidGrant(
                    body.description());
            default -> {
                log.error("Keycloak rejected the gateway's request: {} {} {}", status.value(), error,
                        body.description());
                yield new AuthExceptions.IdentityProviderMisconfigured(status.value() + " " + error);
            }
        };
    }

    private static RuntimeException unavailable(URI uri, Throwable cause) {
        log.warn("Keycloak not reachable at {}: {}", uri, cause.toString());
        return new AuthExceptions.IdentityProviderUnavailable("Keycloak not reachable", cause);
    }

    private MultiValueMap<String, String> clientForm() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("client_id", keycloak.clientId());
        form.add("client_secret", keycloak.clientSecret());
        return form;
    }

    /** Keycloak's token endpoint response. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record KeycloakTokens(@JsonProperty("access_token") String accessToken,
            @JsonProperty("refresh_token") String refreshToken,
            @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("refresh_expires_in") long refreshExpiresIn,
            @JsonProperty("token_type") String tokenType) {
    }

    /** Keycloak's OAuth2 error body. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record KeycloakError(@JsonProperty("error") String error,
            @JsonProperty("error_description") String description) {
    }
}
