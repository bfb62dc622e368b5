package com.quimbi.crm.notification.summary;

/** How often a team summary goes out. On the wire: {@code daily}, {@code weekly}. */
public enum SummaryPeriod {
    /** every day at the local time; covers the 24 hours (one local day) before it */
    DAILY,
    /** every week on the day at the local time; covers the 7 days before it */
    WEEKLY
}
