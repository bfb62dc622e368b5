package com.quimbi.crm.contracts.integration;

/** The shop an order was synced from. On the wire: the lower-case name (see {@code WireFormat}). */
public enum OrderSource {
    SHOPIFY
}
