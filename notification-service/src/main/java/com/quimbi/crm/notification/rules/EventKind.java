package com.quimbi.crm.notification.rules;

/** What a notification rule listens for. On the wire: the lower-case name ({@code sla_breach}). */
public enum EventKind {
    /** sla.warning: a clock passed its warning threshold */
    SLA_WARNING,
    /** sla.breached */
    SLA_BREACH,
    /** a ticket opened (or raised) at priority urgent */
    URGENT_TICKET,
    /** a ticket of a VIP customer or one at high churn risk (enrichment) */
    VIP_CUSTOMER,
    /** {@code @username} in an internal note: the named agent */
    MENTION,
    /** a ticket assigned or transferred to an agent: that agent */
    AGENT_ASSIGNED
}
