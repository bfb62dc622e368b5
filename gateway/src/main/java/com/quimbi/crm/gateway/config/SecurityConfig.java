package com.quimbi.crm.gateway.config;

import java.time.Clock;
import java.util.List;

import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.util.Assert;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import com.quimbi.crm.gateway.console.ConsoleProperties;
import com.quimbi.crm.gateway.problem.Problems;
import com.quimbi.crm.gateway.webhook.WebhookPaths;
import com.quimbi.crm.gateway.session.DeactivatedSubjects;
import com.quimbi.crm.gateway.session.DenyListJwtDecoder;
import com.quimbi.crm.gateway.session.SessionDenyList;

import reactor.core.publisher.Mono;

/**
 * The gateway authenticates: every {@code /api/**} call needs a valid Keycloak access token, except login,
 * refresh and the console's token exchange; health, info, prometheus, the console's static files and the API
 * documentation (Swagger UI, OpenAPI documents) are open. Stateless (no session, no CSRF: bearer tokens only).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

    static final String[] OPEN_AUTH_ENDPOINTS = { "/api/auth/login", "/api/auth/refresh", "/api/auth/token" };
    /** The agent console's static files (ConsoleWebConfig): public, like any web page; its API calls are not. */
    static final String[] CONSOLE_FILES = { "/", "/index.html", "/assets/**", "/webjars/**", "/favicon.ico" };
    static final String[] OPEN_SHOPIFY_OAUTH = { "/api/shopify/install", "/api/shopify/oauth/callback" };
    static final String WEBSOCKETS = "/ws/**";
    /** The customers' CSAT survey page (automation-service): the signed, expiring token in the path authenticates. */
    static final String CSAT_PAGE = "/api/csat/*";
    /**
     * The aggregated Swagger UI and the OpenAPI documents it shows (the services' through the api-docs routes):
     * public descriptions, read-only; every call "Try it out" makes is an /api call with the user's token.
     */
    static final String[] API_DOCS = { "/swagger-ui", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**" };
    static final String[] OPEN_ACTUATOR_ENDPOINTS = { "/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus" };

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
            CorsConfigurationSource cors, Problems problems, ConsoleProperties console) {
        ProblemAuthenticationHandlers problemHandlers = new ProblemAuthenticationHandlers(problems);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(spec -> spec.configurationSource(cors))
                // every answer: the console's strict CSP (no inline script, nothing from elsewhere), no framing, no
                // referrer; Spring Security's no-cache default only where the handler set no Cache-Control of its own.
                // The Swagger UI (/swagger-ui) runs under the same policy: its files load no inline script and nothing
                // from elsewhere, its code exchange goes to /api/auth/token (checked in Chromium: it renders, one
                // inline style attribute is refused without visible effect), so it needs no policy of its own
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(console.contentSecurityPolicy()))
                        .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(OPEN_AUTH_ENDPOINTS).permitAll()
                        .pathMatchers(HttpMethod.GET, CONSOLE_FILES).permitAll()
                        .pathMatchers(HttpMethod.HEAD, CONSOLE_FILES).permitAll()
                        .pathMatchers(HttpMethod.GET, API_DOCS).permitAll()
                        // partner webhooks: the receiving service verifies the partner's signature
                        .pathMatchers(WebhookPaths.PREFIX).permitAll()
                        .pathMatchers(HttpMethod.POST, WebhookPaths.SHOPIFY_ALIASES).permitAll()
                        .pathMatchers(HttpMethod.POST, WebhookPaths.GORGIAS_ALIASES).permitAll()
                        .pathMatchers(HttpMethod.POST, WebhookPaths.SLACK_ALIASES).permitAll()
                        // the Shopify app install: the merchant's browser, authenticated by Shopify's hmac + state
                        .pathMatchers(HttpMethod.GET, OPEN_SHOPIFY_OAUTH).permitAll()
                        .pathMatchers(OPEN_ACTUATOR_ENDPOINTS).permitAll()
                        // WebSocket handshakes: browsers cannot send a bearer token; notification-service
                        // authenticates the single-use connection ticket (the Origin is checked before this chain)
                        .pathMatchers(HttpMethod.GET, WEBSOCKETS).permitAll()
                        // customers rating a ticket from their survey e-mail have no login (rate-limited per
                        // client address like every /api call)
                        .pathMatchers(HttpMethod.GET, CSAT_PAGE).permitAll()
                        .pathMatchers(HttpMethod.POST, CSAT_PAGE).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder))
                        .bearerTokenConverter(bearerTokenConverter())
                        .authenticationEntryPoint(problemHandlers)
                        .accessDeniedHandler(problemHandlers))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(problemHandlers)
                        .accessDeniedHandler(problemHandlers))
                .build();
    }

    /**
     * Bearer tokens are read everywhere except on login, refresh, the Shopify install and callback, the CSAT survey
     * page and webhooks,
     * so a stale {@code Authorization} header left in the SPA (or a merchant's browser) cannot turn an open
     * endpoint into a 401, and a partner's header is never taken for ours (those routes also drop it before
     * forwarding).
     */
    static ServerAuthenticationConverter bearerTokenConverter() {
        ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
        ServerWebExchangeMatcher openEndpoints = new OrServerWebExchangeMatcher(
                ServerWebExchangeMatchers.pathMatchers(OPEN_AUTH_ENDPOINTS),
                ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, CONSOLE_FILES),
                ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, API_DOCS),
                ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, WEBSOCKETS),
                ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, OPEN_SHOPIFY_OAUTH),
                ServerWebExchangeMatchers.pathMatchers(CSAT_PAGE));
        return exchange -> WebhookPaths.isWebhook(exchange.getRequest()) ? Mono.empty() : openEndpoints.matches(exchange)
                .flatMap(match -> match.isMatch() ? Mono.empty() : bearer.convert(exchange));
    }

    /**
     * Keycloak's keys are fetched lazily from the JWK set URI on the first token, so the gateway starts
     * without Keycloak. Issuer checked; logged-out sessions and deactivated users rejected.
     */
    /**
     * A request Spring Security's firewall refuses (an encoded slash, period or backslash, a NUL) gets a 400 problem
     * like every other refusal, not a bare 400 without a body.
     */
    @Bean
    org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler problemExchangeRejectedHandler(
            Problems problems) {
        return (exchange, rejected) -> problems.write(exchange, Problems.of(HttpStatus.BAD_REQUEST,
                "The request's path or parameters hold characters no URL here may contain (an encoded slash, period "
                        + "or backslash, a NUL, a line break)."));
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer, SessionDenyList denyList,
            DeactivatedSubjects deactivated) {
        OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
        Assert.state(jwt.getJwkSetUri() != null, "spring.security.oauth2.resourceserver.jwt.jwk-set-uri is required");
        Assert.state(jwt.getIssuerUri() != null, "spring.security.oauth2.resourceserver.jwt.issuer-uri is required");
        NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withJwkSetUri(jwt.getJwkSetUri()).build();
        OAuth2TokenValidator<Jwt> issuer = new JwtIssuerValidator(jwt.getIssuerUri());
        nimbus.setJwtValidator(JwtValidators.createDefaultWithValidators(List.of(issuer)));
        return new DenyListJwtDecoder(nimbus, denyList, deactivated);
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(CrmGatewayProperties properties) {
        CrmGatewayProperties.Cors settings = properties.cors();
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(settings.allowedOrigins().stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
        cors.setAllowedMethods(settings.allowedMethods());
        cors.setAllowedHeaders(settings.allowedHeaders());
        cors.setExposedHeaders(settings.exposedHeaders());
        cors.setAllowCredentials(false);
        cors.setMaxAge(settings.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
