package com.quimbi.crm.integration.mail;

import java.time.Clock;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.FieldChange;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.ticket.Channel;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketDeleted;
import com.quimbi.crm.contracts.ticket.TicketStatus;
import com.quimbi.crm.contracts.ticket.TicketStatusChanged;
import com.quimbi.crm.contracts.ticket.TicketUpdated;
import com.quimbi.crm.integration.mail.internal.MailStore;
import com.quimbi.crm.integration.mailbox.MailProperties;
import com.quimbi.crm.platform.messaging.EventReader;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.platform.messaging.Inbox;

/**
 * crm.ticket.events for e-mail, in a consumer group of its own ({@code crm.integration.mail.consumer-group},
 * default {@code integration-service-mail}): e-mail tickets (number, customer address, subject, closed) so mail
 * can thread into them, and agents' public replies to send. Inbox first, effects after, one transaction.
 */
@Component
class MailTicketEventConsumer {

    private final IdempotentConsumer consumer;
    private final EventRoutes routes;

    MailTicketEventConsumer(EventReader reader, Inbox inbox, MailProperties properties, MailStore store,
            OutboundMailer outbound, Clock clock) {
        this.consumer = new IdempotentConsumer(reader, inbox, properties.consumerGroup());
        this.routes = EventRoutes.create()
                .on(TicketCreated.class, created -> {
                    if (created.channel() == Channel.EMAIL) {
                        // the wire number is "#1017"; subjects carry [#1017], so the digits are kept
                        store.announced(created.ticketId(), created.number() == null ? null : created.number().replaceFirst("^#", ""), created.customerEmail(), created.subject(),
                                MailThreads.newToken(), clock.instant());
                    }
                })
                .on(TicketUpdated.class, updated -> {
                    FieldChange email = updated.changes() == null ? null : updated.changes().get("customerEmail");
                    if (email != null && email.value() instanceof String address) {
                        store.customerChanged(updated.ticketId(), address);
                    }
                })
                .on(TicketStatusChanged.class, changed -> {
                    if (changed.to() == TicketStatus.CLOSED || changed.from() == TicketStatus.CLOSED) {
                        store.closed(changed.ticketId(), changed.to() == TicketStatus.CLOSED);
                    }
                })
                .on(TicketDeleted.class, deleted -> store.closed(deleted.ticketId(), true))
                .on(MessageAdded.class, (event, added) -> {
                    // a message imported from another helpdesk (Gorgias history, actor integration/...) was sent there
                    // already: never mailed to anyone from here
                    if (!"integration".equals(event.actorOrSystem().type())) {
                        outbound.onMessageAdded(added);
                    }
                });
    }

    @KafkaListener(topics = Topics.TICKET, groupId = "${crm.integration.mail.consumer-group:integration-service-mail}")
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }
}
