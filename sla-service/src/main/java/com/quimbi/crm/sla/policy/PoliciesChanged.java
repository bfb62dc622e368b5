package com.quimbi.crm.sla.policy;

/**
 * Published (as a Spring application event, inside the admin's transaction) when a policy was created, replaced or
 * deleted: any of these can change which policy applies to a ticket and what it measures.
 */
public record PoliciesChanged() {
}
