package com.quimbi.crm.agent.agent;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.agent.agent.internal.AgentQueries;
import com.quimbi.crm.agent.agent.internal.AgentRepository;
import com.quimbi.crm.agent.keycloak.IdentityConflictException;
import com.quimbi.crm.agent.keycloak.KeycloakAdminClient;
import com.quimbi.crm.agent.keycloak.NewIdentity;
import com.quimbi.crm.contracts.agent.AgentCreated;
import com.quimbi.crm.contracts.agent.AgentDeactivated;
import com.quimbi.crm.contracts.agent.AgentStatus;
import com.quimbi.crm.contracts.agent.AgentUpdated;
import com.quimbi.crm.contracts.agent.Seniority;
import com.quimbi.crm.contracts.agent.StatusSource;
import com.quimbi.crm.platform.audit.AuditTrail;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;
import com.quimbi.crm.platform.pagination.Cursor;
import com.quimbi.crm.platform.pagination.CursorPage;
import com.quimbi.crm.platform.web.ETags;
import com.quimbi.crm.platform.problem.ConflictException;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;

/**
 * Agent use cases. Keycloak (credentials, role mapping, sessions) and the profile database cannot share a
 * transaction, so each use case calls Keycloak first, then writes the profile and its event in one local
 * transaction, and undoes the Keycloak change if that transaction fails: both or neither.
 */
@Service
public class AgentService {

    private static final Logger log = LoggerFactory.getLogger(AgentService.class);
    private static final Set<String> REALM_ROLES = EnumSet.allOf(AgentRole.class).stream().map(AgentRole::realmRole)
            .collect(Collectors.toUnmodifiableSet());

    private final AgentRepository agents;
    private final AgentQueries queries;
    private final KeycloakAdminClient keycloak;
    private final OutboxWriter outbox;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final int defaultMaxConcurrentTickets;
    private final String defaultTimezone;

    AgentService(AgentRepository agents, AgentQueries queries, KeycloakAdminClient keycloak, OutboxWriter outbox,
            AuditTrail audit, TransactionTemplate transaction, Clock clock,
            @Value("${crm.agent.defaults.max-concurrent-tickets}") int defaultMaxConcurrentTickets,
            @Value("${crm.agent.defaults.timezone}") String defaultTimezone) {
        this.agents = agents;
        this.queries = queries;
        this.keycloak = keycloak;
        this.outbox = outbox;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
        this.defaultMaxConcurrentTickets = defaultMaxConcurrentTickets;
        this.defaultTimezone = defaultTimezone;
    }

    /** Creates the Keycloak user (with its realm role), then the profile and {@code agent.created}. */
    public Agent create(CreateAgentRequest request, Caller caller) {
        requireGrantable(caller, request.role());
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        if (agents.existsByEmail(email)) {
            throw new ConflictException("An agent with e-mail " + email + " already exists.");
        }
        String username = request.username() == null ? email : request.username().strip().toLowerCase(Locale.ROOT);
        if (username.length() > CreateAgentRequest.USERNAME_MAX) {
            // an e-mail may be longer than a username (Keycloak and agent.created allow 255)
            throw new InvalidInputException("username", "is required when the e-mail is longer than "
                    + CreateAgentRequest.USERNAME_MAX + " characters");
        }
        UUID id;
        try {
            id = keycloak.createUser(new NewIdentity(username, email, request.firstName().strip(),
                    request.lastName().strip(), request.initialPassword(),
                    request.temporaryPassword() == null || request.temporaryPassword()));
        } catch (IdentityConflictException e) {
            throw new ConflictException("A user with e-mail " + email + " or username " + username
                    + " already exists in Keycloak.");
        }
        try {
            keycloak.setRealmRole(id, request.role().realmRole(), REALM_ROLES);
            return transaction.execute(status -> {
                Agent agent = Agent.create(id, username, email, request.firstName().strip(), request.lastName().strip(),
                        request.role(), request.department(), request.team(),
                        request.maxConcurrentTickets() == null ? defaultMaxConcurrentTickets : request.maxConcurrentTickets(),
                        request.acceptsNew() == null || request.acceptsNew(), request.skills(), request.languages(),
                        request.seniority() == null ? Seniority.JUNIOR : request.seniority(),
                        request.timezone() == null ? defaultTimezone : request.timezone(), request.workingHours(), now());
                agents.saveAndFlush(agent);
                outbox.append(id.toString(), caller.actor(), AgentEvents.created(agent));
                // the Keycloak user and its realm role were made for exactly these fields; the audit action is the
                // name of the fact, the same as its event's
                audit.record(AgentCreated.TYPE, "agent", id, null, AgentResponse.of(agent));
                return agent;
            });
        } catch (RuntimeException e) {
            compensate("create of " + id, () -> keycloak.deleteUser(id), e);
            if (e instanceof DataIntegrityViolationException) {
                throw new ConflictException("An agent with e-mail " + email + " already exists.");
            }
            throw e;
        }
    }

    /**
     * Gives an existing Keycloak user a profile with defaults (no Keycloak change); {@code false} when they
     * already have one. Publishes {@code agent.created} like a creation through the API.
     */
    @Transactional
    public boolean importExisting(UUID id, String username, String email, String firstName, String lastName,
            AgentRole role) {
        if (agents.existsById(id)) {
            return false;
        }
        Agent agent = Agent.create(id, username, email.toLowerCase(Locale.ROOT), firstName, lastName, role, null, null,
                defaultMaxConcurrentTickets, true, List.of(), List.of(), Seniority.JUNIOR, defaultTimezone, null, now());
        agents.saveAndFlush(agent);
        outbox.append(id.toString(), Actor.SYSTEM, AgentEvents.created(agent));
        return true;
    }

    @Transactional(readOnly = true)
    public Agent get(UUID id) {
        return agents.findById(id).orElseThrow(() -> new NotFoundException("Agent", id));
    }

    private static final String AGENTS = "agents";

    @Transactional(readOnly = true)
    public CursorPage<Agent> list(AgentFilter filter, String cursor, Integer limit) {
        int size = Cursor.limit(limit);
        Cursor.Keys at = Cursor.decode(cursor, AGENTS, 2);
        AgentQueries.Key after = at == null ? null : new AgentQueries.Key(at.instant(0), at.uuid(1));
        List<AgentQueries.Key> keys = queries.page(filter, after, size + 1);
        List<AgentQueries.Key> page = keys.size() > size ? keys.subList(0, size) : keys;
        Map<UUID, Agent> byId = agents.findAllById(page.stream().map(AgentQueries.Key::id).toList()).stream()
                .collect(Collectors.toMap(Agent::getId, Function.identity()));
        List<Agent> items = new ArrayList<>();
        page.forEach(k -> {
            Agent agent = byId.get(k.id());
            if (agent != null) {
                items.add(agent);
            }
        });
        String next = keys.size() > size ? Cursor.encode(AGENTS, page.getLast().createdAt(), page.getLast().id())
                : null;
        return new CursorPage<>(items, next);
    }

    /**
     * Changes profile fields; a role change (and a name change) goes to Keycloak first. A supervisor may
     * change agents only, and never raise anyone above agent.
     */
    public Agent update(UUID id, UpdateAgentRequest change, Long expectedVersion, Caller caller) {
        Agent current = get(id);
        requireActive(current);
        requireGrantable(caller, current.getRole());
        // before Keycloak is touched; checked again in the transaction against a racing writer
        ETags.check(expectedVersion, current.getVersion(), "Agent " + id);
        boolean roleChanges = change.role() != null && change.role() != current.getRole();
        if (roleChanges) {
            requireGrantable(caller, change.role());
            if (caller.id().equals(id.toString())) {
                throw new ConflictException("You cannot change your own role.");
            }
        }
        boolean namesChange = (change.firstName() != null && !change.firstName().strip().equals(current.getFirstName()))
                || (change.lastName() != null && !change.lastName().strip().equals(current.getLastName()));
        if (roleChanges) {
            keycloak.setRealmRole(id, change.role().realmRole(), REALM_ROLES);
        }
        try {
            if (namesChange) {
                keycloak.updateNames(id, change.firstName() != null ? change.firstName().strip() : current.getFirstName(),
                        change.lastName() != null ? change.lastName().strip() : current.getLastName());
            }
            return transaction.execute(status -> {
                Agent agent = get(id);
                ETags.check(expectedVersion, agent.getVersion(), "Agent " + id);
                AgentResponse before = AgentResponse.of(agent);
                List<String> changed = agent.update(change, now());
                if (!changed.isEmpty()) {
                    agents.saveAndFlush(agent);
                    outbox.append(id.toString(), caller.actor(), AgentEvents.updated(agent, changed));
                    // a role change is also the Keycloak role mapping made above
                    audit.record(AgentUpdated.TYPE, "agent", id, before, AgentResponse.of(agent));
                }
                return agent;
            });
        } catch (RuntimeException e) {
            if (roleChanges) {
                compensate("role change of " + id, () -> keycloak.setRealmRole(id, current.getRole().realmRole(), REALM_ROLES), e);
            }
            if (namesChange) {
                compensate("name change of " + id, () -> keycloak.updateNames(id, current.getFirstName(), current.getLastName()), e);
            }
            throw e;
        }
    }

    /**
     * Deactivates: the Keycloak user is disabled and their sessions end (no new tokens, refresh tokens dead),
     * the profile stays as history, inactive and offline. Deactivating an inactive agent changes nothing.
     */
    public Agent deactivate(UUID id, Caller caller) {
        Agent current = get(id);
        if (!current.isActive()) {
            return current;
        }
        if (caller.id().equals(id.toString())) {
            throw new ConflictException("You cannot deactivate yourself.");
        }
        requireGrantable(caller, current.getRole());
        keycloak.setEnabled(id, false);
        try {
            keycloak.logout(id);
            return transaction.execute(status -> {
                Agent agent = get(id);
                AgentResponse before = AgentResponse.of(agent);
                agent.deactivate(now());
                agents.saveAndFlush(agent);
                outbox.append(id.toString(), caller.actor(), AgentEvents.deactivated(agent));
                // the Keycloak user was disabled and its sessions ended above
                audit.record(AgentDeactivated.TYPE, "agent", id, before, AgentResponse.of(agent));
                return agent;
            });
        } catch (RuntimeException e) {
            compensate("deactivation of " + id, () -> keycloak.setEnabled(id, true), e);
            throw e;
        }
    }

    /** Sets the status by hand (the agent, or a supervisor for them). */
    @Transactional
    public Agent changeStatus(UUID id, AgentStatus next, Caller caller) {
        Agent agent = get(id);
        requireActive(agent);
        Instant now = now();
        AgentStatus previous = agent.changeStatus(next, StatusSource.MANUAL, now);
        if (previous != null) {
            agents.saveAndFlush(agent);
            outbox.append(id.toString(), caller.actor(),
                    AgentEvents.statusChanged(agent, previous, StatusSource.MANUAL, now));
        }
        return agent;
    }

    /**
     * Follows what the WebSocket layer saw: connecting brings an offline agent online (a chosen busy or away
     * stays), going idle turns online into away, disconnecting means offline. A signal older than the last
     * status change is stale and ignored, so a late event cannot undo a newer choice.
     */
    @Transactional
    public void applyPresence(UUID id, PresenceSignal signal, Instant at) {
        Agent agent = agents.findById(id).orElse(null);
        if (agent == null || !agent.isActive()) {
            log.info("presence {} for unknown or inactive agent {}: ignored", signal, id);
            return;
        }
        if (at.isBefore(agent.getStatusChangedAt())) {
            log.info("presence {} of {} at {} is older than the status set at {}: ignored", signal, id, at,
                    agent.getStatusChangedAt());
            return;
        }
        AgentStatus next = switch (signal) {
            // activity after idle brings back an "away" that presence set, never one the agent chose
            case CONNECTED -> agent.getStatus() == AgentStatus.OFFLINE
                    || (agent.getStatus() == AgentStatus.AWAY && agent.getStatusSource() == StatusSource.PRESENCE)
                            ? AgentStatus.ONLINE : agent.getStatus();
            case IDLE -> agent.getStatus() == AgentStatus.ONLINE ? AgentStatus.AWAY : agent.getStatus();
            case DISCONNECTED -> AgentStatus.OFFLINE;
        };
        Instant changedAt = at.truncatedTo(ChronoUnit.MICROS);
        AgentStatus previous = agent.changeStatus(next, StatusSource.PRESENCE, changedAt);
        if (previous != null) {
            agents.saveAndFlush(agent);
            outbox.append(id.toString(), Actor.SYSTEM,
                    AgentEvents.statusChanged(agent, previous, StatusSource.PRESENCE, changedAt));
        }
    }

    private static void requireGrantable(Caller caller, AgentRole role) {
        if (!caller.grantableRoles().contains(role)) {
            throw new RoleNotGrantableException(caller.admin() ? "Not allowed."
                    : "A supervisor may create and manage agents only, never supervisors or admins.");
        }
    }

    private static void requireActive(Agent agent) {
        if (!agent.isActive()) {
            throw new ConflictException("Agent " + agent.getId() + " is deactivated.");
        }
    }

    /** Undoes a Keycloak change after the local transaction failed; if even that fails, says loudly what is left. */
    private static void compensate(String what, Runnable undo, RuntimeException cause) {
        try {
            undo.run();
            log.warn("{} failed after Keycloak was changed; the Keycloak change was undone", what, cause);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            log.error("{} failed and the Keycloak change could NOT be undone: fix it in Keycloak by hand", what, e);
        }
    }

    /** Microseconds: what Postgres stores, so the event and a later read agree. */
    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
