package com.quimbi.crm.contracts.integration;

/** Why a customer's erasure was requested. On the wire: the lower-case name (see {@code WireFormat}). */
public enum RedactionReason {
    CUSTOMER_REDACT, SHOP_REDACT
}
