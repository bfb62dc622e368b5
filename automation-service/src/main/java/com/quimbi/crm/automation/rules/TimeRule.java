package com.quimbi.crm.automation.rules;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.quimbi.crm.automation.macro.MacroActions;

/**
 * "A ticket in one of {@code statuses} (and, if given, one of {@code priorities}, with all {@code tags}) for
 * {@code afterMinutes} since it entered that status → {@code actions}", at most {@code maxFirings} times per ticket.
 * {@code businessTime}: the minutes are counted in the business calendar's working time only.
 */
public record TimeRule(UUID id, String name, boolean enabled, List<String> statuses, List<String> priorities,
        List<String> tags, int afterMinutes, boolean businessTime, MacroActions actions, int maxFirings, Instant createdAt,
        Instant updatedAt, long version) {

    /** Whether a ticket in this state matches the rule's conditions (the duration aside). */
    public boolean matches(String status, String priority, List<String> ticketTags) {
        return enabled && statuses.contains(status) && (priorities.isEmpty() || priorities.contains(priority))
                && ticketTags.containsAll(tags);
    }
}
