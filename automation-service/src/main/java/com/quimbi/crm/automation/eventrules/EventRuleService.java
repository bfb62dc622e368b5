package com.quimbi.crm.automation.eventrules;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.automation.eventrules.internal.EventRuleStore;
import com.quimbi.crm.automation.macro.Placeholders;
import com.quimbi.crm.platform.audit.AuditTrail;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.platform.problem.ProblemHandler.FieldError;

/** Event rules and rule sets as data; every change is audited. */
@Service
public class EventRuleService {

    static final String DEFAULT_SET = "default";

    private final EventRuleStore store;
    private final AuditTrail audit;
    private final Clock clock;

    EventRuleService(EventRuleStore store, AuditTrail audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** A rule set and how its rules combine. */
    public record RuleSet(String name, String mode) {
    }

    @Transactional(readOnly = true)
    public List<EventRule> list() {
        return store.all();
    }

    @Transactional(readOnly = true)
    public EventRule get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("Event rule", id));
    }

    /** The enabled rules in set and position order, for the engine. */
    @Transactional(readOnly = true)
    public List<EventRule> enabled() {
        return store.enabled();
    }

    @Transactional(readOnly = true)
    public Map<String, String> modes() {
        return store.modes();
    }

    @Transactional(readOnly = true)
    public List<RuleSet> sets() {
        return store.modes().entrySet().stream().map(e -> new RuleSet(e.getKey(), e.getValue())).toList();
    }

    @Transactional
    public RuleSet putSet(String name, String mode) {
        String before = store.modes().get(name);
        store.putMode(name, mode, clock.instant());
        RuleSet after = new RuleSet(name, mode);
        audit.record("rule_set.updated", "rule_set", name, before == null ? null : new RuleSet(name, before), after);
        return after;
    }

    @Transactional
    public EventRule create(EventRuleRequest request) {
        validate(request);
        Instant now = clock.instant();
        EventRule rule = rule(Ids.newId(), request, now, now, 0);
        store.insert(rule);
        audit.record("event_rule.created", "event_rule", rule.id(), null, rule);
        return rule;
    }

    @Transactional
    public EventRule update(UUID id, EventRuleRequest request) {
        EventRule before = get(id);
        validate(request);
        EventRule after = rule(id, request, before.createdAt(), clock.instant(), before.version() + 1);
        store.update(after);
        audit.record("event_rule.updated", "event_rule", id, before, after);
        return after;
    }

    @Transactional
    public void delete(UUID id) {
        EventRule rule = get(id);
        store.delete(id);
        audit.record("event_rule.deleted", "event_rule", id, rule, null);
    }

    private static EventRule rule(UUID id, EventRuleRequest r, Instant created, Instant updated, long version) {
        return new EventRule(id, r.name().strip(), r.enabled() == null || r.enabled(),
                r.ruleSet() == null ? DEFAULT_SET : r.ruleSet(), r.position() == null ? 0 : r.position(),
                List.copyOf(r.triggers()), r.conditions() == null ? EventConditions.ANY : r.conditions(), r.actions(),
                r.autoReply() == null || r.autoReply().isBlank() ? null : r.autoReply(),
                r.maxFirings() == null ? 1 : r.maxFirings(), created, updated, version);
    }

    /**
     * The service account acts (no agent for "me" or {{agent.first_name}}, no supervisor rights to assign). An
     * auto-reply only on ticket_created: an auto-submitted mail never opens a ticket (integration-service), while
     * message.added does not say whether a message was auto-submitted, so replying to messages could answer one.
     */
    private static void validate(EventRuleRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.actions().assignee() != null) {
            errors.add(new FieldError("actions.assignee", "is not available for event rules"));
        }
        placeholders(errors, "actions.note", request.actions().note());
        placeholders(errors, "autoReply", request.autoReply());
        if (request.autoReply() != null && !request.autoReply().isBlank()
                && !List.of(EventRule.CREATED).equals(request.triggers())) {
            errors.add(new FieldError("autoReply", "needs triggers [ticket_created] only (a message may be auto-submitted)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static void placeholders(List<FieldError> errors, String field, String text) {
        for (String name : Placeholders.unknown(text)) {
            errors.add(new FieldError(field, "unknown placeholder {{" + name + "}}"));
        }
        if (text != null && text.matches("(?s).*\\{\\{\\s*agent\\.first_name\\s*}}.*")) {
            errors.add(new FieldError(field, "{{agent.first_name}} has no value in a rule"));
        }
    }
}
