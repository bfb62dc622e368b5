package com.quimbi.crm.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.problem.InvalidInputException;

import tools.jackson.databind.JsonNode;

/**
 * The one way a service consumes events: parse the envelope, record its id in the inbox, and hand the data
 * to the routed handler, all in the listener's transaction. A routed event's data is checked against its
 * JSON Schema first (once, here at the boundary), so handlers get a complete, well-typed contract record. A
 * redelivered event finds its inbox row and does nothing; a malformed one (bad envelope, data breaking its
 * schema) is not retried and lands on the dead-letter topic.
 *
 * <pre>
 * &#64;KafkaListener(topics = Topics.TICKET)
 * &#64;Transactional
 * void on(ConsumerRecord&lt;String, String&gt; record) {
 *     consumer.handle(record, routes);
 * }
 * </pre>
 */
public class IdempotentConsumer {

    private static final Logger log = LoggerFactory.getLogger(IdempotentConsumer.class);

    private final EventReader reader;
    private final Inbox inbox;
    private final String group;

    public IdempotentConsumer(EventReader reader, Inbox inbox, String group) {
        this.reader = reader;
        this.inbox = inbox;
        this.group = group;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void handle(ConsumerRecord<String, String> record, EventRoutes routes) {
        EventEnvelope<JsonNode> event = reader.read(record.value());
        if (!inbox.tryMarkProcessed(group, event.id())) {
            log.debug("{} {} already processed by {}", event.type(), event.id(), group);
            return;
        }
        try {
            routes.route(event).ifPresentOrElse(route -> route.deliver(reader, event),
                    () -> log.debug("{} has no route in {}", event.type(), group));
        } catch (InvalidInputException e) {
            // the envelope is fine but its content breaks the consumer's rules: retrying cannot help
            throw new MalformedEventException(event.type() + " " + event.id() + " has invalid " + e.field() + ": "
                    + e.getMessage(), e);
        }
    }
}
