package com.quimbi.crm.integration.gorgias;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.integration.ImportSource;
import com.quimbi.crm.contracts.integration.ImportedAuthorType;
import com.quimbi.crm.contracts.integration.MessageImported;
import com.quimbi.crm.contracts.integration.TicketImported;
import com.quimbi.crm.contracts.integration.TicketStatusSynced;
import com.quimbi.crm.contracts.ticket.Channel;
import com.quimbi.crm.contracts.ticket.TicketPriority;
import com.quimbi.crm.contracts.ticket.TicketStatus;
import com.quimbi.crm.integration.gorgias.internal.GorgiasStore;
import com.quimbi.crm.integration.gorgias.internal.GorgiasStore.TicketLink;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;

import tools.jackson.databind.JsonNode;

/**
 * A Gorgias ticket (as the REST API or the HTTP integration gives it) and its messages into the CRM:
 * {@code integration.ticket_imported} once per Gorgias ticket, {@code integration.message_imported} once per Gorgias
 * message (the link tables remember what was imported), both keyed {@code gorgias:<ticket id>} so the messages follow
 * their ticket. What we pushed ourselves (an {@code external_id} with our prefix) is recognised and never imported
 * back. Imported messages are history: ticket-service stores them, nothing sends them to anyone.
 */
@Service
public class GorgiasImporter {

    private static final Logger log = LoggerFactory.getLogger(GorgiasImporter.class);
    /** Actor of every imported event: ticket-service copies it onto ticket.created / message.added (loop marker). */
    public static final Actor ACTOR = new Actor("integration", "gorgias");

    /** What one ticket brought. */
    public record Outcome(boolean ticketImported, int messagesImported, boolean skipped) {
    }

    private final GorgiasStore store;
    private final OutboxWriter outbox;
    private final GorgiasProperties settings;
    private final Clock clock;

    GorgiasImporter(GorgiasStore store, OutboxWriter outbox, GorgiasProperties settings, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    public String ticketPrefix() {
        return settings.externalIdPrefix() + "ticket:";
    }

    public String messagePrefix() {
        return settings.externalIdPrefix() + "msg:";
    }

    /** Joins the caller's transaction. */
    @Transactional
    public Outcome apply(String domain, JsonNode ticket, List<JsonNode> messages) {
        long gorgiasId = ticket.path("id").asLong(0);
        if (gorgiasId <= 0) {
            throw new IllegalArgumentException("Gorgias ticket without id");
        }
        Instant now = clock.instant();
        String key = "gorgias:" + gorgiasId;
        TicketStatus status = GorgiasStatus.toOurs(text(ticket, "status"), instantOr(text(ticket, "snooze_datetime"), null), now);
        List<JsonNode> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparing(m -> instantOr(text(m, "created_datetime"), Instant.EPOCH)));
        String external = text(ticket, "external_id");
        if (external != null && external.startsWith(ticketPrefix())) {
            // one of ours, created in Gorgias by a push: link it; only what Gorgias added comes back (on our ticket)
            UUID ours = parseUuid(external.substring(ticketPrefix().length()));
            if (ours != null) {
                store.setGorgiasId(ours, domain, gorgiasId, now);
            }
            TicketLink link = store.linkOfGorgias(domain, gorgiasId).orElse(null);
            if (link == null || link.crmTicketId() == null) {
                sorted.forEach(message -> rememberOurs(domain, gorgiasId, message, now));
                return new Outcome(false, 0, true);
            }
            int imported = importMessages(domain, gorgiasId, key, link.crmTicketId(), sorted, now);
            boolean changed = syncStatus(domain, gorgiasId, key, link, status, ticket, now);
            return new Outcome(false, imported, imported == 0 && !changed);
        }
        String email = text(ticket.path("customer"), "email");
        if (email == null || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || email.length() > 320) {
            log.info("Gorgias ticket {} of {} has no usable customer e-mail; not imported", gorgiasId, domain);
            return new Outcome(false, 0, true);
        }
        boolean created = store.linkImported(domain, gorgiasId, now);
        if (created) {
            outbox.append(key, ACTOR, toTicket(ticket, sorted, email.trim(), status, now));
        }
        int imported = importMessages(domain, gorgiasId, key, null, sorted, now);
        TicketLink link = store.linkOfGorgias(domain, gorgiasId).orElseThrow();
        boolean changed;
        if (created) {
            // imported customer messages reopen a solved ticket in ticket-service: its Gorgias status follows them
            if (imported > 0 && status != TicketStatus.OPEN) {
                outbox.append(key, ACTOR, new TicketStatusSynced(ImportSource.GORGIAS, String.valueOf(gorgiasId), null,
                        status, now));
            }
            store.setLastStatus(domain, gorgiasId, status.name(), now);
            changed = false;
        } else {
            changed = syncStatus(domain, gorgiasId, key, link, status, ticket, now);
        }
        return new Outcome(created, imported, !created && imported == 0 && !changed);
    }

    private int importMessages(String domain, long gorgiasId, String key, UUID crmTicketId, List<JsonNode> sorted,
            Instant now) {
        int imported = 0;
        for (JsonNode message : sorted) {
            if (rememberOurs(domain, gorgiasId, message, now)) {
                continue;
            }
            long messageId = message.path("id").asLong(0);
            if (messageId <= 0 || !store.recordMessage(domain, messageId, gorgiasId, null, "gorgias", now)) {
                continue;
            }
            outbox.append(key, ACTOR, toMessage(gorgiasId, message, crmTicketId, now));
            imported++;
        }
        return imported;
    }

    /** Gorgias's status changed since we last saw (or pushed) it: integration.ticket_status_synced. */
    private boolean syncStatus(String domain, long gorgiasId, String key, TicketLink link, TicketStatus status,
            JsonNode ticket, Instant now) {
        if (status.name().equals(link.lastStatus())) {
            return false;
        }
        store.setLastStatus(domain, gorgiasId, status.name(), now);
        if (link.lastStatus() == null && link.crmTicketId() != null && "crm".equals(link.origin())) {
            return false; // first sight of one of ours: its status is the one we pushed
        }
        outbox.append(key, ACTOR, new TicketStatusSynced(ImportSource.GORGIAS, String.valueOf(gorgiasId),
                link.crmTicketId(), status, instantOr(text(ticket, "updated_datetime"), now)));
        return true;
    }

    /** True when the message is one we pushed (our external id prefix): remembered, never imported (no echo). */
    private boolean rememberOurs(String domain, long gorgiasTicketId, JsonNode message, Instant now) {
        String external = text(message, "external_id");
        if (external == null || !external.startsWith(settings.externalIdPrefix())) {
            return false;
        }
        long messageId = message.path("id").asLong(0);
        if (messageId > 0) {
            UUID ours = external.startsWith(messagePrefix()) ? parseUuid(external.substring(messagePrefix().length())) : null;
            store.recordMessage(domain, messageId, gorgiasTicketId, ours, "crm", now);
        }
        return true;
    }

    TicketImported toTicket(JsonNode ticket, List<JsonNode> messages, String email, TicketStatus status, Instant now) {
        String subject = cut(text(ticket, "subject"), 300);
        String first = messages.isEmpty() ? null : body(messages.getFirst());
        String description = cut(first != null ? first : subject != null ? subject : "(no text)", 100_000);
        JsonNode customer = ticket.path("customer");
        String name = text(customer, "name");
        if (name == null) {
            String joined = ((nz(text(customer, "firstname")) + " " + nz(text(customer, "lastname"))).trim());
            name = joined.isEmpty() ? null : joined;
        }
        return new TicketImported(ImportSource.GORGIAS, String.valueOf(ticket.path("id").asLong()),
                subject != null ? subject : cut(description, 300), description,
                status, priority(text(ticket, "priority")), channel(text(ticket, "channel")), email, cut(name, 200),
                tags(ticket.path("tags")), instantOr(text(ticket, "created_datetime"), null), now, null);
    }

    MessageImported toMessage(long gorgiasTicketId, JsonNode message, UUID crmTicketId, Instant now) {
        boolean fromAgent = message.path("from_agent").asBoolean(false);
        boolean internal = !message.path("public").asBoolean(true)
                || "internal-note".equalsIgnoreCase(nz(text(message, "channel")));
        String text = cut(text(message, "body_text"), 200_000);
        String html = cut(text(message, "body_html"), 500_000);
        if (text == null && html == null) {
            text = cut(text(message, "stripped_text"), 200_000);
        }
        return new MessageImported(ImportSource.GORGIAS, String.valueOf(gorgiasTicketId),
                String.valueOf(message.path("id").asLong()), fromAgent ? ImportedAuthorType.AGENT : ImportedAuthorType.CUSTOMER,
                text, html, internal, instantOr(text(message, "sent_datetime"),
                        instantOr(text(message, "created_datetime"), null)), now, crmTicketId, null, null);
    }

    private static String body(JsonNode message) {
        for (String field : List.of("body_text", "stripped_text", "body_html")) {
            String value = text(message, field);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** Gorgias channel slugs → ours. */
    static Channel channel(String slug) {
        String s = slug == null ? "" : slug.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "email" -> Channel.EMAIL;
            case "chat" -> Channel.CHAT;
            case "phone", "sms", "aircall", "voice", "whatsapp" -> Channel.PHONE;
            case "facebook", "facebook-mention", "facebook-messenger", "facebook-recommendations", "instagram",
                    "instagram-comment", "instagram-ad-comment", "instagram-direct-message", "instagram-mention",
                    "twitter", "twitter-direct-message", "yotpo-review" -> Channel.SOCIAL;
            case "help-center", "contact_form", "contact-form" -> Channel.WEB;
            default -> Channel.API;
        };
    }

    static TicketPriority priority(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "low" -> TicketPriority.LOW;
            case "normal" -> TicketPriority.NORMAL;
            case "high" -> TicketPriority.HIGH;
            case "critical", "urgent" -> TicketPriority.URGENT;
            default -> null;
        };
    }

    static List<String> tags(JsonNode tags) {
        Set<String> names = new LinkedHashSet<>();
        tags.forEach(tag -> {
            String name = tag.isString() ? tag.asString() : text(tag, "name");
            if (name != null && !name.isBlank() && names.size() < 20) {
                names.add(cut(name.trim().toLowerCase(Locale.ROOT), 40));
            }
        });
        return names.isEmpty() ? null : List.copyOf(names);
    }

    /** Gorgias datetimes: ISO 8601, with or without an offset (then UTC). */
    static Instant instantOr(String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return fallback;
            }
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || (value.isObject() || value.isArray()) ? null : value.asString();
    }

    private static UUID parseUuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private static String cut(String value, int max) {
        if (value == null) {
            return null;
        }
        return value.codePointCount(0, value.length()) <= max ? value : value.substring(0, value.offsetByCodePoints(0, max));
    }
}
