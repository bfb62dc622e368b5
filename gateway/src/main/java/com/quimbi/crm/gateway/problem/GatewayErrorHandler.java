package com.quimbi.crm.gateway.problem;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Last line of error handling (replaces Boot's HTML/JSON error page): every error that escapes a filter,
 * the routing or a controller leaves as a problem. A downstream service or Keycloak that cannot be reached
 * is 503 with {@code Retry-After}, not a raw 500; a connection that breaks mid-request (reset, broken pipe, closed
 * early: a service killed or restarting) is 502; a downstream timeout is 504.
 */
@Component
@Order(-2)
public class GatewayErrorHandler implements ErrorWebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final Problems problems;

    public GatewayErrorHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        ProblemDetail problem = toProblem(exchange, ex);
        exchange.getResponse().getHeaders().remove("Content-Length");
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            // a restarting service is back in seconds: tell clients when to retry instead of letting them hammer
            exchange.getResponse().getHeaders().set("Retry-After", "5");
        }
        return problems.write(exchange, problem);
    }

    ProblemDetail toProblem(ServerWebExchange exchange, Throwable ex) {
        String path = exchange.getRequest().getPath().value();
        if (ex instanceof AuthenticationServiceException) {
            log.warn("{} {}: token could not be validated: {}", exchange.getRequest().getMethod(), path,
                    rootCause(ex).toString());
            return Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                    "Access tokens cannot be validated right now. Please retry shortly.");
        }
        if (isUnreachable(ex)) {
            log.warn("{} {}: upstream not reachable: {}", exchange.getRequest().getMethod(), path, rootCause(ex).toString());
            return Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                    "The service behind this endpoint is not reachable right now. Please retry shortly.");
        }
        if (hasCause(ex, "reactor.netty.http.client.PrematureCloseException") || hasIoFailure(ex)) {
            log.warn("{} {}: upstream closed the connection early", exchange.getRequest().getMethod(), path);
            return Problems.of(HttpStatus.BAD_GATEWAY, "The service behind this endpoint closed the connection.");
        }
        if (ex instanceof ErrorResponse errorResponse) {
            HttpStatusCode status = errorResponse.getStatusCode();
            if (status.value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
                log.warn("{} {}: upstream timed out", exchange.getRequest().getMethod(), path);
                return Problems.of(HttpStatus.GATEWAY_TIMEOUT,
                        "The service behind this endpoint did not answer in time. Please retry shortly.");
            }
            if (status.is5xxServerError()) {
                log.error("{} {} failed", exchange.getRequest().getMethod(), path, ex);
            }
            return errorResponse.getBody();
        }
        log.error("{} {} failed", exchange.getRequest().getMethod(), path, ex);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred. It has been logged.");
    }

    /** Connection refused, unknown host, connect timeout... anywhere in the cause chain. */
    static boolean isUnreachable(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof UnresolvedAddressException
                    || t.getClass().getName().equals("io.netty.channel.ConnectTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    /** The connection to the service broke mid-request (reset by peer, broken pipe: a service killed or restarting). */
    static boolean hasIoFailure(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable ex, String className) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public int getOrder() {
        return -2;
    }

}
