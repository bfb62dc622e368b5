package com.quimbi.crm.notification.summary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.notification.config.AlertProperties;
import com.quimbi.crm.notification.rules.Destination;
import com.quimbi.crm.notification.rules.DestinationType;
import com.quimbi.crm.notification.slack.SlackClient;
import com.quimbi.crm.notification.slack.SlackException;
import com.quimbi.crm.notification.summary.internal.SummaryStore;
import com.quimbi.crm.platform.core.Ids;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends team summaries, each period once. Every poll, per enabled summary, in one transaction with the summary's row
 * locked: when the latest scheduled moment (in the summary's time zone) is after the last period queued, the period's
 * report is computed, one {@code summary_send} row per destination is inserted and {@code last_period_end} moves to
 * the period's end. A restart, a second instance or a slow poll finds the period taken. Then the pending sends go out
 * (Slack: chat.postMessage; e-mail: SMTP); Slack or SMTP down or rate-limited → retried with backoff up to
 * max-attempts, refused for good (channel_not_found, no workspace, a bad address) → failed. A service that was down
 * at the scheduled moment sends the period when it is back (only the latest one: a summary is about now).
 */
@Component
public class SummaryScheduler {

    private static final Logger log = LoggerFactory.getLogger(SummaryScheduler.class);

    private final SummaryStore store;
    private final SlackClient slack;
    private final ObjectProvider<JavaMailSender> mail;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AlertProperties properties;
    private final Optional<MeterRegistry> meters;
    private final int maxAttempts;
    private final Duration backoff;
    private final int topCategories;

    SummaryScheduler(SummaryStore store, SlackClient slack, ObjectProvider<JavaMailSender> mail, TransactionTemplate tx,
            Clock clock, AlertProperties properties, Optional<MeterRegistry> meters,
            @Value("${crm.alerts.summaries.max-attempts:6}") int maxAttempts,
            @Value("${crm.alerts.summaries.backoff:30s}") Duration backoff,
            @Value("${crm.alerts.summaries.top-categories:3}") int topCategories) {
        this.store = store;
        this.slack = slack;
        this.mail = mail;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
        this.meters = meters;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.topCategories = topCategories;
    }

    @Scheduled(fixedDelayString = "${crm.alerts.summaries.poll-interval:30s}")
    void poll() {
        Instant now = clock.instant();
        queueDue(now);
        sendPending(now);
    }

    /**
     * Queues every summary whose period ended at or before {@code now} and was not queued yet; returns how many. Public
     * for the tests, which move time forward with it.
     */
    public int queueDue(Instant now) {
        int queued = 0;
        for (UUID id : store.enabledIds()) {
            Boolean done = tx.execute(status -> store.lock(id).map(summary -> queue(summary, now)).orElse(false));
            queued += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return queued;
    }

    private boolean queue(TeamSummary summary, Instant now) {
        SummarySchedule schedule = SummaryService.schedule(summary);
        SummarySchedule.Window window = schedule.latestDue(now);
        if (summary.lastPeriodEnd() != null && !window.to().isAfter(summary.lastPeriodEnd())) {
            return false;
        }
        SummaryReport report = store.report(summary, ZoneId.of(summary.timeZone()), window, topCategories);
        for (Destination destination : summary.destinations()) {
            boolean toSlack = destination.type() == DestinationType.SLACK_CHANNEL;
            store.queue(Ids.newId(), summary.id(), window.to(), toSlack ? "slack_channel" : "email",
                    toSlack ? destination.channel() : destination.address(), report.subject(),
                    toSlack ? report.slackText() : report.mailText());
        }
        store.periodQueued(summary.id(), window.to());
        log.info("team summary {} '{}': period {} – {} queued to {} destination(s)", summary.id(), summary.name(),
                window.from(), window.to(), summary.destinations().size());
        return true;
    }

    /** Sends what is due; each send in its own transaction, its row locked. */
    void sendPending(Instant now) {
        for (int batch = 0; batch < 10; batch++) {
            Integer handled = tx.execute(status -> {
                List<SummaryStore.Send> due = store.due(now, 1);
                due.forEach(send -> send(send, now));
                return due.size();
            });
            if (handled == null || handled == 0) {
                return;
            }
        }
    }

    private void send(SummaryStore.Send send, Instant now) {
        try {
            if ("slack_channel".equals(send.destinationType())) {
                slack.post(send.destination(), send.body(), null, null);
            } else {
                mail(send);
            }
            store.sent(send.id(), now);
            count(send, "sent");
        } catch (SlackException.Rejected | MailAuthenticationException | MailParseException | MailPreparationException
                | IllegalStateException e) {
            store.failed(send.id(), e.getMessage());
            count(send, "failed");
            log.warn("team summary {} to {} failed for good: {}", send.summaryId(), send.destination(), e.getMessage());
        } catch (SlackException.Unavailable | SlackException.RateLimited | MailException e) {
            int attempt = send.attempts() + 1;
            if (attempt >= maxAttempts) {
                store.failed(send.id(), e.getMessage());
                count(send, "failed");
            } else {
                Duration wait = backoff.multipliedBy(1L << Math.min(10, attempt - 1));
                if (e instanceof SlackException.RateLimited limited && limited.retryAfter().compareTo(wait) > 0) {
                    wait = limited.retryAfter();
                }
                store.retryLater(send.id(), now.plus(wait), e.getMessage());
                count(send, "retry");
            }
            log.warn("team summary {} to {} not sent (attempt {}): {}", send.summaryId(), send.destination(), attempt,
                    e.getMessage());
        }
    }

    private void mail(SummaryStore.Send send) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("no SMTP server configured (spring.mail.host)");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.mail().from());
        message.setTo(send.destination());
        message.setSubject(send.subject());
        message.setText(send.body());
        sender.send(message);
    }

    /** Metric crm_summary_sends_total{destination_type, outcome}. */
    private void count(SummaryStore.Send send, String outcome) {
        meters.ifPresent(m -> m.counter("crm_summary_sends", "destination_type",
                send.destinationType().toLowerCase(Locale.ROOT), "outcome", outcome).increment());
    }
}
