package com.quimbi.crm.ticket.customer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.quimbi.crm.ticket.activity.FieldChange;

/** Data of the customer events on {@code crm.customer.events} (contracts/schemas/customer.*.v1.json). */
public final class CustomerEvents {

    private CustomerEvents() {
    }

    public static final String AGGREGATE = "customer";

    public record CustomerCreated(UUID customerId, String email, String name, String phone, String shopifyCustomerId,
            String gorgiasCustomerId, String language, String timezone, String preferredChannel, CustomerTier tier,
            Instant createdAt) {
        public static final String TYPE = "customer.created";

        static CustomerCreated of(Customer c) {
            return new CustomerCreated(c.id(), c.email(), c.name(), c.phone(), c.shopifyCustomerId(),
                    c.gorgiasCustomerId(), c.language(), c.timezone(), c.preferredChannel(), c.tier(), c.createdAt());
        }
    }

    /** Only the fields that changed, each with its old and new value. */
    public record CustomerUpdated(UUID customerId, Map<String, FieldChange> changes, long version, Instant updatedAt) {
        public static final String TYPE = "customer.updated";
    }

    public record CustomerMerged(UUID customerId, UUID sourceCustomerId, String email, int movedTickets,
            Instant mergedAt) {
        public static final String TYPE = "customer.merged";
    }
}
