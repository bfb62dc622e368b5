package com.quimbi.crm.automation.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;

import com.quimbi.crm.automation.macro.MacroActions;
import com.quimbi.crm.automation.rules.internal.TimeRuleStore;
import com.quimbi.crm.platform.audit.AuditTrail;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.platform.problem.ProblemHandler.FieldError;

/** A time rule's defaults, what it may not say, and that each change re-plans (TimeRulesChanged). */
class TimeRuleServiceTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    TimeRuleStore store = mock(TimeRuleStore.class);
    AuditTrail audit = mock(AuditTrail.class);
    ApplicationEventPublisher events = mock(ApplicationEventPublisher.class);
    TimeRuleService service = new TimeRuleService(store, audit, events, Clock.fixed(NOW, ZoneOffset.UTC));

    static TimeRuleRequest request(MacroActions actions) {
        return new TimeRuleRequest(" Chase ", null, List.of("pending"), null, null, 4320, null, actions, null);
    }

    @Test
    void defaultsAndEachChangeReplans() {
        TimeRule rule = service.create(request(new MacroActions("open", null, null, null, null, null, "Hi")));
        assertThat(rule.name()).isEqualTo("Chase");
        assertThat(rule.enabled()).isTrue();
        assertThat(rule.priorities()).isEmpty();
        assertThat(rule.tags()).isEmpty();
        assertThat(rule.businessTime()).isFalse();
        assertThat(rule.maxFirings()).isEqualTo(1);

        when(store.find(rule.id())).thenReturn(Optional.of(rule));
        TimeRule after = service.update(rule.id(), new TimeRuleRequest("Chase", false, List.of("open"),
                List.of("high"), List.of("vip"), 60, true, MacroActions.NONE, 3));
        assertThat(after.version()).isEqualTo(1);
        assertThat(after.businessTime()).isTrue();
        assertThat(after.createdAt()).isEqualTo(rule.createdAt());
        service.delete(rule.id());

        verify(store).delete(rule.id());
        verify(audit).record("time_rule.updated", "time_rule", rule.id(), rule, after);
        verify(events, times(3)).publishEvent(any(TimeRulesChanged.class));
    }

    @Test
    void noAssigneeNoAgentsNameAndOnlyKnownPlaceholders() {
        assertThatThrownBy(() -> service.create(request(new MacroActions(null, null, null, null, null,
                UUID.randomUUID().toString(), "{{agent.first_name}} and {{order.id}}"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("actions.assignee", "actions.note", "actions.note"));
        verify(store, never()).insert(any());
        verify(events, never()).publishEvent(any());
    }

    @Test
    void anUnknownRuleIsNotFound() {
        UUID unknown = UUID.randomUUID();
        when(store.find(unknown)).thenReturn(Optional.empty());

        assertThatThrownBy(() -> service.update(unknown, request(MacroActions.NONE)))
                .isInstanceOf(NotFoundException.class);
        verify(store, never()).update(any());
    }
}
