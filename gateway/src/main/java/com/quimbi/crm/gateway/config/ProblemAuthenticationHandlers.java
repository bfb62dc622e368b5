package com.quimbi.crm.gateway.config;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import com.quimbi.crm.gateway.problem.Problems;

import reactor.core.publisher.Mono;

/**
 * 401 and 403 as problems, with the RFC 6750 {@code WWW-Authenticate: Bearer} challenge: {@code
 * error="invalid_token"} when a token was sent but rejected (expired, bad signature, wrong issuer, logged
 * out).
 */
class ProblemAuthenticationHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final Problems problems;

    ProblemAuthenticationHandlers(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        String detail = "A valid bearer access token is required.";
        String challenge = "Bearer";
        if (ex instanceof OAuth2AuthenticationException oauth && oauth.getError() instanceof BearerTokenError error) {
            challenge = "Bearer error=\"" + error.getErrorCode() + "\"";
            if (error.getDescription() != null) {
                detail = "The access token was rejected: " + error.getDescription();
                challenge += ", error_description=\"" + error.getDescription().replace("\"", "'") + "\"";
            }
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return problems.write(exchange, Problems.of(HttpStatus.UNAUTHORIZED, detail));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return problems.write(exchange, Problems.of(HttpStatus.FORBIDDEN, "Your role does not allow this operation."));
    }
}
