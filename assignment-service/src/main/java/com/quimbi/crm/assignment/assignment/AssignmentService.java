package com.quimbi.crm.assignment.assignment;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.assignment.agent.AgentProfile;
import com.quimbi.crm.assignment.agent.AgentProfiles;
import com.quimbi.crm.assignment.assignment.internal.AssignmentRepository;
import com.quimbi.crm.assignment.config.AssignmentProperties;
import com.quimbi.crm.assignment.policy.AgentCandidate;
import com.quimbi.crm.assignment.policy.AssignmentPolicy.Decision;
import com.quimbi.crm.assignment.policy.AssignmentPolicy.Ranked;
import com.quimbi.crm.assignment.policy.AssignmentPolicy;
import com.quimbi.crm.assignment.ticket.QueueOrder;
import com.quimbi.crm.assignment.ticket.TicketView;
import com.quimbi.crm.assignment.ticket.Tickets;
import com.quimbi.crm.contracts.assignment.AssignmentAccepted;
import com.quimbi.crm.contracts.assignment.AssignmentAssigned;
import com.quimbi.crm.contracts.assignment.AssignmentCompleted;
import com.quimbi.crm.contracts.assignment.AssignmentReason;
import com.quimbi.crm.contracts.assignment.AssignmentTransferred;
import com.quimbi.crm.contracts.assignment.AssignmentUnassigned;
import com.quimbi.crm.contracts.assignment.CompletionReason;
import com.quimbi.crm.contracts.assignment.UnassignReason;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;
import com.quimbi.crm.platform.problem.ConflictException;
import com.quimbi.crm.platform.problem.NotFoundException;

/**
 * Assignment use cases. Locking, always in this order: the ticket's row first (one decision per ticket at a
 * time, also across instances), then agents' rows in id order (their load cannot change while we count it).
 * Routing after an event (a ticket opened, an agent left or freed capacity) runs after the consumer's commit,
 * one ticket per transaction, so no transaction ever holds many tickets and many agents at once; a periodic
 * sweep catches whatever a crash in between left waiting.
 */
@Service
public class AssignmentService {

    private static final Logger log = LoggerFactory.getLogger(AssignmentService.class);

    private final AssignmentRepository assignments;
    private final Tickets tickets;
    private final AgentProfiles agents;
    private final Router router;
    private final OutboxWriter outbox;
    private final TransactionTemplate newTransaction;
    private final Clock clock;
    private final AssignmentProperties properties;

    AssignmentService(AssignmentRepository assignments, Tickets tickets, AgentProfiles agents, AssignmentPolicy policy,
            OutboxWriter outbox, PlatformTransactionManager transactions, Clock clock, AssignmentProperties properties) {
        this.assignments = assignments;
        this.tickets = tickets;
        this.agents = agents;
        this.router = new Router(policy);
        this.outbox = outbox;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.properties = properties;
    }

    // ---------------------------------------------------------------- API use cases

    /** Routes the ticket now if it has no assignee; an already assigned ticket keeps its assignment. */
    @Transactional
    public AutoAssignResult autoAssign(UUID ticketId) {
        TicketView ticket = lockKnown(ticketId);
        Optional<TicketAssignment> current = assignments.findActive(ticketId);
        if (current.isPresent()) {
            return new AutoAssignResult(current.get(), null);
        }
        requireNeedsAnAgent(ticket);
        Instant now = now();
        return apply(ticket, choose(ticket, now), now);
    }

    /**
     * A supervisor assigns anyone, an agent only themself. Capacity is checked (for tickets that count toward
     * load) unless a supervisor forces it. A supervisor may take a ticket from its current assignee.
     */
    @Transactional
    public TicketAssignment assign(UUID ticketId, UUID agentId, boolean force, String note, Caller caller) {
        boolean self = agentId.equals(caller.agentId());
        if (!caller.supervisor() && !self) {
            throw new AuthorizationDeniedException("An agent may assign tickets to themself only.");
        }
        if (force && !caller.supervisor()) {
            throw new AuthorizationDeniedException("Only a supervisor may assign past an agent's capacity.");
        }
        TicketView ticket = lockKnown(ticketId);
        requireNeedsAnAgent(ticket);
        Optional<TicketAssignment> current = assignments.findActive(ticketId);
        if (current.isPresent() && current.get().agentId().equals(agentId)) {
            return current.get();
        }
        if (current.isPresent() && !caller.supervisor()) {
            throw new ConflictException("Ticket " + ticketId + " is assigned to someone else; they or a supervisor can transfer it.");
        }
        AgentProfile agent = lockAssignableAgent(agentId);
        boolean forced = checkCapacity(ticket, agent, force);
        Instant now = now();
        UUID previous = null;
        if (current.isPresent()) {
            previous = current.get().agentId();
            endByTransfer(current.get(), agentId, note, "reassigned", caller.actor(), now);
        }
        return start(ticket, agentId, caller.actor(), self ? AssignmentReason.SELF : AssignmentReason.MANUAL, null,
                forced, note, previous, now);
    }

    /** The assignee or a supervisor hands the ticket to another agent, or back to the queue ({@code toAgentId} null). */
    @Transactional
    public TransferResult transfer(UUID ticketId, UUID toAgentId, String note, boolean force, Caller caller) {
        if (force && !caller.supervisor()) {
            throw new AuthorizationDeniedException("Only a supervisor may transfer past an agent's capacity.");
        }
        TicketView ticket = lockKnown(ticketId);
        TicketAssignment current = assignments.findActive(ticketId).orElseThrow(() -> new ConflictException(
                "Ticket " + ticketId + " has no assignee to transfer from; assign it instead."));
        if (!caller.supervisor() && !current.agentId().equals(caller.agentId())) {
            throw new AuthorizationDeniedException("Only the ticket's assignee or a supervisor may transfer it.");
        }
        if (current.agentId().equals(toAgentId)) {
            throw new ConflictException("Ticket " + ticketId + " is already assigned to agent " + toAgentId + ".");
        }
        Instant now = now();
        if (toAgentId != null) {
            AgentProfile target = lockAssignableAgent(toAgentId);
            boolean forced = checkCapacity(ticket, target, force);
            TicketAssignment ended = endByTransfer(current, toAgentId, note, "transferred", caller.actor(), now);
            TicketAssignment next = start(ticket, toAgentId, caller.actor(), AssignmentReason.TRANSFER, null, forced,
                    note, current.agentId(), now);
            return new TransferResult(ended, next, null);
        }
        TicketAssignment ended = endByTransfer(current, null, note, "transferred to the queue", caller.actor(), now);
        // the sender is skipped for this ticket until someone else has had it: no ping-pong
        tickets.enqueue(ticketId, now, "transferred to the queue", current.agentId());
        TicketView queued = tickets.find(ticketId).orElseThrow();
        Decision decision = choose(queued, now);
        outbox.append(ticketId.toString(), caller.actor(), new AssignmentUnassigned(ticketId,
                current.agentId().toString(), UnassignReason.QUEUE, decision.waitingReason(), now));
        AutoAssignResult routed = apply(queued, decision, now);
        return new TransferResult(ended, routed.assignment(), routed.waitingReason());
    }

    /** Only the assignee accepts; accepting again is a no-op, accepting an ended assignment a conflict. */
    @Transactional
    public TicketAssignment accept(UUID ticketId, Caller caller) {
        lockKnown(ticketId);
        Optional<TicketAssignment> current = assignments.findActive(ticketId);
        if (current.isEmpty()) {
            Optional<TicketAssignment> latest = assignments.latest(ticketId);
            if (latest.isPresent() && !latest.get().agentId().equals(caller.agentId())) {
                throw new AuthorizationDeniedException("Only the ticket's assignee may accept it.");
            }
            throw new ConflictException(latest.map(a -> "The assignment of ticket " + ticketId + " is " + a.status()
                    + "; there is nothing to accept.").orElse("Ticket " + ticketId + " is not assigned to anyone."));
        }
        TicketAssignment assignment = current.get();
        if (!assignment.agentId().equals(caller.agentId())) {
            throw new AuthorizationDeniedException("Only the ticket's assignee may accept it.");
        }
        if (assignment.status() != AssignmentStatus.ASSIGNED) {
            return assignment;
        }
        acceptNow(assignment, caller.actor(), now());
        return assignments.find(assignment.id()).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<TicketAssignment> history(UUID ticketId) {
        findKnown(ticketId);
        return assignments.history(ticketId);
    }

    @Transactional(readOnly = true)
    public AgentQueue queue(UUID agentId) {
        AgentProfile agent = agents.find(agentId).orElseThrow(() -> new NotFoundException("Agent", agentId));
        List<QueueItem> rows = assignments.queueOf(agentId);
        List<QueueItem> open = rows.stream().filter(r -> TicketView.LOAD_STATUSES.contains(r.status())).toList();
        Instant oldest = open.stream().map(QueueItem::createdAt).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElse(null);
        return new AgentQueue(agentId, agent.status(), open.size(), agent.maxConcurrentTickets(), rows.size(), oldest, rows);
    }

    @Transactional(readOnly = true)
    public List<Tickets.Waiting> unassigned(QueueOrder.Key after, int limit) {
        return tickets.waiting(after, limit);
    }

    // ---------------------------------------------------------------- reactions to events (in the consumer's transaction)

    /** A ticket was created or reopened: it joins the queue and is routed once the event's transaction commits. */
    public void ticketNeedsAnAgent(UUID ticketId, Instant waitingSince) {
        TicketView ticket = tickets.find(ticketId).orElse(null);
        if (ticket == null || !ticket.needsAnAgent() || assignments.findActive(ticketId).isPresent()) {
            return;
        }
        tickets.enqueue(ticketId, waitingSince, "waiting for routing", null);
        afterCommit(() -> routeWaiting(ticketId));
    }

    /** The ticket was solved, closed or deleted: its assignment completes and the agent's capacity frees up. */
    public void ticketEnded(UUID ticketId, CompletionReason reason, Actor eventActor) {
        Actor actor = eventActor == null ? Actor.SYSTEM : eventActor;
        tickets.dequeue(ticketId);
        assignments.findActive(ticketId).ifPresent(a -> {
            Instant now = now();
            assignments.end(a.id(), AssignmentStatus.COMPLETED, now, wire(reason));
            outbox.append(ticketId.toString(), actor,
                    new AssignmentCompleted(ticketId, a.id(), a.agentId().toString(), reason, now));
        });
        afterCommit(this::drain);
    }

    /** The assignee replied: they are working on it (and, if they had not yet, have accepted it). */
    public void assigneeReplied(UUID ticketId, UUID agentId) {
        assignments.findActive(ticketId).filter(a -> a.agentId().equals(agentId)).ifPresent(a -> {
            if (a.status() == AssignmentStatus.ASSIGNED) {
                acceptNow(a, Actor.agent(agentId.toString()), now());
            }
            if (a.status() != AssignmentStatus.IN_PROGRESS) {
                assignments.markInProgress(a.id());
            }
        });
    }

    /** Someone's load went down or an agent became available: drain the queue after commit. */
    public void capacityMayHaveFreed() {
        afterCommit(this::drain);
    }

    /** The agent was deactivated: every ticket they hold goes back to the queue and is routed again. */
    public void agentDeactivated(UUID agentId) {
        afterCommit(() -> releaseAgent(agentId, UnassignReason.AGENT_DEACTIVATED, false));
    }

    // ---------------------------------------------------------------- background work

    /**
     * Agents offline or away past the grace period lose their unaccepted and open tickets (pending ones stay
     * theirs); deactivated agents whose release was missed lose all. Then the queue is drained. Every instance
     * runs this; ticket row locks keep them from doing the same work twice.
     */
    @Scheduled(fixedDelayString = "${crm.assignment.offline-check-interval}",
            initialDelayString = "${crm.assignment.offline-check-interval}")
    public void sweep() {
        Instant cutoff = now().minus(properties.offlineGrace());
        for (UUID agentId : agents.goneSince(cutoff)) {
            boolean deactivated = agents.find(agentId).map(a -> !a.active()).orElse(false);
            releaseAgent(agentId, deactivated ? UnassignReason.AGENT_DEACTIVATED : UnassignReason.AGENT_OFFLINE, !deactivated);
        }
        drain();
    }

    /**
     * Offers waiting tickets in {@link QueueOrder} (breached, earliest SLA deadline, customer value, priority,
     * longest waiting) to whoever is eligible now. Stops as soon as nobody
     * could take even an e-mail ticket (the most permissive channel): a long backlog with a full or absent team
     * then costs one query, not one routing per ticket.
     */
    public void drain() {
        if (!anyoneAvailable()) {
            return;
        }
        for (UUID ticketId : tickets.waitingIds(properties.drainBatch())) {
            if (!routeWaiting(ticketId) && !anyoneAvailable()) {
                return;
            }
        }
    }

    /** Routes one waiting ticket in its own transaction; skipped when another transaction is deciding about it. */
    public boolean routeWaiting(UUID ticketId) {
        Boolean assigned = newTransaction.execute(status -> tickets.tryLock(ticketId).map(ticket -> {
            if (ticket.waitingSince() == null || !ticket.needsAnAgent() || assignments.findActive(ticketId).isPresent()) {
                return false;
            }
            Instant now = now();
            return apply(ticket, choose(ticket, now), now).assignment() != null;
        }).orElse(false));
        return Boolean.TRUE.equals(assigned);
    }

    private boolean anyoneAvailable() {
        return router.anyoneAvailable(candidates(agents.active()), now());
    }

    /** Sends the agent's tickets back to the queue, one transaction per ticket, each re-routed at once. */
    public void releaseAgent(UUID agentId, UnassignReason reason, boolean onlyUnacceptedOrOpen) {
        for (UUID ticketId : assignments.activeTicketsOf(agentId, onlyUnacceptedOrOpen)) {
            newTransaction.executeWithoutResult(status -> release(ticketId, agentId, reason, onlyUnacceptedOrOpen));
        }
    }

    private void release(UUID ticketId, UUID agentId, UnassignReason reason, boolean onlyUnacceptedOrOpen) {
        TicketView ticket = tickets.lock(ticketId).orElse(null);
        TicketAssignment current = assignments.findActive(ticketId).filter(a -> a.agentId().equals(agentId)).orElse(null);
        if (ticket == null || current == null) {
            return; // someone else moved it meanwhile
        }
        if (!Router.releases(current.status(), ticket.status(), onlyUnacceptedOrOpen)) {
            return;
        }
        Instant now = now();
        assignments.end(current.id(), AssignmentStatus.UNASSIGNED, now, wire(reason));
        tickets.enqueue(ticketId, now, "unassigned: " + wire(reason).replace('_', ' '), null);
        TicketView queued = tickets.find(ticketId).orElseThrow();
        Decision decision = choose(queued, now);
        outbox.append(ticketId.toString(), Actor.SYSTEM,
                new AssignmentUnassigned(ticketId, agentId.toString(), reason, decision.waitingReason(), now));
        apply(queued, decision, now);
    }

    // ---------------------------------------------------------------- routing

    /**
     * Ranks everyone on unlocked data, locks the eligible agents' rows (id order), then ranks again on their
     * locked rows and current loads: what the second ranking says is what holds until commit.
     */
    private Decision choose(TicketView ticket, Instant now) {
        UUID continuity = assignments.continuityAgent(ticket.id(), ticket.customerId()).orElse(null);
        Decision first = router.route(ticket, continuity, candidates(agents.active()), now);
        if (first.ranked().isEmpty()) {
            return first;
        }
        List<AgentProfile> locked = agents.lockAll(first.ranked().stream().map(r -> r.agent().agentId()).toList());
        return router.route(ticket, continuity, candidates(locked), now);
    }

    /** Assigns to the decision's best agent, or leaves the ticket in the queue with the reason. */
    private AutoAssignResult apply(TicketView ticket, Decision decision, Instant now) {
        Optional<Ranked> best = decision.best();
        if (best.isEmpty()) {
            tickets.enqueue(ticket.id(), now, decision.waitingReason(), ticket.returnedBy());
            log.info("ticket {} waits: {}", ticket.id(), decision.waitingReason());
            return new AutoAssignResult(null, decision.waitingReason());
        }
        TicketAssignment assignment = start(ticket, best.get().agent().agentId(), Actor.SYSTEM, AssignmentReason.AUTO,
                best.get().score(), false, null, null, now);
        return new AutoAssignResult(assignment, null);
    }

    private List<AgentCandidate> candidates(List<AgentProfile> profiles) {
        Map<UUID, Integer> loads = assignments.loads(profiles.stream().map(AgentProfile::id).toList());
        return profiles.stream().map(p -> p.candidate(loads.getOrDefault(p.id(), 0))).toList();
    }

    // ---------------------------------------------------------------- building blocks

    private TicketAssignment start(TicketView ticket, UUID agentId, Actor by, AssignmentReason reason, Double score,
            boolean forced, String note, UUID previousAgentId, Instant now) {
        TicketAssignment assignment = new TicketAssignment(Ids.newId(), ticket.id(), agentId, AssignmentStatus.ASSIGNED,
                by.type(), by.id(), reason, score, forced, note, previousAgentId, now, null, null, null);
        assignments.insert(assignment);
        agents.recordAssignment(agentId, now);
        tickets.dequeue(ticket.id());
        outbox.append(ticket.id().toString(), by, AssignmentEvents.assigned(assignment));
        return assignment;
    }

    private TicketAssignment endByTransfer(TicketAssignment current, UUID toAgentId, String note, String reason, Actor actor,
            Instant now) {
        assignments.end(current.id(), AssignmentStatus.TRANSFERRED, now, reason);
        outbox.append(current.ticketId().toString(), actor, new AssignmentTransferred(current.ticketId(), current.id(),
                current.agentId().toString(), toAgentId == null ? null : toAgentId.toString(), note, now));
        return assignments.find(current.id()).orElseThrow();
    }

    private void acceptNow(TicketAssignment assignment, Actor actor, Instant now) {
        assignments.accept(assignment.id(), now);
        outbox.append(assignment.ticketId().toString(), actor,
                new AssignmentAccepted(assignment.ticketId(), assignment.id(), assignment.agentId().toString(), now));
    }

    /** True when the assignment goes past capacity (forced); 409 when it would and is not forced. */
    private boolean checkCapacity(TicketView ticket, AgentProfile agent, boolean force) {
        if (!TicketView.LOAD_STATUSES.contains(ticket.status())) {
            return false; // a pending or on-hold ticket adds nothing to the agent's load: no need to count it
        }
        int load = assignments.load(agent.id());
        return switch (Router.capacity(ticket.status(), load, agent.maxConcurrentTickets(), force)) {
            case FITS -> false;
            case FORCED -> true;
            case FULL -> throw new ConflictException("Agent " + agent.id() + " is at capacity (" + load + " of "
                    + agent.maxConcurrentTickets() + " open tickets). A supervisor may force the assignment.");
        };
    }

    private AgentProfile lockAssignableAgent(UUID agentId) {
        AgentProfile agent = agents.lock(agentId).orElseThrow(() -> new NotFoundException("Agent", agentId));
        if (!agent.active()) {
            throw new ConflictException("Agent " + agentId + " is deactivated.");
        }
        return agent;
    }

    /** Tickets known only from enrichment (ticket.created not seen yet) do not exist for the API. */
    private TicketView lockKnown(UUID ticketId) {
        return tickets.lock(ticketId).filter(t -> t.status() != null && !t.deleted())
                .orElseThrow(() -> new NotFoundException("Ticket", ticketId));
    }

    private TicketView findKnown(UUID ticketId) {
        return tickets.find(ticketId).filter(t -> t.status() != null && !t.deleted())
                .orElseThrow(() -> new NotFoundException("Ticket", ticketId));
    }

    private static void requireNeedsAnAgent(TicketView ticket) {
        if (!ticket.needsAnAgent()) {
            throw new ConflictException("Ticket " + ticket.id() + " is " + ticket.status() + "; it needs no agent.");
        }
    }

    /** Runs after the surrounding transaction commits (at once without one); failures are logged, the sweep retries. */
    private void afterCommit(Runnable action) {
        Runnable safe = () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("routing after commit failed; the periodic sweep will retry", e);
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    safe.run();
                }
            });
        } else {
            safe.run();
        }
    }

    /** How the reason is stored (end_reason) and shown: its wire name. */
    private static String wire(Enum<?> reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    /** Microseconds: what Postgres stores, so events and reads agree. */
    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
