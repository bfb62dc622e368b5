package com.quimbi.crm.assignment.assignment;

import com.quimbi.crm.contracts.assignment.AssignerType;
import com.quimbi.crm.contracts.assignment.AssignmentAssigned;

/** Maps an assignment to its contract record (contracts never see this service's types). */
final class AssignmentEvents {

    private AssignmentEvents() {
    }

    static AssignmentAssigned assigned(TicketAssignment a) {
        return new AssignmentAssigned(a.ticketId(), a.id(), a.agentId().toString(),
                new AssignmentAssigned.AssignedBy(AssignerType.valueOf(a.assignedByType().toUpperCase(java.util.Locale.ROOT)),
                        a.assignedById()),
                a.reason(), a.assignedAt(), a.previousAgentId() == null ? null : a.previousAgentId().toString(), a.score(),
                a.forced());
    }
}
