package com.quimbi.crm.assignment.policy;

import java.util.Set;
import java.util.UUID;

/**
 * What the policy knows about a ticket. Enrichment (category, tier, churn) may not have arrived yet: those
 * factors then score zero for everyone, and the ticket is routed on language, workload and fairness alone.
 *
 * @param continuityAgentId the agent who last helped on this ticket or, failing that, this customer
 * @param excludedAgentId   an agent who just sent this ticket back to the queue: not offered it again at once
 */
public record TicketTraits(String channel, String category, Set<String> tags, String language, boolean vip,
        String churnRiskLevel, UUID continuityAgentId, UUID excludedAgentId) {

    /** VIPs and customers likely to leave deserve the most experienced people. */
    public boolean needsSeniorCare() {
        return vip || "high".equals(churnRiskLevel);
    }
}
