package com.quimbi.crm.integration.gorgias;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketStatusChanged;
import com.quimbi.crm.platform.messaging.EventReader;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.platform.messaging.Inbox;

/**
 * crm.ticket.events → pushes to Gorgias, in its own consumer group ({@value #GROUP}, its own inbox rows) so it never
 * shares the topic's partitions with another feature of this service. Inbox first, then the queued push, in one
 * transaction; the HTTP calls happen later in {@link GorgiasPushService#pushDue()}.
 */
@Component
class GorgiasTicketEventConsumer {

    static final String GROUP = "integration-service-gorgias";

    private final IdempotentConsumer consumer;
    private final EventRoutes routes;

    GorgiasTicketEventConsumer(EventReader reader, Inbox inbox, GorgiasPushService pushes) {
        this.consumer = new IdempotentConsumer(reader, inbox, GROUP);
        this.routes = EventRoutes.create()
                .on(TicketCreated.class, (event, created) -> pushes.onTicketCreated(created, event.actorOrSystem()))
                .on(MessageAdded.class, (event, added) -> pushes.onMessageAdded(added, event.actorOrSystem()))
                .on(TicketStatusChanged.class, (event, changed) -> pushes.onStatusChanged(changed, event.actorOrSystem()));
    }

    @KafkaListener(topics = Topics.TICKET, groupId = GROUP)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }
}
