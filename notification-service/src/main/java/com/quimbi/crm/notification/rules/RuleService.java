package com.quimbi.crm.notification.rules;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.notification.rules.internal.RuleStore;
import com.quimbi.crm.platform.audit.AuditTrail;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.problem.ConflictException;
import com.quimbi.crm.platform.problem.ProblemHandler.FieldError;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.platform.web.ETags;

/**
 * Notification rules as data: admins create, replace and delete them; each change and its before/after is written to
 * notification_rule_audit in the same transaction (and logged). The alert consumer reads the enabled rules of a kind.
 */
@Service
public class RuleService {

    private static final Logger log = LoggerFactory.getLogger(RuleService.class);

    private final RuleStore store;
    private final Clock clock;
    private final AuditTrail audit;

    RuleService(RuleStore store, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.store = store;
        this.clock = clock;
    }

    public List<NotificationRule> list() {
        return store.all();
    }

    public NotificationRule get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("notification rule", id));
    }

    public List<NotificationRule> enabledFor(EventKind kind) {
        return store.enabledFor(kind);
    }

    /** The rule's changes, also after it was deleted. */
    public List<RuleStore.AuditEntry> audit(UUID id) {
        List<RuleStore.AuditEntry> trail = store.auditTrail(id);
        if (trail.isEmpty() && store.find(id).isEmpty()) {
            throw new NotFoundException("notification rule", id);
        }
        return trail;
    }

    @Transactional
    public NotificationRule create(RuleRequest request, String actor) {
        UUID id = Ids.newId();
        check(request, id);
        var now = clock.instant();
        NotificationRule rule = new NotificationRule(id, request.name().strip(), request.eventKind(),
                request.enabled() == null || request.enabled(), filters(request), List.copyOf(request.destinations()), 0,
                now, now, actor);
        store.insert(rule);
        store.audit(id, "created", actor, null, rule);
        // the rule's own history above stays (GET .../audit); the platform trail is the one across services
        audit.record("notification_rule.created", "notification_rule", id, null, rule);
        log.info("notification rule {} '{}' created by {}", id, rule.name(), actor);
        return rule;
    }

    @Transactional
    public NotificationRule replace(UUID id, RuleRequest request, Long ifMatch, String actor) {
        NotificationRule before = get(id);
        ETags.check(ifMatch, before.version(), "the notification rule");
        check(request, id);
        NotificationRule after = new NotificationRule(id, request.name().strip(), request.eventKind(),
                request.enabled() == null || request.enabled(), filters(request), List.copyOf(request.destinations()),
                before.version() + 1, before.createdAt(), clock.instant(), actor);
        store.update(after);
        store.audit(id, "updated", actor, before, after);
        audit.record("notification_rule.updated", "notification_rule", id, before, after);
        log.info("notification rule {} '{}' updated by {}", id, after.name(), actor);
        return after;
    }

    @Transactional
    public void delete(UUID id, String actor) {
        NotificationRule before = get(id);
        store.delete(id);
        store.audit(id, "deleted", actor, before, null);
        audit.record("notification_rule.deleted", "notification_rule", id, before, null);
        log.info("notification rule {} '{}' deleted by {}", id, before.name(), actor);
    }

    private static RuleFilters filters(RuleRequest request) {
        return request.filters() == null ? RuleFilters.ANY : request.filters();
    }

    /** What bean validation cannot say: destinations complete for their type, names unique. */
    private void check(RuleRequest request, UUID id) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < request.destinations().size(); i++) {
            Destination d = request.destinations().get(i);
            String at = "destinations[" + i + "]";
            if (d.type() == DestinationType.SLACK_CHANNEL && (d.channel() == null || d.channel().isBlank())) {
                errors.add(new FieldError(at + ".channel", "is required for slack_channel"));
            }
            if (d.type() != DestinationType.SLACK_CHANNEL && d.channel() != null) {
                errors.add(new FieldError(at + ".channel", "is only for slack_channel"));
            }
            if (d.type() != DestinationType.EMAIL && d.address() != null) {
                errors.add(new FieldError(at + ".address", "is only for email"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (store.nameTaken(request.name().strip(), id)) {
            throw new ConflictException("A notification rule named '" + request.name().strip() + "' exists.");
        }
    }
}
