package com.quimbi.crm.automation.eventrules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.automation.eventrules.internal.EventRuleStore;
import com.quimbi.crm.automation.macro.MacroActions;
import com.quimbi.crm.platform.audit.AuditTrail;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.platform.problem.ProblemHandler.FieldError;

/** What an event rule may not say (no assignee, no agent, known placeholders, auto-reply on creation only). */
class EventRuleServiceTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    EventRuleStore store = mock(EventRuleStore.class);
    AuditTrail audit = mock(AuditTrail.class);
    EventRuleService service = new EventRuleService(store, audit, Clock.fixed(NOW, ZoneOffset.UTC));

    static EventRuleRequest request(List<String> triggers, MacroActions actions, String autoReply) {
        return new EventRuleRequest(" Refunds ", null, null, null, triggers, null, actions, autoReply, null);
    }

    @Test
    void defaultsFillWhatTheRequestLeftOut() {
        EventRule rule = service.create(request(List.of(EventRule.CREATED), MacroActions.NONE, "  "));

        assertThat(rule.name()).isEqualTo("Refunds");
        assertThat(rule.enabled()).isTrue();
        assertThat(rule.ruleSet()).isEqualTo("default");
        assertThat(rule.position()).isZero();
        assertThat(rule.conditions()).isEqualTo(EventConditions.ANY);
        assertThat(rule.autoReply()).isNull();
        assertThat(rule.maxFirings()).isEqualTo(1);
        verify(store).insert(rule);
        verify(audit).record("event_rule.created", "event_rule", rule.id(), null, rule);
    }

    @Test
    void anAssigneeTheAgentsNameUnknownPlaceholdersAndAnAutoReplyToUpdatesAreRefused() {
        MacroActions actions = new MacroActions(null, null, null, null, null, "me", "By {{ agent.first_name }}");
        assertThatThrownBy(() -> service.create(request(List.of(EventRule.UPDATED), actions,
                "Hi {{order.number}}")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("actions.assignee", "actions.note", "autoReply", "autoReply"));
        verify(store, never()).insert(any());
    }

    @Test
    void anUpdateKeepsTheCreationAndCountsTheVersion() {
        EventRule before = service.create(request(List.of(EventRule.CREATED), MacroActions.NONE, null));
        when(store.find(before.id())).thenReturn(Optional.of(before));

        EventRule after = service.update(before.id(), new EventRuleRequest("Refunds v2", false, "billing", 3,
                List.of(EventRule.MESSAGE), null, MacroActions.NONE, null, 4));

        assertThat(after.version()).isEqualTo(1);
        assertThat(after.enabled()).isFalse();
        assertThat(after.ruleSet()).isEqualTo("billing");
        assertThat(after.maxFirings()).isEqualTo(4);
        verify(audit).record("event_rule.updated", "event_rule", before.id(), before, after);

        service.delete(before.id());
        verify(store).delete(before.id());
        verify(audit).record(eq("event_rule.deleted"), eq("event_rule"), eq(before.id()), eq(before), isNull());
    }

    @Test
    void ruleSetsAndTheirModesAreAudited() {
        when(store.modes()).thenReturn(Map.of("billing", RuleSelection.ALL_MATCH));

        service.putSet("billing", RuleSelection.FIRST_MATCH);
        service.putSet("vip", RuleSelection.FIRST_MATCH);

        verify(store).putMode("billing", RuleSelection.FIRST_MATCH, NOW);
        verify(audit).record("rule_set.updated", "rule_set", "billing",
                new EventRuleService.RuleSet("billing", RuleSelection.ALL_MATCH),
                new EventRuleService.RuleSet("billing", RuleSelection.FIRST_MATCH));
        verify(audit).record("rule_set.updated", "rule_set", "vip", null,
                new EventRuleService.RuleSet("vip", RuleSelection.FIRST_MATCH));
        assertThat(service.sets()).containsExactly(new EventRuleService.RuleSet("billing", RuleSelection.ALL_MATCH));
    }

    @Test
    void anUnknownRuleIsNotFound() {
        UUID unknown = UUID.randomUUID();
        when(store.find(unknown)).thenReturn(Optional.empty());

        assertThatThrownBy(() -> service.get(unknown)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.delete(unknown)).isInstanceOf(NotFoundException.class);
    }
}
