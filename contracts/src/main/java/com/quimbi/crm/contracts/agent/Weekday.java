package com.quimbi.crm.contracts.agent;

/** A working day. On the wire: the lower-case name (see {@code WireFormat}). */
public enum Weekday {
    MON, TUE, WED, THU, FRI, SAT, SUN
}
