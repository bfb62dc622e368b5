package com.quimbi.crm.automation.rules;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.automation.macro.Placeholders;
import com.quimbi.crm.automation.rules.internal.TimeRuleStore;
import com.quimbi.crm.platform.audit.AuditTrail;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.platform.problem.ProblemHandler.FieldError;

/** Time rules as data; every change re-plans the due moments ({@link TimeRulesChanged}) and is audited. */
@Service
public class TimeRuleService {

    private final TimeRuleStore store;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TimeRuleService(TimeRuleStore store, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<TimeRule> list() {
        return store.all();
    }

    @Transactional(readOnly = true)
    public TimeRule get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("Time rule", id));
    }

    /** The enabled rules, for planning and firing. */
    @Transactional(readOnly = true)
    public List<TimeRule> enabled() {
        return store.enabled();
    }

    @Transactional
    public TimeRule create(TimeRuleRequest request) {
        validate(request);
        Instant now = clock.instant();
        TimeRule rule = rule(Ids.newId(), request, now, now, 0);
        store.insert(rule);
        audit.record("time_rule.created", "time_rule", rule.id(), null, rule);
        events.publishEvent(new TimeRulesChanged());
        return rule;
    }

    @Transactional
    public TimeRule update(UUID id, TimeRuleRequest request) {
        TimeRule before = get(id);
        validate(request);
        TimeRule after = rule(id, request, before.createdAt(), clock.instant(), before.version() + 1);
        store.update(after);
        audit.record("time_rule.updated", "time_rule", id, before, after);
        events.publishEvent(new TimeRulesChanged());
        return after;
    }

    @Transactional
    public void delete(UUID id) {
        TimeRule rule = get(id);
        store.delete(id);
        audit.record("time_rule.deleted", "time_rule", id, rule, null);
        events.publishEvent(new TimeRulesChanged());
    }

    private static TimeRule rule(UUID id, TimeRuleRequest r, Instant created, Instant updated, long version) {
        return new TimeRule(id, r.name().strip(), r.enabled() == null || r.enabled(), List.copyOf(r.statuses()),
                r.priorities() == null ? List.of() : List.copyOf(r.priorities()),
                r.tags() == null ? List.of() : List.copyOf(r.tags()), r.afterMinutes(),
                Boolean.TRUE.equals(r.businessTime()), r.actions(),
                r.maxFirings() == null ? 1 : r.maxFirings(), created, updated, version);
    }

    /**
     * The service account acts, so there is no agent to assign "me" to or to name; an assignee needs
     * assignment-service's supervisor rights, which the service account does not hold.
     */
    private static void validate(TimeRuleRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.actions().assignee() != null) {
            errors.add(new FieldError("actions.assignee", "is not available for time rules"));
        }
        for (String name : Placeholders.unknown(request.actions().note())) {
            errors.add(new FieldError("actions.note", "unknown placeholder {{" + name + "}}"));
        }
        if (request.actions().note() != null && request.actions().note().matches("(?s).*\\{\\{\\s*agent\\.first_name\\s*}}.*")) {
            errors.add(new FieldError("actions.note", "{{agent.first_name}} has no value in a time rule"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
