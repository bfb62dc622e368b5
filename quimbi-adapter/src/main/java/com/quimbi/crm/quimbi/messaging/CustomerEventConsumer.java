package com.quimbi.crm.quimbi.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.customer.CustomerCreated;
import com.quimbi.crm.contracts.customer.CustomerMerged;
import com.quimbi.crm.contracts.customer.CustomerRedacted;
import com.quimbi.crm.contracts.customer.CustomerUpdated;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.quimbi.customer.CustomerErasure;
import com.quimbi.crm.quimbi.customer.CustomerInsights;

/**
 * A customer changed: their cached DNA and churn are stale. After a merge both customers' are: the source's
 * tickets now count for the target. A redacted customer's data is erased ({@link CustomerErasure}).
 */
@Component
class CustomerEventConsumer {

    private final IdempotentConsumer consumer;
    private final CustomerInsights insights;
    private final CustomerErasure erasure;
    private final EventRoutes routes = EventRoutes.create()
            .on(CustomerCreated.class, created -> forget(created.customerId().toString()))
            .on(CustomerUpdated.class, updated -> forget(updated.customerId().toString()))
            .on(CustomerMerged.class, merged -> {
                forget(merged.customerId().toString());
                forget(merged.sourceCustomerId().toString());
            })
            .on(CustomerRedacted.class, this::erase);

    CustomerEventConsumer(IdempotentConsumer consumer, CustomerInsights insights, CustomerErasure erasure) {
        this.consumer = consumer;
        this.insights = insights;
        this.erasure = erasure;
    }

    @KafkaListener(topics = Topics.CUSTOMER)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void erase(CustomerRedacted redacted) {
        erasure.erase(redacted.customerId(), redacted.emailSha256());
    }

    private void forget(String customerKey) {
        insights.forget(customerKey);
    }
}
