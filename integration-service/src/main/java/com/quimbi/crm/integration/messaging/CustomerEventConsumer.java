package com.quimbi.crm.integration.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.customer.CustomerCreated;
import com.quimbi.crm.contracts.customer.CustomerMerged;
import com.quimbi.crm.contracts.customer.CustomerRedacted;
import com.quimbi.crm.contracts.customer.CustomerUpdated;
import com.quimbi.crm.integration.crmcustomer.CrmCustomers;
import com.quimbi.crm.integration.order.CustomerOrdersCache;
import com.quimbi.crm.integration.privacy.PrivacyService;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;

/**
 * crm.customer.events → which Shopify customer each CRM customer is (for GET /api/customers/{id}/orders);
 * customer.redacted also erases the customer's mail.
 * Inbox first, then the read model, in one transaction; a changed customer's cached orders are dropped.
 */
@Component
class CustomerEventConsumer {

    private final IdempotentConsumer consumer;
    private final EventRoutes routes;

    CustomerEventConsumer(IdempotentConsumer consumer, CrmCustomers customers, CustomerOrdersCache cache,
            PrivacyService privacy) {
        this.consumer = consumer;
        this.routes = EventRoutes.create()
                .on(CustomerCreated.class, created -> {
                    customers.created(created.customerId(), created.email(), created.shopifyCustomerId());
                    cache.evict(created.customerId());
                })
                .on(CustomerUpdated.class, updated -> {
                    customers.updated(updated.customerId(), updated.changes());
                    cache.evict(updated.customerId());
                })
                .on(CustomerRedacted.class, redacted -> {
                    privacy.customerRedacted(redacted.customerId(), redacted.emailSha256()); // before the address goes
                    customers.redacted(redacted.customerId());
                    cache.evict(redacted.customerId());
                })
                .on(CustomerMerged.class, merged -> {
                    customers.merged(merged.customerId(), merged.sourceCustomerId());
                    cache.evict(merged.customerId());
                    cache.evict(merged.sourceCustomerId());
                });
    }

    @KafkaListener(topics = Topics.CUSTOMER)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }
}
