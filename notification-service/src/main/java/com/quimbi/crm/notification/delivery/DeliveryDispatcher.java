package com.quimbi.crm.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.notification.config.AlertProperties;
import com.quimbi.crm.notification.delivery.internal.DeliveryStore;
import com.quimbi.crm.notification.directory.AgentContacts;
import com.quimbi.crm.notification.rules.AlertItem;
import com.quimbi.crm.notification.slack.SlackAlerts;
import com.quimbi.crm.notification.slack.SlackClient;
import com.quimbi.crm.notification.slack.SlackException;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends pending deliveries, one message per destination and batch: every poll it finds the destinations that are
 * due (see {@link DeliveryStore#due}), locks each one's row (several instances never send the same batch) and sends
 * up to crm.alerts.delivery.max-items-per-message items as one Slack message or e-mail. Outcomes:
 * <ul>
 * <li>sent: the items are {@code sent}, the destination's window starts;</li>
 * <li>429: the destination waits for Retry-After, the items stay pending untouched (a storm drops nothing);</li>
 * <li>5xx, timeout, open circuit, SMTP down: each item retries with backoff, after max-attempts it is {@code failed};</li>
 * <li>refused for good (channel_not_found, no Slack user for the agent, a bad address): {@code failed} at once.</li>
 * </ul>
 */
@Component
class DeliveryDispatcher {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final DeliveryStore store;
    private final SlackAlerts slackAlerts;
    private final SlackClient slack;
    private final MailAlerts mail;
    private final AgentContacts agents;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AlertProperties.Delivery properties;
    private final Optional<MeterRegistry> meters;

    DeliveryDispatcher(DeliveryStore store, SlackAlerts slackAlerts, SlackClient slack, MailAlerts mail,
            AgentContacts agents, TransactionTemplate tx, Clock clock, AlertProperties properties,
            Optional<MeterRegistry> meters) {
        this.store = store;
        this.slackAlerts = slackAlerts;
        this.slack = slack;
        this.mail = mail;
        this.agents = agents;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties.delivery();
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${crm.alerts.delivery.poll-interval:500ms}")
    void dispatch() {
        if (!properties.dispatcherEnabled()) {
            return;
        }
        Instant now = clock.instant();
        List<DeliveryStore.Destination> due = store.due(now, properties.gather(), properties.window(),
                properties.rateInterval(), properties.maxItemsPerMessage());
        for (DeliveryStore.Destination destination : due) {
            try {
                tx.executeWithoutResult(status -> dispatch(destination));
            } catch (RuntimeException e) {
                // Broad on purpose: Slack's and SMTP's outcomes are handled inside; what reaches here is unexpected (a
                // database error, a bug) and must not stop the other destinations of this poll. The transaction rolled
                // back, so the items stay pending and are tried again next poll; logged with its stack and counted.
                log.warn("dispatching to {} {} failed: {}", destination.type(), destination.destination(), e.toString(), e);
                count(destination, "error", 1);
            }
        }
    }

    void dispatch(DeliveryStore.Destination destination) {
        if (!store.lock(destination)) {
            return;
        }
        Instant now = clock.instant();
        List<DeliveryStore.Pending> pending = store.pending(destination, now, properties.maxItemsPerMessage());
        if (pending.isEmpty()) {
            return;
        }
        List<AlertItem> items = pending.stream().map(DeliveryStore.Pending::item).toList();
        List<UUID> ids = pending.stream().map(DeliveryStore.Pending::id).toList();
        try {
            String ref = switch (destination.type()) {
                case SLACK_CHANNEL -> slackAlerts.send(destination.destination(), items);
                case SLACK_DM -> slackAlerts.send(slackUserOf(destination.destination()), items);
                case EMAIL -> mail.send(destination.destination(), items);
                case WEBSOCKET -> throw new IllegalStateException("WebSocket alerts are sent when queued");
            };
            store.sent(ids, ref, now);
            store.markSentTo(destination, now);
            count(destination, "sent", ids.size());
            log.debug("{} item(s) sent to {} {}", ids.size(), destination.type(), destination.destination());
        } catch (SlackException.RateLimited e) {
            store.block(destination, now.plus(e.retryAfter()));
            count(destination, "rate_limited", ids.size());
            log.info("{} {} rate-limited: {} item(s) wait {} s", destination.type(), destination.destination(), ids.size(),
                    e.retryAfter().toSeconds());
        } catch (SlackException.Rejected | MailAuthenticationException | MailParseException | MailPreparationException
                | IllegalStateException e) {
            pending.forEach(p -> store.failed(p.id(), e.getMessage()));
            count(destination, "failed", ids.size());
            log.warn("{} item(s) to {} failed for good: {}", ids.size(), destination.type(), e.getMessage());
        } catch (SlackException.Unavailable | MailException e) {
            int failed = 0;
            for (DeliveryStore.Pending p : pending) {
                int attempt = p.attempts() + 1;
                if (attempt >= properties.maxAttempts()) {
                    store.failed(p.id(), e.getMessage());
                    failed++;
                } else {
                    store.retryLater(p.id(), now.plus(backoff(attempt)), e.getMessage());
                }
            }
            count(destination, "retry", ids.size() - failed);
            count(destination, "failed", failed);
            log.warn("{} item(s) to {} not sent ({}); {} failed for good", ids.size(), destination.type(), e.getMessage(),
                    failed);
        }
    }

    /** The agent's Slack user (their DM channel): linked before, else looked up by their e-mail. */
    private String slackUserOf(String agentId) {
        AgentContacts.Contact agent = agents.find(agentId)
                .orElseThrow(() -> new SlackException.Rejected("unknown_agent"));
        if (agent.slackUserId() != null) {
            return agent.slackUserId();
        }
        if (agent.email() == null) {
            throw new SlackException.Rejected("agent_without_email");
        }
        String user = slack.userIdByEmail(agent.email()).orElseThrow(() -> new SlackException.Rejected("users_not_found"));
        agents.linkSlackUser(agentId, user);
        return user;
    }

    Duration backoff(int attempt) {
        Duration wait = properties.backoff().multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }

    private void count(DeliveryStore.Destination destination, String outcome, int n) {
        if (n > 0) {
            meters.ifPresent(m -> m.counter("crm_alert_deliveries", "destination_type",
                    destination.type().name().toLowerCase(Locale.ROOT), "outcome", outcome).increment(n));
        }
    }
}
