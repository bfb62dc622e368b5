package com.quimbi.crm.assignment.assignment;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.quimbi.crm.assignment.policy.AgentCandidate;
import com.quimbi.crm.assignment.policy.AssignmentPolicy;
import com.quimbi.crm.assignment.policy.AssignmentPolicy.Decision;
import com.quimbi.crm.assignment.policy.TicketTraits;
import com.quimbi.crm.assignment.ticket.TicketView;
import com.quimbi.crm.contracts.ticket.TicketStatus;

/**
 * The routing decisions of {@link AssignmentService}, without its locks, rows and events: what the policy sees of
 * a ticket, whether an assignment fits an agent's capacity, which of a leaving agent's tickets go back to the
 * queue, and what a status change means for the ticket's assignment. Pure: no Spring, no database.
 */
public final class Router {

    /** The most permissive ticket: if nobody could take it, nobody can take anything. */
    private static final TicketTraits ANY_EMAIL = new TicketTraits("email", null, Set.of(), null, false, null, null, null);

    private final AssignmentPolicy policy;

    public Router(AssignmentPolicy policy) {
        this.policy = policy;
    }

    /** The eligible agents for the ticket, best first; {@code continuityAgentId}: who helped it or its customer last. */
    public Decision route(TicketView ticket, UUID continuityAgentId, List<AgentCandidate> candidates, Instant now) {
        return policy.decide(candidates, traits(ticket, continuityAgentId), now);
    }

    /** Whether anyone could take a ticket at all now (an e-mail ticket, the most permissive channel). */
    public boolean anyoneAvailable(List<AgentCandidate> candidates, Instant now) {
        return !policy.decide(candidates, ANY_EMAIL, now).ranked().isEmpty();
    }

    static TicketTraits traits(TicketView ticket, UUID continuityAgentId) {
        return new TicketTraits(ticket.channel(), ticket.category(), ticket.tags(), ticket.language(), ticket.vip(),
                ticket.churnRiskLevel(), continuityAgentId, ticket.returnedBy());
    }

    /** How a manual assignment or transfer stands against the agent's capacity. */
    public enum Capacity {
        /** The ticket does not count toward load (pending, on hold), or the agent has room. */
        FITS,
        /** Past capacity, and a supervisor forced it: recorded as forced. */
        FORCED,
        /** Past capacity and not forced: refused. */
        FULL
    }

    public static Capacity capacity(String ticketStatus, int load, int maxConcurrentTickets, boolean force) {
        if (!TicketView.LOAD_STATUSES.contains(ticketStatus) || load < maxConcurrentTickets) {
            return Capacity.FITS; // a pending or on-hold ticket adds nothing to the agent's load
        }
        return force ? Capacity.FORCED : Capacity.FULL;
    }

    /**
     * Whether a ticket of an agent who left goes back to the queue: all of them when the agent was deactivated;
     * when they are only offline or away, the unaccepted ones and the open ones (pending work stays theirs).
     */
    public static boolean releases(AssignmentStatus assignment, String ticketStatus, boolean onlyUnacceptedOrOpen) {
        return !onlyUnacceptedOrOpen || assignment == AssignmentStatus.ASSIGNED
                || TicketView.LOAD_STATUSES.contains(ticketStatus);
    }

    /** What a ticket's status change means for its assignment. */
    public enum StatusReaction {
        /** Solved or closed: the assignment completes. */
        COMPLETE,
        /** Reopened from solved or closed: routed again. */
        ROUTE_AGAIN,
        /** To pending or on hold: the assignee's load went down. */
        LOAD_FREED,
        NOTHING
    }

    public static StatusReaction afterStatusChange(TicketStatus from, TicketStatus to) {
        if (ended(to)) {
            return StatusReaction.COMPLETE;
        }
        if (ended(from)) {
            return StatusReaction.ROUTE_AGAIN;
        }
        return to == TicketStatus.NEW || to == TicketStatus.OPEN ? StatusReaction.NOTHING : StatusReaction.LOAD_FREED;
    }

    private static boolean ended(TicketStatus status) {
        return status == TicketStatus.SOLVED || status == TicketStatus.CLOSED;
    }
}
