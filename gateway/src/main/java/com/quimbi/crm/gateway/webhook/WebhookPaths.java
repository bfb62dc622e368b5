package com.quimbi.crm.gateway.webhook;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Partner webhooks: {@code /webhooks/{source}/**} and the seed's exact partner paths. They carry no JWT (the
 * receiving service checks the partner's signature), so the gateway lets them through unauthenticated, with
 * their own body limit and a rate limit per source.
 */
public final class WebhookPaths {

    public static final String PREFIX = "/webhooks/**";
    /** Exact aliases, POST only; routed to {@code /webhooks/shopify} (the topic is in a header). */
    public static final String[] SHOPIFY_ALIASES = { "/api/shopify/webhooks/customers", "/api/shopify/webhooks/orders" };
    /** Exact aliases, POST only; routed to {@code /webhooks/gorgias/{event}}. */
    public static final String[] GORGIAS_ALIASES = { "/api/gorgias/webhooks/ticket-created",
            "/api/gorgias/webhooks/ticket-message-created" };

    /** Exact alias, POST only; notification-service answers it like {@code /webhooks/slack/events}. */
    public static final String[] SLACK_ALIASES = { "/api/slack/webhooks/events" };

    private static final PathPattern WEBHOOKS = PathPatternParser.defaultInstance.parse("/webhooks/{source}/**");
    private static final List<PathPattern> ALIASES = List.of(SHOPIFY_ALIASES).stream()
            .map(PathPatternParser.defaultInstance::parse).toList();
    private static final List<PathPattern> GORGIAS = List.of(GORGIAS_ALIASES).stream()
            .map(PathPatternParser.defaultInstance::parse).toList();
    private static final List<PathPattern> SLACK = List.of(SLACK_ALIASES).stream()
            .map(PathPatternParser.defaultInstance::parse).toList();

    private WebhookPaths() {
    }

    /** The partner a webhook comes from ({@code shopify}), or null when the request is no webhook. */
    public static String source(ServerHttpRequest request) {
        var path = request.getPath().pathWithinApplication();
        PathPattern.PathMatchInfo match = WEBHOOKS.matchAndExtract(path);
        if (match != null) {
            return match.getUriVariables().get("source");
        }
        if (HttpMethod.POST.equals(request.getMethod()) && ALIASES.stream().anyMatch(a -> a.matches(path))) {
            return "shopify";
        }
        if (HttpMethod.POST.equals(request.getMethod()) && GORGIAS.stream().anyMatch(a -> a.matches(path))) {
            return "gorgias";
        }
        if (HttpMethod.POST.equals(request.getMethod()) && SLACK.stream().anyMatch(a -> a.matches(path))) {
            return "slack";
        }
        return null;
    }

    public static boolean isWebhook(ServerHttpRequest request) {
        return source(request) != null;
    }
}
