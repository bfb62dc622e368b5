package com.quimbi.crm.ticket.messaging;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.integration.CustomerDataRequested;
import com.quimbi.crm.contracts.integration.CustomerRedactionRequested;
import com.quimbi.crm.contracts.integration.CustomerSource;
import com.quimbi.crm.contracts.integration.CustomerSynced;
import com.quimbi.crm.contracts.integration.MessageDeliveryUpdated;
import com.quimbi.crm.contracts.integration.MessageImported;
import com.quimbi.crm.contracts.integration.TicketImported;
import com.quimbi.crm.contracts.integration.TicketStatusSynced;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.ticket.customer.CustomerService;
import com.quimbi.crm.ticket.customer.CustomerService.SyncedCustomer;
import com.quimbi.crm.ticket.message.Attachment;
import com.quimbi.crm.ticket.message.DeliveryStatus;
import com.quimbi.crm.ticket.message.MessageService;
import com.quimbi.crm.ticket.privacy.PrivacyService;
import com.quimbi.crm.ticket.privacy.PrivacyService.Subject;
import com.quimbi.crm.ticket.ticket.CreateTicketRequest;
import com.quimbi.crm.ticket.ticket.Ticket;
import com.quimbi.crm.ticket.ticket.TicketChannel;
import com.quimbi.crm.ticket.ticket.TicketPriority;
import com.quimbi.crm.ticket.ticket.TicketService;
import com.quimbi.crm.ticket.ticket.TicketStatus;

/**
 * Partner data (crm.integration.events): Shopify customers are upserted and deduplicated by shop id, then email;
 * Gorgias tickets and messages are imported under their external ids, never twice (unique indexes back this up
 * beyond the inbox). The mail provider's reports move outbound emails' delivery status forward.
 */
@Component
class IntegrationEventConsumer {

    private static final Logger log = LoggerFactory.getLogger(IntegrationEventConsumer.class);

    private final IdempotentConsumer consumer;
    private final CustomerService customers;
    private final TicketService tickets;
    private final MessageService messages;
    private final PrivacyService privacy;
    private final EventRoutes routes = EventRoutes.create()
            .on(CustomerSynced.class, (event, e) -> onCustomerSynced(e, event.actorOrSystem()))
            .on(TicketImported.class, (event, e) -> onTicketImported(e, event.actorOrSystem()))
            .on(MessageImported.class, (event, e) -> onMessageImported(e, event.actorOrSystem()))
            .on(TicketStatusSynced.class, (event, e) -> onTicketStatusSynced(e, event.actorOrSystem()))
            .on(MessageDeliveryUpdated.class, (event, e) -> onMessageDeliveryUpdated(e, event.actorOrSystem()))
            .on(CustomerRedactionRequested.class, (event, e) -> onRedactionRequested(e, event.actorOrSystem()))
            .on(CustomerDataRequested.class, (event, e) -> onDataRequested(e));

    IntegrationEventConsumer(IdempotentConsumer consumer, CustomerService customers, TicketService tickets,
            MessageService messages, PrivacyService privacy) {
        this.consumer = consumer;
        this.customers = customers;
        this.tickets = tickets;
        this.messages = messages;
        this.privacy = privacy;
    }

    @KafkaListener(topics = Topics.INTEGRATION)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onCustomerSynced(CustomerSynced e, Actor actor) {
        customers.upsertSynced(new SyncedCustomer(e.source() == CustomerSource.SHOPIFY ? e.externalId() : null, e.email(),
                e.name(), e.phone(), e.tags(), e.ordersCount(), e.totalSpent()), actor);
    }

    private void onTicketImported(TicketImported e, Actor actor) {
        CreateTicketRequest request = new CreateTicketRequest(e.subject(), e.description(),
                e.priority() == null ? null : TicketPriority.valueOf(e.priority().name()),
                e.channel() == null ? null : TicketChannel.valueOf(e.channel().name()), e.customerEmail(), e.customerName(), null, e.tags(), null);
        tickets.importTicket(wire(e.source()), e.externalTicketId(), request,
                e.status() == null ? null : TicketStatus.valueOf(e.status().name()), e.createdAt(), e.ticketId(), actor);
    }

    private void onMessageImported(MessageImported e, Actor actor) {
        // the ticket event comes first on the same key; if it is missing, failing lets the retries/DLT show it.
        // e-mail names the ticket it joins (a reply may join a ticket created through the API), and so does Gorgias
        // for a conversation that started here (pushed there); else the ticket imported under the external id
        UUID ticketId = linked(e.ticketId(), e.source(), e.externalTicketId()).map(Ticket::getId).orElseThrow(() ->
                new IllegalStateException("message " + e.externalMessageId() + " of unknown " + e.source() + " ticket "
                        + e.externalTicketId()));
        List<Attachment> attachments = e.attachments() == null ? List.of() : e.attachments().stream()
                .map(a -> new Attachment(a.name(), a.contentType(), a.size(), a.url())).toList();
        messages.importMessage(ticketId, wire(e.source()), e.externalMessageId(), wire(e.authorType()), e.bodyText(),
                e.bodyHtml(), Boolean.TRUE.equals(e.internal()), Boolean.TRUE.equals(e.autoReply()), attachments,
                e.createdAt(), actor);
    }

    private void onTicketStatusSynced(TicketStatusSynced e, Actor actor) {
        var ticket = linked(e.ticketId(), e.source(), e.externalTicketId());
        if (ticket.isEmpty() || !tickets.applyExternalStatus(ticket.get().getId(), TicketStatus.valueOf(e.status().name()),
                actor)) {
            log.info("Status {} of {} ticket {} changed nothing here", e.status(), e.source(), e.externalTicketId());
        }
    }

    private Optional<Ticket> linked(UUID ticketId, Enum<?> source, String externalTicketId) {
        // not ours (or deleted): the imported one, if any
        Optional<Ticket> ours = ticketId == null ? Optional.empty() : tickets.findLive(ticketId);
        return ours.isPresent() ? ours : tickets.findImported(wire(source), externalTicketId);
    }

    private void onMessageDeliveryUpdated(MessageDeliveryUpdated e, Actor actor) {
        if (!messages.applyDeliveryStatus(e.messageId(), DeliveryStatus.valueOf(e.status().name()), e.detail(),
                actor)) {
            log.info("Delivery status of unknown or deleted message {} ignored", e.messageId());
        }
    }

    private void onRedactionRequested(CustomerRedactionRequested e, Actor actor) {
        privacy.redact(new Subject(wire(e.source()), e.shopDomain(), e.externalId(), e.email(), e.requestId(), null,
                wire(e.reason()), e.requestedAt()), actor);
    }

    private void onDataRequested(CustomerDataRequested e) {
        privacy.export(new Subject(wire(e.source()), e.shopDomain(), e.externalId(), e.email(), e.requestId(),
                e.externalRequestId(), null, e.requestedAt()));
    }

    /** Sources and author types are stored by their wire names ("gorgias", "customer"). */
    private static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
