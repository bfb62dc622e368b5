package com.quimbi.crm.ticket.customer;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import com.quimbi.crm.contracts.FieldChange;
import com.quimbi.crm.contracts.customer.CustomerCreated;
import com.quimbi.crm.contracts.customer.CustomerMerged;
import com.quimbi.crm.contracts.customer.CustomerUpdated;
import com.quimbi.crm.contracts.ticket.Channel;

/** A customer as its contracts (contracts/ customer.*) carry it. */
final class CustomerEventMapper {

    private CustomerEventMapper() {
    }

    static CustomerCreated created(Customer c) {
        return new CustomerCreated(c.id(), c.email(), c.name(), c.phone(), c.shopifyCustomerId(),
                c.gorgiasCustomerId(), c.language(), c.timezone(),
                // validated against the channel names on the way in (CustomerRequests)
                c.preferredChannel() == null ? null : Channel.valueOf(c.preferredChannel().toUpperCase(Locale.ROOT)),
                c.tier(), c.createdAt());
    }

    static CustomerUpdated updated(Customer c, Map<String, FieldChange> changes) {
        return new CustomerUpdated(c.id(), changes, c.version(), c.updatedAt());
    }

    static CustomerMerged merged(Customer target, Customer source, int movedTickets, Instant at) {
        return new CustomerMerged(target.id(), source.id(), source.email(), movedTickets, at);
    }
}
