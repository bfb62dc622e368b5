package com.quimbi.crm.sla.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;
import com.quimbi.crm.platform.pagination.Cursor;
import com.quimbi.crm.platform.pagination.CursorPage;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.sla.calendar.BusinessCalendar;
import com.quimbi.crm.sla.calendar.CalendarService;
import com.quimbi.crm.sla.clock.ClockEvaluator.Evaluation;
import com.quimbi.crm.sla.clock.internal.ClockStore;
import com.quimbi.crm.sla.clock.internal.RulesLock;
import com.quimbi.crm.sla.clock.internal.TicketStore;
import com.quimbi.crm.sla.clock.internal.TicketStore.TicketRow;
import com.quimbi.crm.sla.policy.Metric;
import com.quimbi.crm.sla.policy.PolicyService;
import com.quimbi.crm.sla.policy.SlaPolicy;
import com.quimbi.crm.sla.policy.TicketAttributes;

/**
 * Ticket clocks. Every input (a ticket event, or the {@link DeadlineScheduler} at a due moment) locks the ticket's
 * row, records what happened, recomputes all the ticket's clocks from its history and current policy, and writes
 * the clocks and the events that became due in the same transaction. Locking the ticket row first serializes
 * consumers and schedulers per ticket; the published facts kept on each clock row make every event go out once.
 */
@Service
public class SlaClockService {

    private static final Logger log = LoggerFactory.getLogger(SlaClockService.class);
    private static final Duration RETRY_FAILED = Duration.ofMinutes(1);

    private final TicketStore tickets;
    private final ClockStore clocks;
    private final PolicyService policies;
    private final CalendarService calendars;
    private final OutboxWriter outbox;
    private final SlaEngineMetrics engineMetrics;
    private final Clock clock;
    private final RulesLock rules;
    /** The scheduler's transaction for one ticket. */
    private final TransactionTemplate ownTransaction;
    /** The savepoint around one ticket's recomputation inside it. */
    private final TransactionTemplate perTicket;

    SlaClockService(TicketStore tickets, ClockStore clocks, PolicyService policies, CalendarService calendars,
            OutboxWriter outbox, Clock clock, PlatformTransactionManager transactions, RulesLock rules,
            SlaEngineMetrics engineMetrics) {
        this.engineMetrics = engineMetrics;
        this.rules = rules;
        this.tickets = tickets;
        this.clocks = clocks;
        this.policies = policies;
        this.calendars = calendars;
        this.outbox = outbox;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.perTicket = new TransactionTemplate(transactions);
        this.perTicket.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    // ---- what happened to a ticket (consumers call these inside their inbox transaction) ----

    @Transactional
    public void ticketCreated(UUID ticketId, String number, String status, TicketAttributes attributes, Instant at,
            UUID eventId) {
        Instant now = Instant.now(clock);
        TicketRow t = tickets.lock(ticketId, now);
        if (t.createdAt() != null) {
            return; // a second ticket.created for one ticket changes nothing
        }
        t = t.with(number, attributes.priority(), attributes.channel(), status, t.category(), t.customerTier(),
                attributes.tags() == null ? List.of() : attributes.tags(), at, t.deleted(), now);
        tickets.save(t);
        tickets.append(ticketId, new HistoryEvent(HistoryEvent.Kind.CREATED, at, status), eventId);
        reconcile(t, now);
    }

    /**
     * Fields that policy conditions look at changed (priority, channel, tags from ticket.updated; category and
     * customer tier from enrichment). Keys present in {@code changes} are set, to null too.
     */
    @Transactional
    public void attributesChanged(UUID ticketId, Map<String, Object> changes) {
        Instant now = Instant.now(clock);
        TicketRow t = tickets.lock(ticketId, now);
        @SuppressWarnings("unchecked")
        List<String> tags = changes.containsKey("tags") ? (List<String>) changes.get("tags") : t.tags();
        t = t.with(t.number(), pick(changes, "priority", t.priority()), pick(changes, "channel", t.channel()), t.status(),
                pick(changes, "category", t.category()), pick(changes, "customerTier", t.customerTier()),
                tags == null ? List.of() : tags, t.createdAt(), t.deleted(), now);
        tickets.save(t);
        reconcile(t, now);
    }

    @Transactional
    public void statusChanged(UUID ticketId, String to, Instant at, UUID eventId) {
        Instant now = Instant.now(clock);
        TicketRow t = tickets.lock(ticketId, now);
        t = t.with(t.number(), t.priority(), t.channel(), to, t.category(), t.customerTier(), t.tags(), t.createdAt(),
                t.deleted(), now);
        tickets.save(t);
        tickets.append(ticketId, new HistoryEvent(HistoryEvent.Kind.STATUS_CHANGED, at, to), eventId);
        reconcile(t, now);
    }

    /** A public message: the customer's starts a next-reply clock, an agent's meets one. */
    @Transactional
    public void messageAdded(UUID ticketId, boolean fromCustomer, Instant at, UUID eventId) {
        Instant now = Instant.now(clock);
        TicketRow t = tickets.lock(ticketId, now);
        tickets.append(ticketId, HistoryEvent.of(fromCustomer ? HistoryEvent.Kind.CUSTOMER_MESSAGE
                : HistoryEvent.Kind.AGENT_REPLY, at), eventId);
        reconcile(t, now);
    }

    @Transactional
    public void ticketDeleted(UUID ticketId, Instant at, UUID eventId) {
        Instant now = Instant.now(clock);
        TicketRow t = tickets.lock(ticketId, now);
        t = t.with(t.number(), t.priority(), t.channel(), t.status(), t.category(), t.customerTier(), t.tags(),
                t.createdAt(), true, now);
        tickets.save(t);
        tickets.append(ticketId, HistoryEvent.of(HistoryEvent.Kind.DELETED, at), eventId);
        reconcile(t, now);
    }

    /**
     * The scheduler's work, one ticket per call: in a transaction of its own, locks the ticket with the earliest
     * due warning or deadline that nobody else holds, recomputes it as of its own {@code now} and commits its
     * clocks and events. The recomputation runs in a savepoint: a ticket that fails (a bug, bad data) is rolled
     * back alone, logged and looked at again a minute later (still under its lock, so no other thread retries it
     * at once), instead of holding up every other deadline.
     *
     * @return false when no unlocked ticket is due
     */
    public boolean publishNextDue() {
        return Boolean.TRUE.equals(ownTransaction.execute(status -> {
            Instant now = Instant.now(clock);
            Optional<UUID> due = tickets.lockNextDue(now);
            if (due.isEmpty()) {
                return false;
            }
            UUID ticketId = due.get();
            rules.shared(); // outside the savepoint, so a failed ticket's postpone below holds it too
            try {
                perTicket.executeWithoutResult(s -> tickets.find(ticketId).ifPresent(t -> reconcile(t, now)));
            } catch (RuntimeException e) {
                log.error("SLA check of ticket {} failed; it is retried in {}", ticketId, RETRY_FAILED, e);
                clocks.postpone(ticketId, now, now.plus(RETRY_FAILED));
                return true;
            }
            engineMetrics.processed();
            // a recomputation moves every due check past now; should one ever stay behind (a bug), a draining
            // scheduler must not pick it again and again. (1 ms of slack: Postgres keeps microseconds, so a check
            // stored rounded up to now may legitimately lie a fraction of a microsecond ahead of it.)
            if (clocks.postpone(ticketId, now.minusMillis(1), now.plus(RETRY_FAILED)) > 0) {
                log.error("SLA check of ticket {} left a check due; it is retried in {}", ticketId, RETRY_FAILED);
            }
            return true;
        }));
    }

    // ---- reads ----

    /** Every clock of a ticket with elapsed and remaining time as of now (computed, nothing written). */
    @Transactional(readOnly = true)
    public TicketSla ticket(UUID ticketId) {
        TicketRow t = tickets.find(ticketId).orElseThrow(() -> new NotFoundException("Ticket", ticketId));
        Evaluation evaluation = evaluate(t, Instant.now(clock));
        return new TicketSla(ticketId, evaluation.policy().map(SlaPolicy::id).orElse(null),
                evaluation.policy().map(SlaPolicy::name).orElse(null), t.priority(), t.status(), evaluation.clocks());
    }

    @Transactional(readOnly = true)
    public CursorPage<SlaClock> breaches(Metric metric, String priority, Instant from, Instant to, String cursor,
            Integer limit) {
        int size = Cursor.limit(limit);
        Keyset after = Keyset.decode(cursor, BREACHES);
        List<SlaClock> rows = clocks.breaches(metric, priority, from, to, after.at, after.id, size + 1);
        return CursorPage.of(rows, size, last -> Cursor.encode(BREACHES, last.breachedAt(), last.id()));
    }

    @Transactional(readOnly = true)
    public CursorPage<SlaClock> atRisk(Metric metric, String priority, String cursor, Integer limit) {
        int size = Cursor.limit(limit);
        Keyset after = Keyset.decode(cursor, AT_RISK);
        return CursorPage.of(clocks.atRisk(metric, priority, after.at, after.id, size + 1), size,
                last -> Cursor.encode(AT_RISK, last.deadline(), last.id()));
    }

    @Transactional(readOnly = true)
    public Dashboard dashboard(Instant from, Instant to) {
        List<Dashboard.Row> rows = new ArrayList<>();
        Map<Metric, long[]> perMetric = new LinkedHashMap<>();
        long atRisk = 0;
        long breached = 0;
        for (Map<String, Object> r : clocks.compliance(from, to)) {
            Metric metric = Metric.fromWire((String) r.get("metric"));
            long total = ((Number) r.get("total")).longValue();
            long broke = ((Number) r.get("breached")).longValue();
            atRisk += ((Number) r.get("at_risk")).longValue();
            breached += broke;
            rows.add(new Dashboard.Row(metric, (String) r.get("priority"), total, total - broke, broke, percent(total - broke, total)));
            long[] sum = perMetric.computeIfAbsent(metric, m -> new long[2]);
            sum[0] += total;
            sum[1] += broke;
        }
        List<Dashboard.Row> metrics = perMetric.entrySet().stream().map(e -> new Dashboard.Row(e.getKey(), null,
                e.getValue()[0], e.getValue()[0] - e.getValue()[1], e.getValue()[1],
                percent(e.getValue()[0] - e.getValue()[1], e.getValue()[0]))).toList();
        return new Dashboard(from, to, metrics, rows, atRisk, breached);
    }

    // ---- the recomputation ----

    private void reconcile(TicketRow t, Instant now) {
        // shared with other recomputations; a policy / calendar edit holding it exclusively is waited for, so the
        // policies and calendars read below are the committed ones, or the edit marks this ticket due afterwards
        rules.shared();
        Evaluation evaluation = evaluate(t, now);
        String ticketKey = t.ticketId().toString();
        evaluation.clocks().stream().filter(c -> !evaluation.unchanged().contains(c)).forEach(clocks::upsert);
        evaluation.events().forEach(event -> {
            outbox.append(ticketKey, Actor.SYSTEM, event);
            engineMetrics.published(event);
        });
        // sla.clock_updated whenever the ticket's most urgent clock, its deadline or the overall state changes: what
        // ticket-service shows and sorts by
        ClockEvaluator.summary(t.ticketId(), evaluation, new ClockEvaluator.Published(t.policyId(), t.publishedMetric(),
                t.publishedDeadline(), t.publishedState()), t.policyId(), now).ifPresent(summary -> {
                    outbox.append(ticketKey, Actor.SYSTEM, summary);
                    tickets.save(t.published(summary.policyId() == null ? null : UUID.fromString(summary.policyId()),
                            summary.metric() == null ? null : Metric.valueOf(summary.metric().name()),
                            summary.nextDeadline(), summary.state().name().toLowerCase(Locale.ROOT)));
                });
    }

    /** The ticket's clocks as of {@code now}, and the events that became due; nothing is written. */
    private Evaluation evaluate(TicketRow t, Instant now) {
        Optional<SlaPolicy> policy = t.createdAt() == null ? Optional.empty() : policies.resolve(t.attributes());
        return ClockEvaluator.evaluate(t.ticketId(), t.priority(), policy, tickets.history(t.ticketId()),
                clocks.byTicket(t.ticketId()), this::calendarOf, now);
    }

    private BusinessCalendar calendarOf(SlaPolicy.Target target) {
        if (!target.businessHours() || target.calendarId() == null) {
            return BusinessCalendar.twentyFourSeven();
        }
        try {
            return calendars.businessCalendar(target.calendarId());
        } catch (NotFoundException e) {
            return BusinessCalendar.twentyFourSeven(); // cannot happen while the foreign key holds; never stop counting
        }
    }

    private static Double percent(long part, long total) {
        return total == 0 ? null : Math.round(part * 1000.0 / total) / 10.0;
    }

    private static String pick(Map<String, Object> changes, String key, String current) {
        return changes.containsKey(key) ? (String) changes.get(key) : current;
    }

    private static final String BREACHES = "sla-breaches";
    private static final String AT_RISK = "sla-at-risk";

    /** The position after which a clock list continues; both nulls on the first page. */
    private record Keyset(Instant at, UUID id) {
        static Keyset decode(String cursor, String list) {
            Cursor.Keys keys = Cursor.decode(cursor, list, 2);
            return keys == null ? new Keyset(null, null) : new Keyset(keys.instant(0), keys.uuid(1));
        }
    }

    /** All of a ticket's clocks with their live state; {@code policyId} is the policy that applies now. */
    public record TicketSla(UUID ticketId, UUID policyId, String policyName, String priority, String status,
            List<SlaClock> clocks) {
    }

    /** Compliance = clocks met in time / clocks that were met or breached, among clocks started in [from, to). */
    public record Dashboard(Instant from, Instant to, List<Row> metrics, List<Row> byPriority, long atRisk, long breached) {
        public record Row(Metric metric, String priority, long total, long metInTime, long breached, Double compliancePercent) {
        }
    }
}
