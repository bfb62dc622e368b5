package com.quimbi.crm.integration.sync;

/** How a sync job reads the shop: decided by the shop's size ({@code auto}), or chosen by the admin. */
public enum SyncMode {
    AUTO, PAGES, BULK
}
