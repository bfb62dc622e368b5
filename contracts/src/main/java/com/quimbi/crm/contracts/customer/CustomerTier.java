package com.quimbi.crm.contracts.customer;

/** A customer's tier. On the wire: the lower-case name (see {@code WireFormat}). */
public enum CustomerTier {
    STANDARD, VIP
}
