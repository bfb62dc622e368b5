package com.quimbi.crm.automation.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.automation.agent.AgentDirectory;
import com.quimbi.crm.automation.apply.internal.ApplicationStore;
import com.quimbi.crm.automation.macro.Macro;
import com.quimbi.crm.automation.macro.MacroActions;
import com.quimbi.crm.automation.macro.MacroService;
import com.quimbi.crm.automation.peers.PeerException;
import com.quimbi.crm.automation.peers.TicketDesk;
import com.quimbi.crm.contracts.automation.MacroApplied;
import com.quimbi.crm.platform.outbox.OutboxWriter;
import com.quimbi.crm.platform.problem.ConflictException;
import com.quimbi.crm.platform.problem.InvalidInputException;

import tools.jackson.databind.json.JsonMapper;

/**
 * Applying a macro with the store and the peers mocked: the idempotency rules (another macro under the same key,
 * a replay, an application in progress), the PATCH re-read after a 412, the assignee already set, the reply left
 * to the composer. (Against Postgres and WireMock peers: MacroApplyIT.)
 */
class MacroApplicationsTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();

    MacroService macros = mock(MacroService.class);
    TicketDesk desk = mock(TicketDesk.class);
    AgentDirectory agents = mock(AgentDirectory.class);
    ApplicationStore store = mock(ApplicationStore.class);
    OutboxWriter outbox = mock(OutboxWriter.class);
    MacroApplications applications = new MacroApplications(macros, desk, agents, store, outbox,
            new TransactionTemplate(mock(PlatformTransactionManager.class)), JSON, Clock.fixed(NOW, ZoneOffset.UTC));

    UUID agentId = UUID.randomUUID();
    UUID ticketId = UUID.randomUUID();
    UUID applicationId = UUID.randomUUID();
    Macro macro = macro("Hi {{customer.first_name}}, {{agent.first_name}} here", "<p>Hi {{customer.name}}</p>",
            new MacroActions("pending", null, null, List.of("waiting"), null, "me", "Asked {{customer.email}}"));

    Macro macro(String replyText, String replyHtml, MacroActions actions) {
        Macro m = new Macro(UUID.randomUUID(), "Ask for order", "shared", null, null, replyText, replyHtml, actions, 0,
                null, NOW, NOW, 0);
        when(macros.get(m.id())).thenReturn(m);
        return m;
    }

    TicketDesk.TicketView ticket(String status, String assignee, String etag) {
        return new TicketDesk.TicketView(JSON.readTree("""
                {"id":"%s","number":"1017","subject":"Where is it","status":"%s","priority":"normal","tags":[],
                 "assigneeId":%s,"customer":{"name":"Ana <López>","email":"ana@example.com"}}"""
                .formatted(ticketId, status, assignee == null ? "null" : "\"" + assignee + "\"")), etag);
    }

    ApplicationStore.Row row(Macro m, Set<String> stepsDone, String result) {
        ApplicationStore.Row row = new ApplicationStore.Row(applicationId, m.id(), ticketId, stepsDone, result);
        when(store.findOrCreate(any(), eq(agentId.toString()), anyString(), eq(m.id()), eq(ticketId), eq(NOW)))
                .thenReturn(row);
        return row;
    }

    @BeforeEach
    void signIn() {
        Jwt jwt = Jwt.withTokenValue("agent-token").header("alg", "none").subject(agentId.toString())
                .claim("given_name", "Bea").build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
        when(agents.find(agentId.toString())).thenReturn(Optional.empty());
        when(store.claim(applicationId, NOW, MacroApplications.LEASE)).thenReturn(true);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void applyDoesEachStepAsTheAgentAndPublishesWhatChanged() {
        row(macro, Set.of(), null);
        when(desk.ticket(ticketId, "agent-token")).thenReturn(ticket("open", null, "\"4\""));

        MacroApplication applied = applications.apply(ticketId, macro.id(), "key-1", true);

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> reply = ArgumentCaptor.forClass(Map.class);
        verify(desk).addMessage(eq(ticketId), reply.capture(), eq("agent-token"), eq(applicationId + ":reply"));
        assertThat(reply.getValue()).containsEntry("body", "Hi Ana, Bea here")
                .containsEntry("html", "<p>Hi Ana &lt;L&oacute;pez&gt;</p>").containsEntry("internal", false);
        verify(desk).addMessage(ticketId, Map.of("body", "Asked ana@example.com", "internal", true, "authorType",
                "agent"), "agent-token", applicationId + ":note");
        verify(desk).assign(ticketId, agentId, "agent-token", applicationId + ":assignee");
        verify(desk).update(ticketId, Map.of("status", "pending", "tags", List.of("waiting")), "\"4\"", "agent-token",
                applicationId + ":fields");
        verify(store).complete(eq(applicationId), anyString(), eq(NOW));
        verify(macros).used(macro.id());
        ArgumentCaptor<MacroApplied> event = ArgumentCaptor.forClass(MacroApplied.class);
        verify(outbox).append(eq(ticketId.toString()), any(), event.capture());
        assertThat(event.getValue().changes()).containsExactly("status", "tags", "assignee", "note");
        assertThat(applied.replySent()).isTrue();
        assertThat(applied.replayed()).isFalse();
        verify(store).release(applicationId);
    }

    @Test
    void theSameKeyForAnotherMacroOrTicketIsRefused() {
        Macro other = macro("x", null, MacroActions.NONE);
        row(other, Set.of(), null);
        when(store.findOrCreate(any(), eq(agentId.toString()), eq("key-1"), eq(macro.id()), eq(ticketId), eq(NOW)))
                .thenReturn(new ApplicationStore.Row(applicationId, other.id(), ticketId, Set.of(), null));

        assertThatThrownBy(() -> applications.apply(ticketId, macro.id(), "key-1", true))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("Idempotency-Key"));

        when(store.findOrCreate(any(), eq(agentId.toString()), eq("key-2"), eq(macro.id()), eq(ticketId), eq(NOW)))
                .thenReturn(new ApplicationStore.Row(applicationId, macro.id(), UUID.randomUUID(), Set.of(), null));
        assertThatThrownBy(() -> applications.apply(ticketId, macro.id(), "key-2", true))
                .isInstanceOf(InvalidInputException.class);
        verify(desk, never()).ticket(any(), any());
    }

    @Test
    void aFinishedApplicationIsReplayedAndOneInProgressIsAConflict() {
        MacroApplication first = new MacroApplication(applicationId, macro.id(), ticketId, "Hi", null, null, List.of(),
                true, NOW, false);
        row(macro, Set.of("reply"), JSON.writeValueAsString(first));
        assertThat(applications.apply(ticketId, macro.id(), "key-1", true).replayed()).isTrue();

        row(macro, Set.of("reply"), null);
        when(store.claim(applicationId, NOW, MacroApplications.LEASE)).thenReturn(false);
        when(store.result(applicationId)).thenReturn(Optional.of(JSON.writeValueAsString(first)));
        assertThat(applications.apply(ticketId, macro.id(), "key-1", true))
                .isEqualTo(first.replay());

        when(store.result(applicationId)).thenReturn(Optional.empty());
        assertThatThrownBy(() -> applications.apply(ticketId, macro.id(), "key-1", true))
                .isInstanceOf(ConflictException.class).hasMessageContaining("in progress");
        verify(desk, never()).ticket(any(), any());
        verify(store, never()).release(any());
    }

    @Test
    void withoutAKeyOneIsMadeUp() {
        row(macro, Set.of("reply", "note", "assignee", "fields"), null);
        when(desk.ticket(ticketId, "agent-token")).thenReturn(ticket("open", null, "\"4\""));

        applications.apply(ticketId, macro.id(), null, true);

        verify(store).findOrCreate(any(), eq(agentId.toString()), startsWith("generated:"), eq(macro.id()),
                eq(ticketId), eq(NOW));
        verify(desk, never()).addMessage(any(), any(), any(), any());
        verify(desk, never()).update(any(), any(), any(), any(), any());
    }

    @Test
    void aChangeInBetweenIsReadAgainUpToThreeTimes() {
        row(macro, Set.of("reply", "note", "assignee"), null);
        when(desk.ticket(ticketId, "agent-token")).thenReturn(ticket("open", null, "\"4\""),
                ticket("open", null, "\"5\""), ticket("open", null, "\"6\""), ticket("open", null, "\"7\""));
        doThrow(new PeerException("ticket-service", 412, "changed")).when(desk)
                .update(eq(ticketId), any(), eq("\"5\""), anyString(), anyString());

        applications.apply(ticketId, macro.id(), "key-1", true);

        verify(desk).update(eq(ticketId), any(), eq("\"6\""), anyString(), anyString());
        verify(store).stepDone(applicationId, "fields");

        // three 412s in a row: given up, the step stays to do for a retry
        doThrow(new PeerException("ticket-service", 412, "changed")).when(desk)
                .update(eq(ticketId), any(), anyString(), anyString(), anyString());
        assertThatThrownBy(() -> applications.apply(ticketId, macro.id(), "key-1", true))
                .isInstanceOfSatisfying(PeerException.class, e -> assertThat(e.status()).isEqualTo(412));
        verify(store, times(1)).stepDone(applicationId, "fields");
        verify(store, times(2)).release(applicationId);
    }

    @Test
    void anotherRefusalOfThePatchIsNotRetried() {
        row(macro, Set.of("reply", "note", "assignee"), null);
        when(desk.ticket(ticketId, "agent-token")).thenReturn(ticket("open", null, "\"4\""));
        doThrow(new PeerException("ticket-service", 409, "closed")).when(desk)
                .update(any(), any(), any(), anyString(), anyString());

        assertThatThrownBy(() -> applications.apply(ticketId, macro.id(), "key-1", true))
                .isInstanceOf(PeerException.class);
        verify(desk, times(1)).update(any(), any(), any(), anyString(), anyString());
        verify(outbox, never()).append(any(), any(), any());
    }

    @Test
    void anAssigneeAlreadySetAndNothingLeftToPatchSendNothing() {
        Macro assignOnly = macro(null, null, new MacroActions("open", null, null, null, null, "me", null));
        row(assignOnly, Set.of(), null);
        when(desk.ticket(ticketId, "agent-token")).thenReturn(ticket("open", agentId.toString(), "\"4\""));

        MacroApplication applied = applications.apply(ticketId, assignOnly.id(), "key-1", true);

        assertThat(applied.replySent()).isFalse();
        assertThat(applied.changes()).isEmpty();
        verify(desk, never()).assign(any(), any(), any(), any());
        verify(desk, never()).update(any(), any(), any(), any(), any());
        verify(store).stepDone(applicationId, "assignee");
    }

    @Test
    void theReplyLeftToTheComposerIsRenderedButNotSent() {
        UUID colleague = UUID.randomUUID();
        Macro handOver = macro("Hello {{agent.first_name}}", null,
                new MacroActions(null, null, null, null, null, colleague.toString().toUpperCase(), null));
        row(handOver, Set.of(), null);
        when(agents.find(agentId.toString())).thenReturn(Optional.of(new AgentDirectory.AgentProfile(
                agentId.toString(), "Beatriz", "Billing", true)));
        when(desk.ticket(ticketId, "agent-token")).thenReturn(ticket("open", null, "\"4\""));

        MacroApplication applied = applications.apply(ticketId, handOver.id(), "key-1", false);

        assertThat(applied.replySent()).isFalse();
        assertThat(applied.replyText()).isEqualTo("Hello Beatriz");
        verify(desk, never()).addMessage(any(), any(), any(), any());
        verify(desk).assign(ticketId, colleague, "agent-token", applicationId + ":assignee");
    }

    @Test
    void previewChangesNothingAndNeedsAnAgentsToken() {
        when(desk.ticket(ticketId, "agent-token")).thenReturn(ticket("open", null, "\"4\""));

        MacroPreview preview = applications.preview(ticketId, macro.id());

        assertThat(preview.replyText()).isEqualTo("Hi Ana, Bea here");
        assertThat(preview.changes()).extracting(MacroPreview.Change::field)
                .containsExactly("status", "tags", "assignee");
        verify(store, never()).findOrCreate(any(), any(), any(), any(), any(), any());

        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("user", "pw"));
        assertThatThrownBy(() -> applications.preview(ticketId, macro.id())).isInstanceOf(IllegalStateException.class);
    }
}
