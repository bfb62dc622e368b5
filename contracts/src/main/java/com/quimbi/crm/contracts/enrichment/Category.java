package com.quimbi.crm.contracts.enrichment;

/** The category enrichment suggests. On the wire: the lower-case name (see {@code WireFormat}). */
public enum Category {
    ACCOUNT, BILLING, GENERAL, PRODUCT, RETURNS, SHIPPING, TECHNICAL
}
