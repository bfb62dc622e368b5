package com.quimbi.crm.sla.clock;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.quimbi.crm.sla.calendar.CalendarChanged;
import com.quimbi.crm.sla.clock.internal.ClockStore;
import com.quimbi.crm.sla.clock.internal.RulesLock;
import com.quimbi.crm.sla.policy.PoliciesChanged;

/**
 * Policy and calendar edits reach open clocks promptly: in the admin's own transaction (a synchronous listener),
 * every affected open clock is made due now, and the {@link DeadlineScheduler} recomputes its ticket within a
 * poll, picking the policy again (first match) exactly as a priority change does. Events go out only from that
 * recomputation, under the ticket's lock and through the outbox, so exactly-once publication is unchanged; an
 * edit that rolls back marks nothing.
 */
@Component
class RulesChangeListener {

    private static final Logger log = LoggerFactory.getLogger(RulesChangeListener.class);

    private final RulesLock rules;
    private final ClockStore clocks;
    private final Clock clock;

    RulesChangeListener(RulesLock rules, ClockStore clocks, Clock clock) {
        this.rules = rules;
        this.clocks = clocks;
        this.clock = clock;
    }

    /** Any policy write may change any open ticket's first match: all open clocks. */
    @EventListener
    void policiesChanged(PoliciesChanged event) {
        rules.exclusive();
        int marked = clocks.markOpenDue(Instant.now(clock), null);
        log.info("SLA policies changed: {} open clocks are recomputed", marked);
    }

    /** The open clocks measured in that calendar. */
    @EventListener
    void calendarChanged(CalendarChanged event) {
        rules.exclusive();
        int marked = clocks.markOpenDue(Instant.now(clock), event.calendarId());
        log.info("SLA calendar {} changed: {} open clocks are recomputed", event.calendarId(), marked);
    }
}
