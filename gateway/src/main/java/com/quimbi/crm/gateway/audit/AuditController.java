package com.quimbi.crm.gateway.audit;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

import com.quimbi.crm.gateway.audit.AuditMerge.AuditPage;
import com.quimbi.crm.gateway.audit.AuditMerge.ServicePage;
import com.quimbi.crm.gateway.problem.Problems;
import com.quimbi.crm.gateway.web.RequestIdWebFilter;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/audit} (admin): the audit trail of every service in one list. Each service keeps its own records
 * behind {@code GET /internal/audit} (platform-audit), which the gateway routes to nobody; here they are asked in
 * parallel with the caller's token and the same filters and cursor, and their pages merged ({@link AuditMerge}). A
 * service that does not answer in time is named in {@code partial} instead of failing the whole list; a filter a
 * service refuses (400) is the caller's mistake and comes back as that problem.
 */
@RestController
@EnableConfigurationProperties(AuditProperties.class)
class AuditController {

    private static final Logger log = LoggerFactory.getLogger(AuditController.class);
    static final String ADMIN = "admin";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    static final List<String> FILTERS = List.of("actor", "action", "resourceType", "resourceId", "from", "to", "cursor");

    private final Map<String, URI> services;
    private final WebClient http;
    private final AuditProperties properties;

    AuditController(AuditProperties properties) {
        this.properties = properties;
        this.services = new TreeMap<>(properties.services());
        HttpClient client = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(2000, properties.timeout().toMillis()))
                .responseTimeout(properties.timeout());
        this.http = WebClient.builder().clientConnector(new ReactorClientHttpConnector(client)).build();
    }

    record AuditResponse(List<JsonNode> items, String nextCursor, List<String> partial) {
    }

    @GetMapping("/api/audit")
    Mono<ResponseEntity<?>> list(@AuthenticationPrincipal Jwt token, @RequestParam MultiValueMap<String, String> params,
            ServerWebExchange exchange) {
        if (!isAdmin(token)) {
            return Mono.just(problem(HttpStatus.FORBIDDEN, Problems.of(HttpStatus.FORBIDDEN,
                    "The audit trail is for admins.")));
        }
        Integer limit = limit(params.getFirst("limit"));
        if (limit == null) {
            return Mono.just(problem(HttpStatus.BAD_REQUEST, Problems.validation("The request has invalid fields.",
                    List.of(new Problems.FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT)))));
        }
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        FILTERS.forEach(name -> {
            String value = params.getFirst(name);
            if (value != null) {
                query.add(name, value);
            }
        });
        query.add("limit", limit.toString());
        String requestId = exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE);
        return Flux.fromIterable(services.entrySet())
                .flatMap(service -> ask(service.getKey(), service.getValue(), query, token.getTokenValue(), requestId))
                .collectList()
                .map(answers -> {
                    for (Answer answer : answers) {
                        if (answer.refusal() != null) {
                            return problem(HttpStatus.BAD_REQUEST, answer.refusal());
                        }
                    }
                    AuditPage page = AuditMerge.merge(answers.stream().map(Answer::page).toList(), limit);
                    return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                            .body(new AuditResponse(page.items(), page.nextCursor(), page.partial()));
                });
    }

    /** A service's page, or its refusal of the filters (400), or missing for anything else. */
    record Answer(ServicePage page, JsonNode refusal) {
    }

    private Mono<Answer> ask(String service, URI base, MultiValueMap<String, String> query, String token,
            String requestId) {
        // every value encoded in full: a "+" in an offset or a cursor must reach the service as a "+", not a space
        UriComponentsBuilder builder = UriComponentsBuilder.fromUri(base).path("/internal/audit");
        query.forEach((name, values) -> values.forEach(
                value -> builder.queryParam(name, URLEncoder.encode(value, StandardCharsets.UTF_8))));
        URI uri = builder.build(true).toUri();
        return http.get().uri(uri)
                .headers(h -> {
                    h.setBearerAuth(token);
                    if (requestId != null) {
                        h.set(RequestIdWebFilter.HEADER, requestId);
                    }
                })
                .exchangeToMono(response -> {
                    int status = response.statusCode().value();
                    if (status == 200) {
                        return response.bodyToMono(JsonNode.class).map(body -> new Answer(page(service, body), null));
                    }
                    if (status == 400) {
                        return response.bodyToMono(JsonNode.class).map(body -> new Answer(null, body));
                    }
                    log.warn("{} answered {} for /internal/audit", service, status);
                    return response.releaseBody().thenReturn(missing(service));
                })
                .timeout(properties.timeout())
                .onErrorResume(e -> {
                    log.warn("{} not available for /internal/audit: {}", service, e.toString());
                    return Mono.just(missing(service));
                });
    }

    private static Answer missing(String service) {
        return new Answer(ServicePage.missing(service), null);
    }

    private static ServicePage page(String service, JsonNode body) {
        List<JsonNode> items = body.path("items").valueStream().toList();
        JsonNode next = body.path("nextCursor");
        return new ServicePage(service, items, next.isString() ? next.asString() : null);
    }

    private ResponseEntity<?> problem(HttpStatus status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body instanceof ProblemDetail detail ? Problems.toMap(detail) : body);
    }

    /** Null when the value is not a whole number in range: the caller should know, not get a silent default. */
    static Integer limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            return limit >= 1 && limit <= MAX_LIMIT ? limit : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean isAdmin(Jwt token) {
        return token != null && token.getClaims().get("realm_access") instanceof Map<?, ?> access
                && access.get("roles") instanceof Collection<?> roles && roles.contains(ADMIN);
    }
}
