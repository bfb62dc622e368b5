package com.quimbi.crm.automation.csat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

import com.quimbi.crm.automation.csat.internal.CsatStore;
import com.quimbi.crm.automation.csat.internal.CsatStore.SurveyRow;
import com.quimbi.crm.automation.csat.internal.CsatStore.TicketRow;
import com.quimbi.crm.automation.peers.PeerException;
import com.quimbi.crm.automation.peers.ServiceAccount;
import com.quimbi.crm.automation.peers.TicketDesk;
import com.quimbi.crm.contracts.automation.CsatRated;
import com.quimbi.crm.contracts.automation.CsatScale;
import com.quimbi.crm.contracts.ticket.TicketStatus;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;
import com.quimbi.crm.platform.problem.ConflictException;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * CSAT surveys: scheduled {@code delay} after a ticket is solved, sent (or skipped, with the reason) at that moment,
 * rated through the signed link until the ticket is closed; each new or changed rating is a {@code csat.rated} on
 * the outbox. The survey goes out the way every reply to a customer does: a public message on the ticket through
 * ticket-service (as the service account), which integration-service mails to the customer of an e-mail ticket.
 */
@Service
public class CsatSurveys {

    static final int MAX_COMMENT = 2000;
    private static final Logger log = LoggerFactory.getLogger(CsatSurveys.class);

    private final CsatStore store;
    private final CsatProperties properties;
    private final CsatLinks links;
    private final TicketDesk desk;
    private final ServiceAccount account;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final Optional<MeterRegistry> meters;

    CsatSurveys(CsatStore store, CsatProperties properties, TicketDesk desk, ServiceAccount account,
            OutboxWriter outbox, Clock clock, Optional<MeterRegistry> meters) {
        this.store = store;
        this.properties = properties;
        this.links = new CsatLinks(properties.linkSecret());
        this.desk = desk;
        this.account = account;
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
    }

    /** A survey as its page shows it. */
    public record SurveyView(String token, CsatScale scale, String ticketNumber, String rating, String comment,
            boolean closed) {
    }

    // --- the ticket facts (crm.ticket.events)

    void ticketCreated(UUID ticketId, String number, UUID customerId, String channel, String status, List<String> tags) {
        store.upsertTicket(new TicketRow(ticketId, number, customerId, channel, status, tags, false, null));
    }

    void tagsChanged(UUID ticketId, List<String> tags) {
        store.lockTicket(ticketId).ifPresent(ticket -> store.setTags(ticketId, tags));
    }

    /** A public agent reply; the survey's own message (after it was sent) is not one. */
    void agentReplied(UUID ticketId, String agentId) {
        if (store.lockTicket(ticketId).isEmpty()) {
            return;
        }
        boolean surveySent = store.surveyOfTicket(ticketId).map(s -> "sent".equals(s.status())).orElse(false);
        if (!surveySent) {
            store.agentReplied(ticketId, agentId);
        }
    }

    void statusChanged(UUID ticketId, TicketStatus to, Instant at) {
        if (store.lockTicket(ticketId).isEmpty()) {
            return;
        }
        store.setStatus(ticketId, wire(to));
        switch (to) {
            case SOLVED -> store.schedule(Ids.newId(), ticketId, at.plus(properties.delay()));
            case CLOSED -> store.close(ticketId);
            default -> store.unschedule(ticketId);
        }
    }

    void deleted(UUID ticketId) {
        store.lockTicket(ticketId);
        store.unschedule(ticketId);
        store.close(ticketId);
        store.deleteTicket(ticketId);
    }

    // --- sending

    /** @return whether a due survey was handled (the poller drains until none is left) */
    @Transactional
    public boolean sendNextDue() {
        Instant now = clock.instant();
        Optional<SurveyRow> due = store.takeNextDue(now);
        if (due.isEmpty()) {
            return false;
        }
        SurveyRow survey = due.get();
        TicketRow ticket = store.lockTicket(survey.ticketId()).orElseThrow();
        Optional<String> skip = reasonToSkip(ticket, now);
        if (skip.isPresent()) {
            store.skip(survey.id(), skip.get());
            count("skipped");
            return true;
        }
        Instant expiresAt = now.plus(properties.linkValidity());
        String link = properties.publicBaseUrl() + "/api/csat/" + links.token(survey.id(), expiresAt);
        try {
            desk.addMessage(ticket.ticketId(), Map.of("body", surveyText(ticket, link), "internal", false,
                    "authorType", "agent"), account.token(), "csat:" + survey.id());
        } catch (PeerException e) {
            if (e.unavailable() || e.status() >= 500) {
                store.postpone(survey.id(), now.plus(properties.retryAfter()));
                count("retry");
            } else {
                store.skip(survey.id(), "ticket-service refused the survey message (" + e.status() + ")");
                count("refused");
            }
            log.info("CSAT survey {} for ticket {} not sent: {}", survey.id(), ticket.ticketId(), e.getMessage());
            return true;
        }
        store.sent(survey.id(), ticket.customerId(), ticket.lastAgentId(), wire(properties.scale()), now, expiresAt);
        count("sent");
        return true;
    }

    private Optional<String> reasonToSkip(TicketRow ticket, Instant now) {
        if (!wire(TicketStatus.SOLVED).equals(ticket.status())) {
            return Optional.of("ticket is " + ticket.status());
        }
        if (!properties.channels().contains(ticket.channel())) {
            return Optional.of("channel " + ticket.channel() + " gets no survey");
        }
        Optional<String> excluded = ticket.tags().stream().filter(properties.excludedTags()::contains).findFirst();
        if (excluded.isPresent()) {
            return Optional.of("tagged " + excluded.get());
        }
        if (!ticket.agentReplied()) {
            return Optional.of("solved without a public agent reply");
        }
        if (ticket.customerId() != null && store.surveyedSince(ticket.customerId(), now.minus(properties.window()))) {
            return Optional.of("customer already surveyed within " + properties.window());
        }
        return Optional.empty();
    }

    private String surveyText(TicketRow ticket, String link) {
        StringBuilder text = new StringBuilder("How did we do with your request")
                .append(ticket.number() == null ? "" : " " + ticket.number()).append("? One click rates it:\n\n");
        for (String rating : ratings(properties.scale())) {
            text.append(label(rating)).append(": ").append(link).append("?rating=").append(rating).append('\n');
        }
        return text.append("\nYou can add a comment on that page, and change your rating until the request is closed.")
                .toString();
    }

    // --- rating

    @Transactional(readOnly = true)
    public SurveyView view(String token) {
        SurveyRow survey = surveyOf(token, false);
        return view(token, survey, survey.rating(), survey.comment());
    }

    /**
     * Records (or changes) the rating; {@code comment} null keeps the stored one (a one-click rating), blank clears
     * it. The same rating and comment again changes nothing and publishes nothing.
     */
    @Transactional
    public SurveyView rate(String token, String rating, String comment) {
        SurveyRow survey = surveyOf(token, true);
        CsatScale scale = CsatScale.valueOf(survey.scale().toUpperCase(Locale.ROOT));
        String chosen = rating == null ? "" : rating.strip().toLowerCase(Locale.ROOT);
        if (!ratings(scale).contains(chosen)) {
            throw new InvalidInputException("rating", "must be one of " + ratings(scale));
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw new InvalidInputException("comment", "at most " + MAX_COMMENT + " characters");
        }
        if (survey.closed()) {
            throw new ConflictException("The request is closed: its rating can no longer change.");
        }
        String newComment = comment == null ? survey.comment() : comment.isBlank() ? null : comment.strip();
        if (chosen.equals(survey.rating()) && Objects.equals(newComment, survey.comment())) {
            return view(token, survey, chosen, newComment);
        }
        Instant now = clock.instant();
        int score = score(chosen);
        store.rate(survey.id(), chosen, score, newComment, now);
        String number = store.ticketNumber(survey.ticketId());
        outbox.append(survey.ticketId().toString(),
                new Actor("customer", survey.customerId() == null ? null : survey.customerId().toString()),
                new CsatRated(survey.id(), survey.ticketId(), number, survey.customerId(), survey.agentId(), scale,
                        chosen, score, newComment, survey.rating() != null, now));
        count(survey.rating() == null ? "rated" : "changed");
        return view(token, survey, chosen, newComment);
    }

    private SurveyRow surveyOf(String token, boolean lock) {
        CsatLinks.Claims claims = links.read(token).orElseThrow(() -> new NotFoundException("Survey link", "?"));
        Optional<SurveyRow> survey = lock ? store.lockSurvey(claims.surveyId())
                : store.findSurvey(claims.surveyId());
        SurveyRow found = survey.filter(s -> "sent".equals(s.status()))
                .orElseThrow(() -> new NotFoundException("Survey", claims.surveyId()));
        if (clock.instant().isAfter(claims.expiresAt())) {
            throw new ErrorResponseException(HttpStatus.GONE, ProblemDetail.forStatusAndDetail(HttpStatus.GONE,
                    "This survey link has expired."), null);
        }
        return found;
    }

    private SurveyView view(String token, SurveyRow survey, String rating, String comment) {
        String number = store.ticketNumber(survey.ticketId());
        return new SurveyView(token, CsatScale.valueOf(survey.scale().toUpperCase(Locale.ROOT)), number, rating,
                comment, survey.closed());
    }

    static List<String> ratings(CsatScale scale) {
        return scale == CsatScale.GOOD_BAD ? List.of("good", "bad") : List.of("5", "4", "3", "2", "1");
    }

    static String label(String rating) {
        return switch (rating) {
            case "good" -> "Good, I'm satisfied";
            case "bad" -> "Bad, I'm unsatisfied";
            case "5" -> "5 - excellent";
            case "1" -> "1 - very poor";
            default -> rating;
        };
    }

    static int score(String rating) {
        return switch (rating) {
            case "good" -> 5;
            case "bad" -> 1;
            default -> Integer.parseInt(rating);
        };
    }

    private void count(String outcome) {
        meters.ifPresent(m -> m.counter("crm_automation_csat_surveys", "outcome", outcome).increment());
    }

    private static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
