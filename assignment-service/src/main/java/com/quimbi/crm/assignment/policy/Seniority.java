package com.quimbi.crm.assignment.policy;

import java.util.Locale;

/** How experienced an agent is; VIP and high-churn-risk customers go to senior and lead agents first. */
public enum Seniority {
    JUNIOR, SENIOR, LEAD;

    public static Seniority of(String wire) {
        return wire == null ? JUNIOR : valueOf(wire.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
