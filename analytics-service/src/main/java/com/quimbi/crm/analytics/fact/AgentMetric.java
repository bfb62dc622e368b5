package com.quimbi.crm.analytics.fact;

/** The columns of {@code agent_daily_metrics}: each a sum over the agent's UTC day. */
public enum AgentMetric {
    TICKETS_ASSIGNED, TRANSFERS_IN, TRANSFERS_OUT, TICKETS_SOLVED, ONE_TOUCH_SOLVED, RESOLUTION_SECONDS, REOPENED,
    MESSAGES_SENT, NOTES_ADDED, FIRST_REPLIES, FIRST_REPLY_SECONDS, NEXT_REPLIES, NEXT_REPLY_SECONDS, ONLINE_SECONDS,
    HANDLING_SECONDS, FIRST_REPLY_BUSINESS_SECONDS, RESOLUTION_BUSINESS_SECONDS,
    /** CSAT: no source until csat.rated exists (issue #22); the columns are kept so the reports need no change. */
    CSAT_RATINGS, CSAT_SCORE_SUM;

    /** The column name: a constant of this enum, never user input. */
    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
