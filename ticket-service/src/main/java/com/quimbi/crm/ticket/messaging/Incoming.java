package com.quimbi.crm.ticket.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventReader;
import com.quimbi.crm.platform.messaging.Inbox;
import com.quimbi.crm.platform.messaging.MalformedEventException;
import com.quimbi.crm.ticket.config.InvalidInputException;

import tools.jackson.databind.JsonNode;

/**
 * The shared first steps of every consumer: parse the envelope, claim the event id in the inbox (a redelivery
 * stops here), then hand the event to the consumer's handler. Runs inside the consumer's transaction.
 */
final class Incoming {

    private static final Logger log = LoggerFactory.getLogger(Incoming.class);

    interface Handler {
        /** @return false when the event type is not one this consumer knows (it is skipped, not failed) */
        boolean handle(EventEnvelope<JsonNode> event, Actor actor);
    }

    private Incoming() {
    }

    static void process(EventReader reader, Inbox inbox, String group, String value, Handler handler) {
        EventEnvelope<JsonNode> event = reader.read(value);
        if (!inbox.tryMarkProcessed(group, event.id())) {
            log.debug("{} {} already processed", event.type(), event.id());
            return;
        }
        Actor actor = event.actor() == null || event.actor().type() == null ? Actor.SYSTEM : event.actor();
        try {
            if (!handler.handle(event, actor)) {
                log.debug("ignoring unknown event type {}", event.type());
            }
        } catch (InvalidInputException e) {
            // the event passed its envelope check but its content breaks our rules: retrying cannot help
            throw new MalformedEventException(event.type() + " " + event.id() + " has invalid " + e.field() + ": "
                    + e.getMessage(), e);
        }
    }
}
