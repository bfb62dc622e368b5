package com.quimbi.crm.contracts.ticket;

/** The channel a ticket or message came through. On the wire: the lower-case name (see {@code WireFormat}). */
public enum Channel {
    EMAIL, CHAT, PHONE, WEB, SOCIAL, API
}
