package com.quimbi.crm.automation.macro;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.automation.agent.AgentDirectory;
import com.quimbi.crm.automation.macro.internal.MacroStore;
import com.quimbi.crm.platform.audit.AuditTrail;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.platform.problem.ProblemHandler.FieldError;
import com.quimbi.crm.platform.security.CurrentActor;
import com.quimbi.crm.platform.security.Roles;

/**
 * Who sees and manages which macros: personal ones are their owner's alone; team ones are seen by the team's
 * members (agent-service's team, from crm.agent.events) and supervisors, managed by the members and supervisors;
 * shared ones are seen by everyone and managed by supervisors and admins. A macro the caller may not see is a 404.
 */
@Service
public class MacroService {

    private final MacroStore store;
    private final AgentDirectory agents;
    private final AuditTrail audit;
    private final Clock clock;

    MacroService(MacroStore store, AgentDirectory agents, AuditTrail audit, Clock clock) {
        this.store = store;
        this.agents = agents;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Macro> list() {
        String caller = caller();
        return store.visible(caller, agents.teamOf(caller).orElse(null), CurrentActor.hasRole(Roles.SUPERVISOR));
    }

    /** A macro the caller may see (and so apply). */
    @Transactional(readOnly = true)
    public Macro get(UUID id) {
        Macro macro = store.find(id).orElseThrow(() -> new NotFoundException("Macro", id));
        if (!maySee(macro)) {
            throw new NotFoundException("Macro", id);
        }
        return macro;
    }

    @Transactional
    public Macro create(MacroRequest request) {
        validate(request);
        Instant now = clock.instant();
        Macro macro = new Macro(Ids.newId(), request.name().strip(), request.scope(), caller(), team(request),
                request.replyText(), request.replyHtml(), actions(request), 0, null, now, now, 0);
        mayManage(macro);
        store.insert(macro);
        audit.record("macro.created", "macro", macro.id(), null, macro);
        return macro;
    }

    @Transactional
    public Macro update(UUID id, MacroRequest request) {
        Macro before = get(id);
        mayManage(before);
        validate(request);
        Macro after = new Macro(id, request.name().strip(), request.scope(), before.ownerId(), team(request),
                request.replyText(), request.replyHtml(), actions(request), before.usageCount(), before.lastUsedAt(),
                before.createdAt(), clock.instant(), before.version() + 1);
        mayManage(after);
        store.update(after);
        audit.record("macro.updated", "macro", id, before, after);
        return after;
    }

    @Transactional
    public void delete(UUID id) {
        Macro macro = get(id);
        mayManage(macro);
        store.delete(id);
        audit.record("macro.deleted", "macro", id, macro, null);
    }

    /** Counted when an application completes: macros nobody uses can be cleaned up. */
    @Transactional
    public void used(UUID id) {
        store.used(id, clock.instant());
    }

    private boolean maySee(Macro macro) {
        return switch (macro.scope()) {
            case Macro.PERSONAL -> macro.ownerId().equals(caller());
            case Macro.TEAM -> CurrentActor.hasRole(Roles.SUPERVISOR)
                    || agents.teamOf(caller()).map(macro.team()::equals).orElse(false);
            default -> true;
        };
    }

    private void mayManage(Macro macro) {
        boolean allowed = switch (macro.scope()) {
            case Macro.PERSONAL -> macro.ownerId().equals(caller());
            case Macro.TEAM -> CurrentActor.hasRole(Roles.SUPERVISOR)
                    || agents.teamOf(caller()).map(macro.team()::equals).orElse(false);
            default -> CurrentActor.hasRole(Roles.SUPERVISOR);
        };
        if (!allowed) {
            throw new AuthorizationDeniedException(switch (macro.scope()) {
                case Macro.PERSONAL -> "only its owner manages a personal macro";
                case Macro.TEAM -> "only the team's members and supervisors manage a team macro";
                default -> "only supervisors and admins manage shared macros";
            });
        }
    }

    /** Unknown placeholders are refused here, when the macro is saved, each named (never when it is applied). */
    private static void validate(MacroRequest request) {
        List<FieldError> errors = new ArrayList<>();
        unknown("replyText", request.replyText(), errors);
        unknown("replyHtml", request.replyHtml(), errors);
        if (request.actions() != null) {
            unknown("actions.note", request.actions().note(), errors);
        }
        boolean team = Macro.TEAM.equals(request.scope());
        if (team && (request.team() == null || request.team().isBlank())) {
            errors.add(new FieldError("team", "is required for a team macro"));
        }
        if (!team && request.team() != null) {
            errors.add(new FieldError("team", "only a team macro has a team"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static void unknown(String field, String text, List<FieldError> errors) {
        for (String name : Placeholders.unknown(text)) {
            errors.add(new FieldError(field, "unknown placeholder {{" + name + "}}; known: "
                    + Placeholders.KNOWN.stream().sorted().map(p -> "{{" + p + "}}").toList()));
        }
    }

    private static String team(MacroRequest request) {
        return Macro.TEAM.equals(request.scope()) ? request.team().strip() : null;
    }

    private static MacroActions actions(MacroRequest request) {
        return request.actions() == null ? MacroActions.NONE : request.actions();
    }

    private static String caller() {
        return CurrentActor.get().id();
    }
}
