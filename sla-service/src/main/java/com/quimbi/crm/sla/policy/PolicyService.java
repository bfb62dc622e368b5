package com.quimbi.crm.sla.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.platform.audit.AuditTrail;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.platform.problem.ProblemHandler.FieldError;
import com.quimbi.crm.sla.calendar.CalendarService;
import com.quimbi.crm.sla.policy.internal.PolicyStore;

/**
 * SLA policies: validated on the way in; {@link #resolve} picks the one that applies to a ticket. Every write
 * publishes {@link PoliciesChanged} in its transaction, so the open clocks are measured again promptly.
 */
@Service
public class PolicyService {

    static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");
    static final Set<String> CHANNELS = Set.of("email", "chat", "phone", "web", "social", "api");
    static final Set<String> TIERS = Set.of("standard", "vip");
    static final Set<String> CATEGORIES = Set.of("account", "billing", "general", "product", "returns", "shipping", "technical");
    static final List<Integer> DEFAULT_THRESHOLDS = List.of(75, 90);
    /** Longer targets are typos, not service levels. */
    static final Duration MAX_TARGET = Duration.ofDays(366);

    private final PolicyStore policies;
    private final CalendarService calendars;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;

    PolicyService(PolicyStore policies, CalendarService calendars, Clock clock, ApplicationEventPublisher events,
            AuditTrail audit) {
        this.audit = audit;
        this.policies = policies;
        this.calendars = calendars;
        this.clock = clock;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<SlaPolicy> list() {
        return policies.all();
    }

    @Transactional(readOnly = true)
    public SlaPolicy get(UUID id) {
        return policies.find(id).orElseThrow(() -> new NotFoundException("Policy", id));
    }

    /** The first enabled policy, in position order, whose conditions match; empty = the ticket has no SLA. */
    @Transactional(readOnly = true)
    public Optional<SlaPolicy> resolve(TicketAttributes ticket) {
        return policies.all().stream().filter(p -> p.matches(ticket)).findFirst();
    }

    @Transactional
    public SlaPolicy create(PolicyRequest request) {
        Instant now = Instant.now(clock);
        int position = request.position() == null ? policies.nextPosition() : request.position();
        SlaPolicy policy = validated(Ids.newId(), position, request, now, now);
        policies.insert(policy);
        audit.record("sla_policy.created", "sla_policy", policy.id(), null, policy);
        events.publishEvent(new PoliciesChanged()); // a new policy may now be the first match of open tickets
        return policy;
    }

    @Transactional
    public SlaPolicy update(UUID id, PolicyRequest request) {
        SlaPolicy existing = get(id);
        int position = request.position() == null ? existing.position() : request.position();
        SlaPolicy policy = validated(id, position, request, existing.createdAt(), Instant.now(clock));
        policies.update(policy);
        audit.record("sla_policy.updated", "sla_policy", id, existing, policy);
        events.publishEvent(new PoliciesChanged());
        return policy;
    }

    @Transactional
    public void delete(UUID id) {
        SlaPolicy existing = get(id);
        if (!policies.delete(id)) {
            throw new NotFoundException("Policy", id);
        }
        audit.record("sla_policy.deleted", "sla_policy", id, existing, null);
        events.publishEvent(new PoliciesChanged());
    }

    private SlaPolicy validated(UUID id, int position, PolicyRequest request, Instant createdAt, Instant updatedAt) {
        List<FieldError> errors = new ArrayList<>();
        SlaPolicy.Conditions c = request.conditions() == null ? SlaPolicy.Conditions.ANY : request.conditions();
        SlaPolicy.Conditions conditions = new SlaPolicy.Conditions(values("priorities", c.priorities(), PRIORITIES, errors),
                values("channels", c.channels(), CHANNELS, errors), values("customerTiers", c.customerTiers(), TIERS, errors),
                values("categories", c.categories(), CATEGORIES, errors), values("tags", c.tags(), null, errors));
        List<SlaPolicy.Target> targets = new ArrayList<>();
        Set<Metric> seen = EnumSet.noneOf(Metric.class);
        for (int i = 0; i < request.targets().size(); i++) {
            PolicyRequest.TargetRequest t = request.targets().get(i);
            String field = "targets[" + i + "]";
            if (t == null) {
                errors.add(new FieldError(field, "must not be null"));
                continue;
            }
            if (!seen.add(t.metric())) {
                errors.add(new FieldError(field + ".metric", "appears twice"));
            }
            if (t.target().isNegative() || t.target().isZero() || t.target().getNano() != 0 && t.target().toSeconds() == 0) {
                errors.add(new FieldError(field + ".target", "must be at least one second"));
            } else if (t.target().compareTo(MAX_TARGET) > 0) {
                errors.add(new FieldError(field + ".target", "must be at most 366 days"));
            }
            boolean businessHours = t.businessHours() == null || t.businessHours();
            if (businessHours && t.calendarId() == null) {
                errors.add(new FieldError(field + ".calendarId", "is required for a target in business hours"));
            } else if (businessHours && !calendars.exists(t.calendarId())) {
                errors.add(new FieldError(field + ".calendarId", "names no calendar (" + t.calendarId() + ")"));
            }
            targets.add(new SlaPolicy.Target(t.metric(), Duration.ofSeconds(t.target().toSeconds()), businessHours,
                    businessHours ? t.calendarId() : null));
        }
        List<Integer> thresholds = request.warningThresholds() == null ? DEFAULT_THRESHOLDS
                : request.warningThresholds().stream().distinct().sorted().toList();
        if (thresholds.stream().anyMatch(p -> p == null || p < 1 || p > 99)) {
            errors.add(new FieldError("warningThresholds", "percentages must be between 1 and 99"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new SlaPolicy(id, request.name().strip(), position, request.enabled() == null || request.enabled(),
                conditions, List.copyOf(targets), thresholds, createdAt, updatedAt);
    }

    private static List<String> values(String field, List<String> values, Set<String> allowed, List<FieldError> errors) {
        if (values == null) {
            return List.of();
        }
        List<String> normalized = new ArrayList<>();
        for (String v : values) {
            String value = v == null ? "" : v.strip().toLowerCase(Locale.ROOT);
            if (value.isEmpty() || allowed != null && !allowed.contains(value)) {
                errors.add(new FieldError("conditions." + field, "'" + v + "' is not one of " + (allowed == null ? "non-blank tags" : allowed.stream().sorted().toList())));
            } else if (!normalized.contains(value)) {
                normalized.add(value);
            }
        }
        return List.copyOf(normalized);
    }
}
