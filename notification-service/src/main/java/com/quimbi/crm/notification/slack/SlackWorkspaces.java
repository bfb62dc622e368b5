package com.quimbi.crm.notification.slack;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.platform.audit.AuditTrail;
import com.quimbi.crm.platform.crypto.SecretBox;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.ProblemHandler.FieldError;

/**
 * The connected Slack workspace, configuration an admin sets through the API: a bot token (Web API) and/or an
 * incoming-webhook URL (post only), and the app's signing secret (inbound events and buttons). Stored sealed with the
 * platform's {@link SecretBox} (AES-256-GCM); never logged, never returned.
 */
@Service
public class SlackWorkspaces {

    private static final Logger log = LoggerFactory.getLogger(SlackWorkspaces.class);
    private static final Pattern BOT_TOKEN = Pattern.compile("^xox[bp]-[A-Za-z0-9-]{8,250}$");
    private static final Pattern SIGNING_SECRET = Pattern.compile("^[A-Za-z0-9]{16,128}$");

    private final JdbcTemplate jdbc;
    private final SecretBox box;
    private final Clock clock;
    private final AuditTrail audit;

    SlackWorkspaces(JdbcTemplate jdbc, SecretBox box, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.box = box;
        this.clock = clock;
    }

    /** The secrets in clear text, for this service's own calls. */
    public record Connection(String botToken, String webhookUrl, String signingSecret) {

        public boolean webApi() {
            return botToken != null;
        }

        @Override
        public String toString() {
            return "Connection[botToken=" + (botToken != null) + ", webhookUrl=" + (webhookUrl != null)
                    + ", signingSecret=" + (signingSecret != null) + "]";
        }
    }

    /** What the API shows: which secrets are set, never their values. */
    public record WorkspaceView(boolean connected, boolean botToken, boolean webhookUrl, boolean signingSecret,
            String updatedBy, Instant updatedAt) {
    }

    /**
     * An admin's change: a field left out (null) keeps its value, an empty string removes it.
     */
    public record WorkspaceRequest(String botToken, String webhookUrl, String signingSecret) {

        @Override
        public String toString() {
            return "WorkspaceRequest[redacted]";
        }
    }

    public Optional<Connection> connection() {
        return jdbc.query("SELECT bot_token, webhook_url, signing_secret FROM slack_workspace WHERE id = 1",
                (rs, i) -> new Connection(box.decrypt(rs.getString(1)), box.decrypt(rs.getString(2)),
                        box.decrypt(rs.getString(3)))).stream().findFirst()
                .filter(c -> c.botToken() != null || c.webhookUrl() != null || c.signingSecret() != null);
    }

    public WorkspaceView view() {
        return jdbc.query("SELECT bot_token IS NOT NULL, webhook_url IS NOT NULL, signing_secret IS NOT NULL, updated_by, "
                + "updated_at FROM slack_workspace WHERE id = 1", (rs, i) -> new WorkspaceView(
                        rs.getBoolean(1) || rs.getBoolean(2), rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant())).stream().findFirst()
                .orElse(new WorkspaceView(false, false, false, false, null, null));
    }

    @Transactional
    public WorkspaceView put(WorkspaceRequest request, String actor) {
        Optional<Connection> connected = connection();
        Connection current = connected.orElse(new Connection(null, null, null));
        Connection next = new Connection(merge(current.botToken(), request.botToken()),
                merge(current.webhookUrl(), request.webhookUrl()), merge(current.signingSecret(), request.signingSecret()));
        List<FieldError> errors = new ArrayList<>();
        if (next.botToken() != null && !BOT_TOKEN.matcher(next.botToken()).matches()) {
            errors.add(new FieldError("botToken", "must be a Slack bot token (xoxb-…)"));
        }
        if (next.webhookUrl() != null && !webhookUrl(next.webhookUrl())) {
            errors.add(new FieldError("webhookUrl", "must be an https URL (an incoming webhook, https://hooks.slack.com/services/…)"));
        }
        if (next.signingSecret() != null && !SIGNING_SECRET.matcher(next.signingSecret()).matches()) {
            errors.add(new FieldError("signingSecret", "must be the app's signing secret (16-128 letters and digits)"));
        }
        if (errors.isEmpty() && next.botToken() == null && next.webhookUrl() == null) {
            errors.add(new FieldError("botToken", "a bot token or an incoming-webhook URL is required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        jdbc.update("""
                INSERT INTO slack_workspace (id, bot_token, webhook_url, signing_secret, updated_by, updated_at)
                VALUES (1, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET bot_token = EXCLUDED.bot_token, webhook_url = EXCLUDED.webhook_url,
                    signing_secret = EXCLUDED.signing_secret, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at""",
                box.encrypt(next.botToken()), box.encrypt(next.webhookUrl()), box.encrypt(next.signingSecret()), actor,
                java.sql.Timestamp.from(clock.instant()));
        log.info("Slack workspace connection changed by {} ({})", actor, next);
        // every field of a Connection is a secret: the trail masks them, so it says which changed, never the value
        audit.record(connected.isEmpty() ? "slack_workspace.connected" : "slack_workspace.updated", "slack_workspace",
                "1", connected.orElse(null), next);
        return view();
    }

    @Transactional
    public void disconnect(String actor) {
        Optional<Connection> connected = connection();
        jdbc.update("DELETE FROM slack_workspace WHERE id = 1");
        connected.ifPresent(before -> audit.record("slack_workspace.disconnected", "slack_workspace", "1", before, null));
        log.info("Slack workspace disconnected by {}", actor);
    }

    private static String merge(String current, String given) {
        if (given == null) {
            return current;
        }
        return given.isBlank() ? null : given.strip();
    }

    /** https anywhere; http only to this machine (a stand-in in tests and the local stack). */
    static boolean webhookUrl(String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getHost() == null || value.length() > 500) {
                return false;
            }
            return "https".equals(uri.getScheme()) || ("http".equals(uri.getScheme())
                    && ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost())));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
