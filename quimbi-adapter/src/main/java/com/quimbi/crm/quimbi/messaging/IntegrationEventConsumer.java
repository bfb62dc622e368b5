package com.quimbi.crm.quimbi.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.integration.OrderSynced;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.quimbi.customer.CustomerInsights;
import com.quimbi.crm.quimbi.customer.OrderHistory;

/**
 * integration.order_synced → order_history and the customer's order figures (churn, LTV); the customer's cached
 * DNA and churn are dropped. Inbox first, effects after, one transaction; other integration events are not the
 * adapter's business.
 */
@Component
class IntegrationEventConsumer {

    private final IdempotentConsumer consumer;
    private final EventRoutes routes;

    IntegrationEventConsumer(IdempotentConsumer consumer, OrderHistory orders, CustomerInsights insights) {
        this.consumer = consumer;
        this.routes = EventRoutes.create().on(OrderSynced.class, order -> orders.record(order).forEach(insights::forget));
    }

    @KafkaListener(topics = Topics.INTEGRATION)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }
}
