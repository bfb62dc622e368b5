package com.quimbi.crm.notification.slack;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.quimbi.crm.notification.config.AlertProperties;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import com.slack.api.model.ConversationType;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.http.SlackHttpClient;
import com.slack.api.webhook.Payload;
import com.slack.api.webhook.WebhookResponse;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Slack's Web API through the official SDK ({@code SlackConfig.methodsEndpointUrlPrefix} = crm.alerts.slack.methods-url,
 * so tests point it at a stand-in), behind one resilience4j circuit breaker that counts only Slack being unavailable
 * (5xx, timeouts), not its answers. Posting is not retried here: the delivery queue owns retries (429's Retry-After,
 * backoff, then failed). Tokens come from {@link SlackWorkspaces} per call and are never logged.
 */
@Component
public class SlackClient {

    private static final Logger log = LoggerFactory.getLogger(SlackClient.class);
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private final Slack slack;
    private final SlackWorkspaces workspaces;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private final Duration channelsTtl;
    private volatile CachedChannels channels;

    SlackClient(AlertProperties properties, SlackWorkspaces workspaces, Clock clock, Optional<MeterRegistry> meters) {
        AlertProperties.Slack p = properties.slack();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(p.methodsUrl().endsWith("/") ? p.methodsUrl() : p.methodsUrl() + "/");
        config.setPrettyResponseLoggingEnabled(false);
        // the SDK's default listeners log requests and answers in detail at debug level: none here (tokens, texts)
        config.setHttpClientResponseHandlers(new ArrayList<>());
        // no metrics datastore and its background threads: the delivery queue paces the calls
        config.setStatsEnabled(false);
        config.setHttpClientReadTimeoutMillis((int) p.readTimeout().toMillis());
        config.setHttpClientWriteTimeoutMillis((int) p.readTimeout().toMillis());
        config.setHttpClientCallTimeoutMillis((int) p.connectTimeout().plus(p.readTimeout()).toMillis());
        this.slack = Slack.getInstance(config, SlackHttpClient.buildSlackHttpClient(config));
        this.workspaces = workspaces;
        this.clock = clock;
        this.channelsTtl = p.channelsCacheTtl();
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(p.failureRateThreshold())
                .slidingWindowSize(p.slidingWindowSize())
                .minimumNumberOfCalls(Math.min(p.slidingWindowSize(), 10))
                .waitDurationInOpenState(p.openWait())
                .recordExceptions(SlackException.Unavailable.class)
                .build());
        this.breaker = breakers.circuitBreaker("slack");
        meters.ifPresent(registry -> TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry));
    }

    /** Where a message went: the channel's id (Slack answers with it even when asked by name) and its ts. */
    public record Posted(String channelId, String ts) {
    }

    public record SlackChannel(String id, String name, boolean isPrivate, Integer members) {
    }

    /**
     * Posts a message: with the bot token to {@code channel} (an id, a {@code #name} or a user id for a DM) through
     * chat.postMessage; without one, to the incoming webhook (its own channel; {@code channel} and threads ignored).
     */
    public Posted post(String channel, String text, List<LayoutBlock> blocks, String threadTs) {
        SlackWorkspaces.Connection connection = connection();
        if (connection.webApi()) {
            ChatPostMessageResponse response = call(() -> methods(connection).chatPostMessage(r -> r
                    .channel(channel).text(text).blocks(blocks).threadTs(threadTs).unfurlLinks(false)));
            return new Posted(response.getChannel(), response.getTs());
        }
        if (connection.webhookUrl() != null && threadTs == null) {
            postToWebhook(connection.webhookUrl(), Payload.builder().text(text).blocks(blocks).build());
            return new Posted(null, null);
        }
        throw new SlackException.Rejected("not_connected");
    }

    /** A message only {@code user} sees (chat.postEphemeral); needs the bot token. */
    public void ephemeral(String channel, String user, String text, String threadTs) {
        SlackWorkspaces.Connection connection = webApi();
        call(() -> methods(connection).chatPostEphemeral(r -> r.channel(channel).user(user).text(text).threadTs(threadTs)));
    }

    /** users.lookupByEmail: the Slack user with this e-mail, if any. */
    public Optional<String> userIdByEmail(String email) {
        SlackWorkspaces.Connection connection = webApi();
        try {
            UsersLookupByEmailResponse response = call(() -> methods(connection).usersLookupByEmail(r -> r.email(email)));
            return Optional.ofNullable(response.getUser()).map(u -> u.getId());
        } catch (SlackException.Rejected e) {
            if ("users_not_found".equals(e.error())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** users.info: the e-mail of a Slack user (needs users:read.email), if Slack shows it. */
    public Optional<String> emailOf(String userId) {
        SlackWorkspaces.Connection connection = webApi();
        try {
            UsersInfoResponse response = call(() -> methods(connection).usersInfo(r -> r.user(userId)));
            return Optional.ofNullable(response.getUser()).map(u -> u.getProfile()).map(p -> p.getEmail());
        } catch (SlackException.Rejected e) {
            if ("user_not_found".equals(e.error())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The workspace's channels the bot can see, every page of conversations.list (cursor, 200 a page), sorted by
     * name, cached for crm.alerts.slack.channels-cache-ttl.
     */
    public List<SlackChannel> channels() {
        CachedChannels cached = channels;
        Instant now = clock.instant();
        if (cached != null && cached.until().isAfter(now)) {
            return cached.channels();
        }
        SlackWorkspaces.Connection connection = webApi();
        List<SlackChannel> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String page = cursor;
            ConversationsListResponse response = call(() -> methods(connection).conversationsList(r -> r.cursor(page)
                    .limit(200).excludeArchived(true)
                    .types(List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL))));
            if (response.getChannels() != null) {
                response.getChannels().forEach(c -> all.add(new SlackChannel(c.getId(), c.getName(), c.isPrivate(),
                        c.getNumOfMembers())));
            }
            cursor = response.getResponseMetadata() == null ? null : response.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isEmpty() && ++pages < 100);
        all.sort(Comparator.comparing(SlackChannel::name, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(SlackChannel::id));
        List<SlackChannel> result = List.copyOf(all);
        channels = new CachedChannels(result, now.plus(channelsTtl));
        return result;
    }

    private record CachedChannels(List<SlackChannel> channels, Instant until) {
    }

    void forgetChannels() {
        channels = null;
    }

    private SlackWorkspaces.Connection connection() {
        return workspaces.connection().orElseThrow(() -> new SlackException.Rejected("not_connected"));
    }

    private SlackWorkspaces.Connection webApi() {
        SlackWorkspaces.Connection connection = connection();
        if (!connection.webApi()) {
            throw new SlackException.Rejected("no_bot_token");
        }
        return connection;
    }

    private MethodsClient methods(SlackWorkspaces.Connection connection) {
        return slack.methods(connection.botToken());
    }

    @FunctionalInterface
    interface SlackCall<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    /** One Web API call through the breaker, its outcome mapped to what a caller can act on. */
    <T extends SlackApiTextResponse> T call(SlackCall<T> call) {
        try {
            T response = breaker.executeSupplier(() -> {
                try {
                    return call.run();
                } catch (SlackApiException e) {
                    throw map(e);
                } catch (IOException e) {
                    throw new SlackException.Unavailable("Slack did not answer: " + e.getClass().getSimpleName(), e);
                }
            });
            if (!response.isOk()) {
                if ("ratelimited".equals(response.getError())) {
                    throw new SlackException.RateLimited(DEFAULT_RETRY_AFTER);
                }
                throw new SlackException.Rejected(response.getError() == null ? "unknown_error" : response.getError());
            }
            return response;
        } catch (CallNotPermittedException e) {
            throw new SlackException.Unavailable("Slack circuit open", e);
        } catch (SlackException e) {
            throw e;
        } catch (RuntimeException e) {
            // Broad on purpose: the SDK also fails unchecked (Gson's JsonParseException on a garbled or truncated
            // answer, OkHttp's IllegalStateException on a broken connection). To a caller that is Slack not answering
            // usably: Unavailable, so deliveries retry with backoff and end up failed (logged, counted) and Slack
            // requests stay retryable, instead of an unexpected exception escaping the dispatcher. Not swallowed.
            throw new SlackException.Unavailable("Slack call failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private void postToWebhook(String url, Payload payload) {
        WebhookResponse response;
        try {
            response = breaker.executeSupplier(() -> {
                WebhookResponse r;
                try {
                    r = slack.send(url, payload);
                } catch (IOException e) {
                    throw new SlackException.Unavailable("Slack webhook did not answer: " + e.getClass().getSimpleName(), e);
                }
                if (r.getCode() != null && r.getCode() >= 500) {
                    throw new SlackException.Unavailable("Slack webhook answered " + r.getCode(), null);
                }
                return r;
            });
        } catch (CallNotPermittedException e) {
            throw new SlackException.Unavailable("Slack circuit open", e);
        } catch (SlackException e) {
            throw e;
        } catch (RuntimeException e) {
            // broad on purpose, as in call(): the SDK's unchecked failures are Slack not answering usably (rethrown)
            throw new SlackException.Unavailable("Slack webhook failed: " + e.getClass().getSimpleName(), e);
        }
        int code = response.getCode() == null ? 0 : response.getCode();
        if (code == 429) {
            throw new SlackException.RateLimited(DEFAULT_RETRY_AFTER);
        }
        if (code != 200) {
            throw new SlackException.Rejected(response.getBody() == null || response.getBody().isBlank()
                    ? "http_" + code : abbreviate(response.getBody()));
        }
    }

    private static SlackException map(SlackApiException e) {
        int code = e.getResponse() == null ? 0 : e.getResponse().code();
        if (code == 429) {
            return new SlackException.RateLimited(retryAfter(e.getResponse().header("Retry-After")));
        }
        if (code >= 500 || code == 0) {
            return new SlackException.Unavailable("Slack answered " + code, e);
        }
        String error = e.getError() != null && e.getError().getError() != null ? e.getError().getError() : "http_" + code;
        log.debug("Slack refused a call: {}", error);
        return new SlackException.Rejected(error);
    }

    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return Duration.ofSeconds(Math.clamp(seconds, 1, 3600));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 100 ? one.substring(0, 100) : one;
    }
}
