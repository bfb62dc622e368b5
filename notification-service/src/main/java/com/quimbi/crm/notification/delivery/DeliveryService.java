package com.quimbi.crm.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.notification.config.AlertProperties;
import com.quimbi.crm.notification.delivery.internal.DeliveryStore;
import com.quimbi.crm.notification.fanout.FrameBus;
import com.quimbi.crm.notification.rules.AlertItem;
import com.quimbi.crm.notification.rules.DestinationType;
import com.quimbi.crm.notification.rules.EventKind;
import com.quimbi.crm.notification.slack.SlackWorkspaces;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.pagination.Cursor;
import com.quimbi.crm.platform.pagination.CursorPage;
import com.quimbi.crm.platform.problem.ConflictException;
import com.quimbi.crm.platform.problem.NotFoundException;

/**
 * Deliveries: an alert item for one destination, written in the transaction that consumed its event (with the inbox
 * row, so an event that arrives twice is delivered once), deduplicated per destination, ticket and kind inside
 * crm.alerts.delivery.dedupe-window, sent later in batches by {@link DeliveryDispatcher}. WebSocket items go out at
 * once as {@code alert} frames through the real-time FrameBus (numbered, replayable) and are recorded as sent.
 */
@Service
public class DeliveryService {

    /** The WebSocket frame type of an alert. */
    public static final String ALERT_FRAME = "alert";
    private static final Logger log = LoggerFactory.getLogger(DeliveryService.class);

    private final DeliveryStore store;
    private final SlackWorkspaces slack;
    private final FrameBus frames;
    private final Clock clock;
    private final AlertProperties.Delivery properties;

    DeliveryService(DeliveryStore store, SlackWorkspaces slack, FrameBus frames, Clock clock, AlertProperties properties) {
        this.store = store;
        this.slack = slack;
        this.frames = frames;
        this.clock = clock;
        this.properties = properties.delivery();
    }

    /**
     * Queues the item for the destination (a Slack channel, an agent id for slack_dm/websocket, an e-mail address).
     * Slack destinations are skipped while no workspace is connected (DMs need the bot token).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(UUID ruleId, AlertItem item, DestinationType type, String destination) {
        if (destination == null || destination.isBlank()) {
            return;
        }
        if (type == DestinationType.SLACK_CHANNEL || type == DestinationType.SLACK_DM) {
            Optional<SlackWorkspaces.Connection> connection = slack.connection();
            if (connection.isEmpty() || (type == DestinationType.SLACK_DM && !connection.get().webApi())) {
                log.debug("{} to {} skipped: no Slack workspace connected", item.kind(), type);
                return;
            }
        }
        Instant now = clock.instant();
        boolean websocket = type == DestinationType.WEBSOCKET;
        // one row per event and destination (an event arriving twice is delivered once); the same ticket and kind to
        // the same destination inside the dedupe window is one alert (two mentions are two messages)
        boolean perTicket = item.kind() != EventKind.MENTION && item.ticketId() != null;
        boolean inserted = store.insert(Ids.newId(), ruleId, item, type, destination, dedupeKey(item, type, destination),
                websocket ? DeliveryStatus.SENT : DeliveryStatus.PENDING, now, perTicket ? properties.dedupeWindow() : null);
        if (inserted && websocket) {
            frames.send(List.of(destination), ALERT_FRAME, frame(item));
        }
    }

    static String dedupeKey(AlertItem item, DestinationType type, String destination) {
        String key = type.name() + "|" + destination + "|" + item.eventId();
        return key.length() <= 500 ? key : key.substring(0, 500);
    }

    static Map<String, Object> frame(AlertItem item) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", item.kind().name().toLowerCase(java.util.Locale.ROOT));
        fields.put("headline", item.headline());
        fields.put("ticketId", item.ticketId() == null ? null : item.ticketId().toString());
        fields.put("number", item.number());
        fields.put("subject", item.subject());
        fields.put("priority", item.priority());
        fields.put("deadline", item.deadline() == null ? null : item.deadline().toString());
        fields.put("detail", item.detail());
        fields.put("link", item.link());
        fields.put("eventId", item.eventId() == null ? null : item.eventId().toString());
        return fields;
    }

    public CursorPage<DeliveryView> list(DeliveryStatus status, String cursor, Integer limit) {
        String list = "deliveries." + (status == null ? "all" : status.name().toLowerCase(java.util.Locale.ROOT));
        Cursor.Keys after = Cursor.decode(cursor, list, 2);
        int size = Cursor.limit(limit);
        List<DeliveryView> rows = store.list(status, after == null ? null : after.instant(0),
                after == null ? null : after.uuid(1), size + 1);
        return CursorPage.of(rows, size, d -> Cursor.encode(list, d.createdAt(), d.id()));
    }

    public DeliveryView get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("delivery", id));
    }

    /** A failed delivery goes out again with a fresh set of attempts (in the next batch of its destination). */
    @Transactional
    public DeliveryView retry(UUID id, String actor) {
        DeliveryView delivery = get(id);
        if (!store.requeue(id, clock.instant())) {
            throw new ConflictException("Only a failed delivery can be retried; this one is "
                    + delivery.status().name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        log.info("delivery {} ({} to {}) retried by {}", id, delivery.eventKind(), delivery.destinationType(), actor);
        return get(id);
    }
}
