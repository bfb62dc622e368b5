package com.quimbi.crm.automation.eventrules;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.automation.eventrules.internal.FiringStore;
import com.quimbi.crm.automation.eventrules.internal.FiringStore.Run;
import com.quimbi.crm.automation.macro.Placeholders;
import com.quimbi.crm.automation.macro.TicketChanges;
import com.quimbi.crm.automation.peers.PeerException;
import com.quimbi.crm.automation.peers.ServiceAccount;
import com.quimbi.crm.automation.peers.TicketDesk;
import com.quimbi.crm.automation.planning.DueWork;
import com.quimbi.crm.automation.planning.RuleActions;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Does queued event-rule firings on ticket-service as the service account, one per transaction (the run row
 * locked with SKIP LOCKED, so threads and instances share them): the note naming the rule, the auto-reply, the
 * PATCH, each with {@code Idempotency-Key: event-rule:<rule>:<ticket>:<firing>:<step>} and each recorded as done,
 * so a retry repeats no step. ticket-service or Keycloak away: again in 30 s; refused (e.g. 409): dropped.
 */
@Service
class EventRuleRuns implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(EventRuleRuns.class);
    static final Duration RETRY = Duration.ofSeconds(30);

    private final FiringStore store;
    private final EventRuleService rules;
    private final TicketDesk desk;
    private final RuleActions actions;
    private final ServiceAccount account;
    private final Clock clock;
    private final Optional<MeterRegistry> meters;

    EventRuleRuns(FiringStore store, EventRuleService rules, TicketDesk desk, RuleActions actions,
            ServiceAccount account, Clock clock, Optional<MeterRegistry> meters) {
        this.store = store;
        this.rules = rules;
        this.desk = desk;
        this.actions = actions;
        this.account = account;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    @Transactional
    public boolean runNext() {
        Optional<Run> taken = store.takeNextRun(clock.instant());
        if (taken.isEmpty()) {
            return false;
        }
        Run run = taken.get();
        String key = "event-rule:" + run.ruleId() + ":" + run.ticketId() + ":" + run.firing();
        try {
            act(rules.get(run.ruleId()), run, key);
            store.done(run);
            count("fired");
        } catch (PeerException e) {
            if (e.unavailable()) {
                retry(run, e.service() + " unavailable");
                return true;
            }
            store.done(run);
            count("refused");
            log.warn("event rule {} on ticket {} refused by {} ({}): {}", run.ruleId(), run.ticketId(), e.service(),
                    e.status(), e.getMessage());
        } catch (RuntimeException e) {
            retry(run, e.toString()); // an answer we cannot read: later again, not in a loop every poll
        }
        return true;
    }

    private void act(EventRule rule, Run run, String key) {
        String token = account.token();
        TicketDesk.TicketView view = desk.ticket(run.ticketId(), token);
        Map<String, String> values = RuleActions.placeholders(view.ticket());
        if (!run.stepsDone().contains("note")) {
            String note = rule.actions().note() == null ? null
                    : Placeholders.render(rule.actions().note(), values, s -> s);
            actions.note(run.ticketId(), RuleActions.attribution("event rule (" + run.trigger() + ")", rule.name(),
                    TicketChanges.of(rule.actions(), view.ticket()), note), token, key + ":note");
            store.stepDone(run, "note");
        }
        if (run.autoReply() && !run.stepsDone().contains("reply")) {
            desk.addMessage(run.ticketId(), Map.of("body", Placeholders.render(rule.autoReply(), values, s -> s),
                    "internal", false, "authorType", "agent"), token, key + ":reply");
            store.stepDone(run, "reply");
        }
        actions.patch(run.ticketId(), rule.actions(), view, token, key + ":fields");
    }

    private void retry(Run run, String why) {
        store.retryAt(run, clock.instant().plus(RETRY));
        count("retry");
        log.warn("event rule {} on ticket {}: {}, retrying in {}", run.ruleId(), run.ticketId(), why, RETRY);
    }

    private void count(String outcome) {
        meters.ifPresent(m -> m.counter("crm_automation_event_rule_firings", "outcome", outcome).increment());
    }
}
