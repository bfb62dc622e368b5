package com.quimbi.crm.notification.slack;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import com.quimbi.crm.notification.config.AlertProperties;
import com.quimbi.crm.notification.directory.AgentContacts;
import com.quimbi.crm.notification.peers.ActingAgent;
import com.quimbi.crm.notification.peers.PeerException;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack's events and button clicks. A request is verified (signature over the raw body, timestamp window), stored in
 * slack_inbound under its id (the event's {@code event_id}; a click's {@code trigger_id}) and acknowledged at once;
 * the work runs after, on a virtual thread (and a sweep retries what Slack or a peer service could not take). A
 * retry from Slack ({@code X-Slack-Retry-Num}) finds its row and does nothing, and a row is claimed by one worker
 * ({@code received → processing}) so its effect happens once.
 * <ul>
 * <li>A reply in the thread of one of our single-ticket alerts → an internal note on that ticket by the agent whose
 * e-mail matches the Slack user's (users.info; unknown users get an ephemeral explanation, nothing is written).</li>
 * <li>Acknowledge → recorded (alert_ack) and said in the thread; Assign to me → assignment-service as the agent (its
 * rules apply; a refusal is explained ephemerally); Open is a link.</li>
 * </ul>
 */
@Service
public class SlackInbound {

    private static final Logger log = LoggerFactory.getLogger(SlackInbound.class);

    private final SlackWorkspaces workspaces;
    private final SlackClient slack;
    private final SlackAlerts alerts;
    private final AgentContacts agents;
    private final ActingAgent acting;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final AlertProperties.Slack properties;
    private final Optional<MeterRegistry> meters;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    SlackInbound(SlackWorkspaces workspaces, SlackClient slack, SlackAlerts alerts, AgentContacts agents,
            ActingAgent acting, JdbcTemplate jdbc, JsonMapper json, Clock clock, AlertProperties properties,
            Optional<MeterRegistry> meters) {
        this.meters = meters;
        this.workspaces = workspaces;
        this.slack = slack;
        this.alerts = alerts;
        this.agents = agents;
        this.acting = acting;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.properties = properties.slack();
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /** An Events API request: the challenge of a url_verification, else empty (stored, handled after). */
    public Optional<String> event(byte[] body, String timestamp, String signature, String retryNum) {
        verify(body, timestamp, signature);
        JsonNode envelope = parse(new String(body, StandardCharsets.UTF_8));
        String type = text(envelope.path("type"));
        if ("url_verification".equals(type)) {
            String challenge = text(envelope.path("challenge"));
            if (challenge == null) {
                throw new SlackWebhookRejected(HttpStatus.BAD_REQUEST, "url_verification without a challenge");
            }
            return Optional.of(challenge);
        }
        if (!"event_callback".equals(type)) {
            return Optional.empty();
        }
        String eventId = text(envelope.path("event_id"));
        if (eventId == null || eventId.length() > 90) {
            throw new SlackWebhookRejected(HttpStatus.BAD_REQUEST, "event_callback without an event_id");
        }
        store("event:" + eventId, "event", new String(body, StandardCharsets.UTF_8), retryNum);
        return Optional.empty();
    }

    /** An interactivity request (form field {@code payload}, JSON): stored, handled after. */
    public void interaction(byte[] body, String timestamp, String signature) {
        verify(body, timestamp, signature);
        String payload = null;
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && "payload".equals(pair.substring(0, eq))) {
                payload = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        if (payload == null) {
            throw new SlackWebhookRejected(HttpStatus.BAD_REQUEST, "no payload");
        }
        JsonNode interaction = parse(payload);
        String trigger = text(interaction.path("trigger_id"));
        String id = trigger != null ? trigger : text(interaction.path("user").path("id")) + ":"
                + text(interaction.path("actions").path(0).path("action_ts"));
        if (!"block_actions".equals(text(interaction.path("type")))) {
            return;
        }
        store("action:" + truncate(id, 90), "action", payload, null);
    }

    private void verify(byte[] body, String timestamp, String signature) {
        String secret = workspaces.connection().map(SlackWorkspaces.Connection::signingSecret).orElse(null);
        if (secret == null) {
            throw new SlackWebhookRejected(HttpStatus.UNAUTHORIZED, "no Slack signing secret is configured");
        }
        SlackSignature.Verdict verdict = SlackSignature.verify(secret, timestamp, signature, body == null ? new byte[0] : body,
                clock.instant(), properties.requestTolerance());
        if (verdict != SlackSignature.Verdict.VALID) {
            log.warn("Slack request refused: {}", verdict);
            throw new SlackWebhookRejected(HttpStatus.UNAUTHORIZED, switch (verdict) {
                case STALE -> "X-Slack-Request-Timestamp is too old";
                case FUTURE -> "X-Slack-Request-Timestamp is in the future";
                case MISSING -> "X-Slack-Signature and X-Slack-Request-Timestamp are required";
                case MALFORMED_TIMESTAMP -> "X-Slack-Request-Timestamp is not a number";
                default -> "X-Slack-Signature does not match";
            });
        }
    }

    private void store(String id, String kind, String payload, String retryNum) {
        int inserted = jdbc.update("INSERT INTO slack_inbound (event_id, kind, payload, status) VALUES (?, ?, ?, 'received') "
                + "ON CONFLICT DO NOTHING", id, kind, payload);
        if (inserted == 0) {
            log.debug("Slack {} {} seen before (retry {}): ignored", kind, id, retryNum);
            return;
        }
        workers.submit(() -> process(id));
    }

    /** What the first try could not finish: Slack or a peer service was unavailable. */
    @Scheduled(fixedDelayString = "${crm.alerts.slack.inbound-retry-interval:5s}")
    void retry() {
        for (String id : jdbc.queryForList("SELECT event_id FROM slack_inbound WHERE status = 'received' "
                + "AND received_at < now() - interval '2 seconds' ORDER BY received_at LIMIT 100", String.class)) {
            process(id);
        }
    }

    void process(String id) {
        if (jdbc.update("UPDATE slack_inbound SET status = 'processing', attempts = attempts + 1 WHERE event_id = ? "
                + "AND status = 'received'", id) != 1) {
            return;
        }
        var row = jdbc.queryForMap("SELECT kind, payload, attempts FROM slack_inbound WHERE event_id = ?", id);
        try {
            JsonNode payload = parse((String) row.get("payload"));
            if ("event".equals(row.get("kind"))) {
                onEvent(payload.path("event"));
            } else {
                onAction(payload);
            }
            jdbc.update("UPDATE slack_inbound SET status = 'done', done_at = now() WHERE event_id = ?", id);
            outcome("done");
        } catch (SlackException.Unavailable | SlackException.RateLimited | PeerException.Unavailable e) {
            int attempts = ((Number) row.get("attempts")).intValue();
            boolean last = attempts >= properties.inboundMaxAttempts();
            log.warn("Slack {} {} attempt {} failed{}: {}", row.get("kind"), id, attempts, last ? " for good" : "", e.getMessage());
            jdbc.update("UPDATE slack_inbound SET status = ?, last_error = ? WHERE event_id = ?", last ? "failed" : "received",
                    truncate(e.getMessage(), 500), id);
            outcome(last ? "failed" : "retry");
        } catch (RuntimeException e) {
            // Broad on purpose: anything else (a bug, a stored payload we cannot act on, a database error) must not
            // leave the row 'processing' for ever or kill the worker; it is failed for good with its reason (logged,
            // last_error, metric), where an operator sees it. Transient causes are the narrow catch above.
            log.warn("Slack {} {} failed: {}", row.get("kind"), id, e.toString(), e);
            outcome("failed");
            jdbc.update("UPDATE slack_inbound SET status = 'failed', last_error = ? WHERE event_id = ?",
                    truncate(String.valueOf(e.getMessage()), 500), id);
        }
    }

    /** Metric crm_slack_inbound_total{outcome}: done, retry, failed. */
    private void outcome(String outcome) {
        meters.ifPresent(m -> m.counter("crm_slack_inbound", "outcome", outcome).increment());
    }

    /** A message in the thread of one of our alerts → an internal note by the matching agent. */
    private void onEvent(JsonNode event) {
        if (!"message".equals(text(event.path("type"))) || text(event.path("subtype")) != null
                || text(event.path("bot_id")) != null) {
            return;
        }
        String threadTs = text(event.path("thread_ts"));
        String ts = text(event.path("ts"));
        String channel = text(event.path("channel"));
        String user = text(event.path("user"));
        String body = text(event.path("text"));
        if (threadTs == null || threadTs.equals(ts) || channel == null || user == null || body == null) {
            return;
        }
        Optional<UUID> ticket = alerts.ticketOfThread(channel, threadTs);
        if (ticket.isEmpty()) {
            return;
        }
        Optional<AgentContacts.Contact> agent = agentOf(user);
        if (agent.isEmpty()) {
            slack.ephemeral(channel, user, "Your reply was not added to the ticket: no CRM agent has the e-mail address "
                    + "of your Slack account.", threadTs);
            return;
        }
        try {
            acting.addNote(agent.get().agentId(), ticket.get(), unescape(body));
            log.info("Slack thread reply → internal note on ticket {} by agent {}", ticket.get(), agent.get().agentId());
        } catch (PeerException.Refused e) {
            slack.ephemeral(channel, user, "Your reply was not added to the ticket: " + e.getMessage(), threadTs);
        }
    }

    private void onAction(JsonNode interaction) {
        String user = text(interaction.path("user").path("id"));
        String channel = text(interaction.path("channel").path("id"));
        if (channel == null) {
            channel = text(interaction.path("container").path("channel_id"));
        }
        String messageTs = text(interaction.path("message").path("ts"));
        if (messageTs == null) {
            messageTs = text(interaction.path("container").path("message_ts"));
        }
        for (JsonNode action : interaction.path("actions")) {
            String actionId = text(action.path("action_id"));
            UUID ticketId = uuid(text(action.path("value")));
            if (ticketId == null || user == null || channel == null
                    || !(SlackAlerts.ACK.equals(actionId) || SlackAlerts.ASSIGN_ME.equals(actionId))) {
                continue;
            }
            Optional<AgentContacts.Contact> agent = agentOf(user);
            if (agent.isEmpty()) {
                slack.ephemeral(channel, user, "Nothing was done: no CRM agent has the e-mail address of your Slack account.",
                        messageTs);
                continue;
            }
            String name = agent.get().name() != null ? agent.get().name() : agent.get().username();
            if (SlackAlerts.ACK.equals(actionId)) {
                jdbc.update("INSERT INTO alert_ack (ticket_id, agent_id) VALUES (?, ?) ON CONFLICT DO NOTHING", ticketId,
                        agent.get().agentId());
                slack.post(channel, ":white_check_mark: Acknowledged by " + SlackAlerts.escape(name), null, messageTs);
            } else {
                try {
                    acting.assignToSelf(agent.get().agentId(), ticketId);
                    slack.post(channel, ":inbox_tray: Assigned to " + SlackAlerts.escape(name), null, messageTs);
                } catch (PeerException.Refused e) {
                    slack.ephemeral(channel, user, "The ticket was not assigned to you: " + e.getMessage(), messageTs);
                }
            }
        }
    }

    /** The agent behind a Slack user: linked before, else by the e-mail Slack shows for the user. */
    Optional<AgentContacts.Contact> agentOf(String slackUserId) {
        Optional<AgentContacts.Contact> linked = agents.bySlackUser(slackUserId);
        if (linked.isPresent()) {
            return linked;
        }
        Optional<AgentContacts.Contact> byEmail = slack.emailOf(slackUserId).flatMap(agents::byEmail);
        byEmail.ifPresent(a -> agents.linkSlackUser(a.agentId(), slackUserId));
        return byEmail;
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new SlackWebhookRejected(HttpStatus.BAD_REQUEST, "the body is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new SlackWebhookRejected(HttpStatus.BAD_REQUEST, "the body is not JSON");
        }
    }

    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        String value = node.asString();
        return value == null || value.isEmpty() ? null : value;
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Slack escapes &, < and > in message text. */
    static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
