package com.quimbi.crm.automation.planning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.automation.macro.MacroActions;
import com.quimbi.crm.automation.macro.Placeholders;
import com.quimbi.crm.automation.macro.TicketChanges;
import com.quimbi.crm.automation.peers.PeerException;
import com.quimbi.crm.automation.peers.ServiceAccount;
import com.quimbi.crm.automation.peers.TicketDesk;
import com.quimbi.crm.automation.planning.internal.PlanningStore;
import com.quimbi.crm.automation.planning.internal.PlanningStore.Due;
import com.quimbi.crm.automation.rules.TimeRule;
import com.quimbi.crm.automation.rules.TimeRuleService;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Fires one due (ticket, rule), one short transaction each: take the earliest due row nobody holds (SKIP LOCKED),
 * check on the locked ticket that the rule still applies, act through ticket-service as the service account with
 * {@code Idempotency-Key: time-rule:<rule>:<ticket>:<firing number>}, count the firing and re-plan the ticket.
 * ticket-service down: the row comes back 30 s later. Refused (e.g. 409 on a ticket closed meanwhile): counted as
 * a firing, never retried.
 */
@Service
public class RuleFiring {

    private static final Logger log = LoggerFactory.getLogger(RuleFiring.class);
    static final Duration RETRY = Duration.ofSeconds(30);

    private final PlanningStore store;
    private final TimeRuleService rules;
    private final DuePlanner planner;
    private final TicketDesk desk;
    private final RuleActions ruleActions;
    private final ServiceAccount account;
    private final Clock clock;
    private final Optional<MeterRegistry> meters;

    RuleFiring(PlanningStore store, TimeRuleService rules, DuePlanner planner, TicketDesk desk, RuleActions ruleActions,
            ServiceAccount account, Clock clock, Optional<MeterRegistry> meters) {
        this.ruleActions = ruleActions;
        this.store = store;
        this.rules = rules;
        this.planner = planner;
        this.desk = desk;
        this.account = account;
        this.clock = clock;
        this.meters = meters;
    }

    /** False when nothing (that no one else holds) is due. */
    @Transactional
    public boolean fireNextDue() {
        Instant now = clock.instant();
        Optional<Due> taken = store.takeNextDue(now);
        if (taken.isEmpty()) {
            return false;
        }
        Due due = taken.get();
        Optional<PlanningStore.RuleTicket> ticket = store.lockTicket(due.ticketId());
        Optional<TimeRule> rule = rules.enabled().stream().filter(r -> r.id().equals(due.ruleId())).findFirst();
        if (ticket.isEmpty() || rule.isEmpty() || ticket.get().deleted()
                || !planner.dueAt(ticket.get(), rule.get()).map(due.dueAt()::equals).orElse(false)) {
            count("stale");
            return true; // the ticket or the rule changed since it was planned: their re-plan is what counts
        }
        int number = store.firing(due.ticketId(), due.ruleId()).map(PlanningStore.Firing::firings).orElse(0) + 1;
        try {
            act(rule.get(), due.ticketId(), "time-rule:" + due.ruleId() + ":" + due.ticketId() + ":" + number);
            count("fired");
            log.info("time rule {} fired on ticket {} ({} late)", due.ruleId(), due.ticketId(),
                    Duration.between(due.dueAt(), clock.instant()));
        } catch (PeerException e) {
            if (e.unavailable()) {
                store.putDue(due.ticketId(), due.ruleId(), clock.instant().plus(RETRY));
                count("retry");
                log.warn("time rule {} on ticket {}: {} unavailable, retrying in {}", due.ruleId(), due.ticketId(),
                        e.service(), RETRY);
                return true;
            }
            count("refused");
            log.warn("time rule {} on ticket {} refused by {} ({}): {}", due.ruleId(), due.ticketId(), e.service(),
                    e.status(), e.getMessage());
        } catch (RuntimeException e) {
            // an answer we cannot read: later again, not in a loop every poll
            store.putDue(due.ticketId(), due.ruleId(), clock.instant().plus(RETRY));
            count("retry");
            log.warn("time rule {} on ticket {} failed, retrying in {}: {}", due.ruleId(), due.ticketId(), RETRY,
                    e.toString());
            return true;
        }
        store.fired(due.ticketId(), due.ruleId(), clock.instant());
        planner.replan(due.ticketId());
        return true;
    }

    private void act(TimeRule rule, UUID ticketId, String key) {
        String token = account.token();
        TicketDesk.TicketView view = desk.ticket(ticketId, token);
        MacroActions actions = rule.actions();
        String note = actions.note() == null ? null
                : Placeholders.render(actions.note(), RuleActions.placeholders(view.ticket()), s -> s);
        ruleActions.note(ticketId, RuleActions.attribution("time rule", rule.name(),
                TicketChanges.of(actions, view.ticket()), note), token, key + ":note");
        ruleActions.patch(ticketId, actions, view, token, key + ":fields");
    }

    private void count(String outcome) {
        meters.ifPresent(m -> m.counter("crm_automation_time_rule_firings", "outcome", outcome).increment());
    }
}
