package com.quimbi.crm.automation.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;

import com.quimbi.crm.automation.agent.AgentDirectory;
import com.quimbi.crm.automation.apply.MacroPreview.Change;
import com.quimbi.crm.automation.apply.internal.ApplicationStore;
import com.quimbi.crm.automation.macro.Macro;
import com.quimbi.crm.automation.macro.MacroActions;
import com.quimbi.crm.automation.macro.MacroService;
import com.quimbi.crm.automation.macro.Placeholders;
import com.quimbi.crm.automation.macro.TicketChanges;
import com.quimbi.crm.automation.peers.PeerException;
import com.quimbi.crm.automation.peers.TicketDesk;
import com.quimbi.crm.automation.peers.TicketDesk.TicketView;
import com.quimbi.crm.contracts.automation.MacroApplied;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;
import com.quimbi.crm.platform.problem.ConflictException;
import com.quimbi.crm.platform.problem.InvalidInputException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Previews and applies macros. Applying acts as the calling agent (their token is forwarded): the reply and the
 * note through ticket-service's messages API, the assignee through assignment-service, status / priority /
 * category / tags with one PATCH to ticket-service (If-Match on a fresh read). Every step done is remembered under
 * the application (agent + Idempotency-Key), so a retry after a failure does only the steps left, and a retry after
 * success answers the first result again; nothing is applied twice. Completing it counts the macro's use and
 * publishes macro.applied in one transaction.
 */
@Service
public class MacroApplications {

    static final String REPLY = "reply";
    static final String NOTE = "note";
    static final String ASSIGNEE = "assignee";
    static final String FIELDS = "fields";
    /** A request that died mid-way holds its application this long; then a retry may take over. */
    static final Duration LEASE = Duration.ofSeconds(60);
    private static final int PATCH_ATTEMPTS = 3;

    private final MacroService macros;
    private final TicketDesk desk;
    private final AgentDirectory agents;
    private final ApplicationStore store;
    private final OutboxWriter outbox;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Clock clock;

    MacroApplications(MacroService macros, TicketDesk desk, AgentDirectory agents, ApplicationStore store,
            OutboxWriter outbox, TransactionTemplate transaction, JsonMapper json, Clock clock) {
        this.macros = macros;
        this.desk = desk;
        this.agents = agents;
        this.store = store;
        this.outbox = outbox;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
    }

    public MacroPreview preview(UUID ticketId, UUID macroId) {
        Macro macro = macros.get(macroId);
        Caller caller = Caller.current();
        TicketView ticket = desk.ticket(ticketId, caller.token());
        return preview(macro, ticket.ticket(), caller);
    }

    public MacroApplication apply(UUID ticketId, UUID macroId, String idempotencyKey, boolean sendReply) {
        Macro macro = macros.get(macroId);
        Caller caller = Caller.current();
        String key = idempotencyKey != null ? idempotencyKey : "generated:" + Ids.newId();
        ApplicationStore.Row row = store.findOrCreate(Ids.newId(), caller.agentId(), key, macroId, ticketId,
                clock.instant());
        if (!row.macroId().equals(macroId) || !row.ticketId().equals(ticketId)) {
            throw new InvalidInputException("Idempotency-Key", "was used for another macro or ticket");
        }
        if (row.result() != null) {
            return json.readValue(row.result(), MacroApplication.class).replay();
        }
        if (!store.claim(row.id(), clock.instant(), LEASE)) {
            // finished in between, or another request is applying it right now
            return store.result(row.id()).map(r -> json.readValue(r, MacroApplication.class).replay())
                    .orElseThrow(() -> new ConflictException("This macro application is in progress; retry shortly "
                            + "with the same Idempotency-Key."));
        }
        try {
            return applyClaimed(row, macro, ticketId, caller, sendReply);
        } finally {
            store.release(row.id());
        }
    }

    private MacroApplication applyClaimed(ApplicationStore.Row row, Macro macro, UUID ticketId, Caller caller,
            boolean sendReply) {
        TicketView ticket = desk.ticket(ticketId, caller.token());
        MacroPreview preview = preview(macro, ticket.ticket(), caller);
        MacroActions actions = macro.actions();
        String stepKey = row.id().toString();
        boolean replySent = sendReply && (notBlank(preview.replyText()) || notBlank(preview.replyHtml()));
        if (replySent && !row.stepsDone().contains(REPLY)) {
            Map<String, Object> reply = new LinkedHashMap<>();
            if (notBlank(preview.replyText())) {
                reply.put("body", preview.replyText());
            }
            if (notBlank(preview.replyHtml())) {
                reply.put("html", preview.replyHtml());
            }
            reply.put("internal", false);
            reply.put("authorType", "agent");
            desk.addMessage(ticketId, reply, caller.token(), stepKey + ":" + REPLY);
            store.stepDone(row.id(), REPLY);
        }
        if (notBlank(preview.note()) && !row.stepsDone().contains(NOTE)) {
            desk.addMessage(ticketId, Map.of("body", preview.note(), "internal", true, "authorType", "agent"),
                    caller.token(), stepKey + ":" + NOTE);
            store.stepDone(row.id(), NOTE);
        }
        if (actions.assignee() != null && !row.stepsDone().contains(ASSIGNEE)) {
            UUID assignee = UUID.fromString(assigneeOf(actions, caller));
            if (!assignee.toString().equals(text(ticket.ticket(), "assigneeId"))) {
                desk.assign(ticketId, assignee, caller.token(), stepKey + ":" + ASSIGNEE);
            }
            store.stepDone(row.id(), ASSIGNEE);
        }
        if (!row.stepsDone().contains(FIELDS)) {
            patchFields(ticketId, actions, caller, stepKey + ":" + FIELDS);
            store.stepDone(row.id(), FIELDS);
        }
        Instant at = clock.instant();
        MacroApplication applied = new MacroApplication(row.id(), macro.id(), ticketId, preview.replyText(),
                preview.replyHtml(), preview.note(), preview.changes(), replySent, at, false);
        transaction.executeWithoutResult(tx -> {
            store.complete(row.id(), json.writeValueAsString(applied), at);
            macros.used(macro.id());
            List<String> changed = new ArrayList<>(preview.changes().stream().map(Change::field).toList());
            if (notBlank(preview.note())) {
                changed.add(NOTE);
            }
            outbox.append(ticketId.toString(), Actor.agent(caller.agentId()), new MacroApplied(row.id(), macro.id(),
                    macro.name(), ticketId, UUID.fromString(caller.agentId()), changed, replySent, at));
        });
        return applied;
    }

    /** One PATCH with what differs on a fresh read; a change by someone else in between (412) is read again. */
    private void patchFields(UUID ticketId, MacroActions actions, Caller caller, String key) {
        for (int attempt = 1; ; attempt++) {
            TicketView ticket = desk.ticket(ticketId, caller.token());
            Map<String, Object> patch = new LinkedHashMap<>();
            for (TicketChanges.Change change : TicketChanges.of(actions, ticket.ticket())) {
                patch.put(change.field(), change.to());
            }
            if (patch.isEmpty()) {
                return;
            }
            try {
                desk.update(ticketId, patch, ticket.etag(), caller.token(), key);
                return;
            } catch (PeerException e) {
                if (e.status() != 412 || attempt == PATCH_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private MacroPreview preview(Macro macro, JsonNode ticket, Caller caller) {
        Map<String, String> values = new LinkedHashMap<>();
        String customerName = text(ticket.path("customer"), "name");
        values.put("customer.name", customerName);
        values.put("customer.first_name", Placeholders.firstName(customerName));
        values.put("customer.email", text(ticket.path("customer"), "email"));
        values.put("ticket.number", text(ticket, "number"));
        values.put("ticket.subject", text(ticket, "subject"));
        values.put("agent.first_name", agents.find(caller.agentId()).map(a -> a.firstName())
                .filter(MacroApplications::notBlank).orElse(caller.givenName()));
        List<Change> changes = new ArrayList<>(TicketChanges.of(macro.actions(), ticket).stream()
                .map(c -> new Change(c.field(), c.from(), c.to())).toList());
        if (macro.actions().assignee() != null) {
            String to = assigneeOf(macro.actions(), caller);
            String from = text(ticket, "assigneeId");
            if (!to.equals(from)) {
                changes.add(new Change(ASSIGNEE, from, to));
            }
        }
        return new MacroPreview(macro.id(), macro.name(), UUID.fromString(text(ticket, "id")),
                Placeholders.render(macro.replyText(), values, s -> s),
                Placeholders.render(macro.replyHtml(), values, HtmlUtils::htmlEscape),
                Placeholders.render(macro.actions().note(), values, s -> s), List.copyOf(changes));
    }

    private static String assigneeOf(MacroActions actions, Caller caller) {
        return "me".equals(actions.assignee()) ? caller.agentId() : actions.assignee().toLowerCase();
    }

    private static String text(JsonNode node, String field) {
        return TicketChanges.text(node, field);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** The calling agent: id (JWT sub), the token to forward, the given_name claim as a fallback first name. */
    record Caller(String agentId, String token, String givenName) {

        static Caller current() {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (!(auth instanceof JwtAuthenticationToken jwt)) {
                throw new IllegalStateException("macros are applied by an authenticated agent");
            }
            return new Caller(jwt.getToken().getSubject(), jwt.getToken().getTokenValue(),
                    jwt.getToken().getClaimAsString("given_name"));
        }
    }
}
