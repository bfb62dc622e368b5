package com.quimbi.crm.assignment.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.assignment.assignment.Router.Capacity;
import com.quimbi.crm.assignment.assignment.Router.StatusReaction;
import com.quimbi.crm.assignment.policy.AgentCandidate;
import com.quimbi.crm.assignment.policy.AssignmentPolicy;
import com.quimbi.crm.assignment.policy.PolicyWeights;
import com.quimbi.crm.assignment.policy.Seniority;
import com.quimbi.crm.assignment.policy.TicketTraits;
import com.quimbi.crm.assignment.ticket.TicketView;
import com.quimbi.crm.contracts.ticket.TicketStatus;

class RouterTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    final Router router = new Router(new AssignmentPolicy(PolicyWeights.DEFAULTS, true));

    static TicketView ticket(String status, String channel, String tier, String churn, UUID returnedBy) {
        return new TicketView(UUID.randomUUID(), "#1", "Damaged mug", status, "normal", channel, UUID.randomUUID(), "en",
                Set.of("damaged"), "returns", tier, 0.1, churn, NOW, false, NOW, null, returnedBy, null, null);
    }

    static AgentCandidate agent(String status, int capacity, int load) {
        return new AgentCandidate(UUID.randomUUID(), true, status, true, capacity, load, Set.of(), Set.of("en"),
                Seniority.JUNIOR, ZoneId.of("UTC"), null, null);
    }

    @Nested
    class WhatThePolicySees {

        @Test
        void theTicketsTraitsWithContinuityAndWhoSentItBack() {
            UUID continuity = UUID.randomUUID();
            UUID sender = UUID.randomUUID();
            TicketTraits traits = Router.traits(ticket("new", "chat", "vip", "low", sender), continuity);
            assertThat(traits).isEqualTo(new TicketTraits("chat", "returns", Set.of("damaged"), "en", true, "low",
                    continuity, sender));
            assertThat(traits.needsSeniorCare()).isTrue();
        }

        @Test
        void theAgentWhoSentTheTicketBackIsNotOfferedItAgain() {
            AgentCandidate sender = agent("online", 5, 0);
            AgentCandidate colleague = agent("online", 5, 4);
            var decision = router.route(ticket("new", "email", "standard", null, sender.agentId()), null,
                    List.of(sender, colleague), NOW);
            assertThat(decision.ranked()).extracting(r -> r.agent().agentId()).containsExactly(colleague.agentId());
        }

        @Test
        void nobodyIsAvailableWhenEveryoneIsOfflineOrFull() {
            assertThat(router.anyoneAvailable(List.of(agent("offline", 5, 0), agent("online", 2, 2)), NOW)).isFalse();
            assertThat(router.anyoneAvailable(List.of(agent("offline", 5, 0), agent("online", 2, 1)), NOW)).isTrue();
            assertThat(router.anyoneAvailable(List.of(), NOW)).isFalse();
        }
    }

    @Nested
    class CapacityOfAManualAssignment {

        @Test
        void roomLeftFits() {
            assertThat(Router.capacity("open", 4, 5, false)).isEqualTo(Capacity.FITS);
        }

        @Test
        void fullIsRefusedUnlessForced() {
            assertThat(Router.capacity("new", 5, 5, false)).isEqualTo(Capacity.FULL);
            assertThat(Router.capacity("open", 6, 5, true)).isEqualTo(Capacity.FORCED);
        }

        @Test
        void pendingAndOnHoldTicketsAddNoLoad() {
            assertThat(Router.capacity("pending", 5, 5, false)).isEqualTo(Capacity.FITS);
            assertThat(Router.capacity("on_hold", 9, 5, false)).isEqualTo(Capacity.FITS);
        }
    }

    @Nested
    class ReleasingALeavingAgentsTickets {

        @Test
        void aDeactivatedAgentLosesEverything() {
            assertThat(Router.releases(AssignmentStatus.IN_PROGRESS, "pending", false)).isTrue();
        }

        @Test
        void anOfflineAgentLosesUnacceptedAndOpenTicketsButKeepsAcceptedPendingOnes() {
            assertThat(Router.releases(AssignmentStatus.ASSIGNED, "pending", true)).isTrue();
            assertThat(Router.releases(AssignmentStatus.ACCEPTED, "open", true)).isTrue();
            assertThat(Router.releases(AssignmentStatus.ACCEPTED, "pending", true)).isFalse();
            assertThat(Router.releases(AssignmentStatus.IN_PROGRESS, "on_hold", true)).isFalse();
        }
    }

    @Nested
    class StatusChanges {

        @Test
        void solvedOrClosedCompletesTheAssignment() {
            assertThat(Router.afterStatusChange(TicketStatus.OPEN, TicketStatus.SOLVED)).isEqualTo(StatusReaction.COMPLETE);
            assertThat(Router.afterStatusChange(TicketStatus.SOLVED, TicketStatus.CLOSED)).isEqualTo(StatusReaction.COMPLETE);
        }

        @Test
        void reopenedIsRoutedAgain() {
            assertThat(Router.afterStatusChange(TicketStatus.SOLVED, TicketStatus.OPEN)).isEqualTo(StatusReaction.ROUTE_AGAIN);
            assertThat(Router.afterStatusChange(TicketStatus.CLOSED, TicketStatus.PENDING)).isEqualTo(StatusReaction.ROUTE_AGAIN);
        }

        @Test
        void pendingOrOnHoldFreesLoadAndOpeningChangesNothing() {
            assertThat(Router.afterStatusChange(TicketStatus.OPEN, TicketStatus.PENDING)).isEqualTo(StatusReaction.LOAD_FREED);
            assertThat(Router.afterStatusChange(TicketStatus.OPEN, TicketStatus.ON_HOLD)).isEqualTo(StatusReaction.LOAD_FREED);
            assertThat(Router.afterStatusChange(TicketStatus.NEW, TicketStatus.OPEN)).isEqualTo(StatusReaction.NOTHING);
            assertThat(Router.afterStatusChange(TicketStatus.PENDING, TicketStatus.OPEN)).isEqualTo(StatusReaction.NOTHING);
        }
    }
}
