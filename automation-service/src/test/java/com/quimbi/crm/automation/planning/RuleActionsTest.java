package com.quimbi.crm.automation.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.automation.macro.MacroActions;
import com.quimbi.crm.automation.macro.TicketChanges;
import com.quimbi.crm.automation.peers.PeerException;
import com.quimbi.crm.automation.peers.TicketDesk;

import tools.jackson.databind.json.JsonMapper;

/** A rule's note naming it and its changes, and its PATCH re-read after a 412 (up to three times). */
class RuleActionsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    TicketDesk desk = mock(TicketDesk.class);
    RuleActions actions = new RuleActions(desk);
    UUID ticketId = UUID.randomUUID();
    MacroActions toPending = new MacroActions("pending", null, null, null, null, null, null);

    static TicketDesk.TicketView view(String status, String etag) {
        return new TicketDesk.TicketView(JSON.readTree("{\"status\":\"" + status + "\",\"tags\":[]}"), etag);
    }

    @Test
    void theNoteNamesTheRuleItsChangesAndItsOwnNote() {
        List<TicketChanges.Change> changes = List.of(new TicketChanges.Change("status", "open", "pending"),
                new TicketChanges.Change("category", null, "Returns"));

        assertThat(RuleActions.attribution("time rule", "Chase", changes, null))
                .isEqualTo("Automation: time rule «Chase»: status open → pending; category (none) → Returns");
        assertThat(RuleActions.attribution("event rule (ticket_created)", "Tag", List.of(), "Checked"))
                .isEqualTo("Automation: event rule (ticket_created) «Tag»: no field changes\n\nChecked");
        assertThat(RuleActions.attribution("time rule", "Nothing", List.of(), " ")).isNull();
    }

    @Test
    void noNoteIsNoMessage() {
        actions.note(ticketId, null, "t", "k");
        verify(desk, never()).addMessage(any(), any(), any(), any());

        actions.note(ticketId, "Automation: x", "t", "k:note");
        verify(desk).addMessage(ticketId, Map.of("body", "Automation: x", "internal", true, "authorType", "agent"), "t",
                "k:note");
    }

    @Test
    void nothingToChangeSendsNoPatch() {
        actions.patch(ticketId, toPending, view("pending", "\"1\""), "t", "k");
        verify(desk, never()).update(any(), any(), any(), any(), any());
    }

    @Test
    void aChangeInBetweenIsReadAgainAndPatchedWithTheNewETag() {
        doThrow(new PeerException("ticket-service", 412, "changed")).when(desk)
                .update(eq(ticketId), any(), eq("\"1\""), anyString(), anyString());
        when(desk.ticket(ticketId, "t")).thenReturn(view("open", "\"2\""));

        actions.patch(ticketId, toPending, view("open", "\"1\""), "t", "k");

        verify(desk).update(ticketId, Map.of("status", "pending"), "\"2\"", "t", "k");
    }

    @Test
    void theThirdChangeInBetweenOrAnotherRefusalGivesUp() {
        doThrow(new PeerException("ticket-service", 412, "changed")).when(desk)
                .update(any(), any(), any(), anyString(), anyString());
        when(desk.ticket(ticketId, "t")).thenReturn(view("open", "\"2\""));
        assertThatThrownBy(() -> actions.patch(ticketId, toPending, view("open", "\"1\""), "t", "k"))
                .isInstanceOf(PeerException.class);
        verify(desk, times(3)).update(any(), any(), any(), anyString(), anyString());

        doThrow(new PeerException("ticket-service", 409, "closed")).when(desk)
                .update(any(), any(), any(), anyString(), anyString());
        assertThatThrownBy(() -> actions.patch(ticketId, toPending, view("open", "\"1\""), "t", "k"))
                .isInstanceOfSatisfying(PeerException.class, e -> assertThat(e.status()).isEqualTo(409));
        verify(desk, times(4)).update(any(), any(), any(), anyString(), anyString());
    }
}
