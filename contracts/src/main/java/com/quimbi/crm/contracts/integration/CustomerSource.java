package com.quimbi.crm.contracts.integration;

/** The shop a customer was synced from. On the wire: the lower-case name (see {@code WireFormat}). */
public enum CustomerSource {
    SHOPIFY
}
