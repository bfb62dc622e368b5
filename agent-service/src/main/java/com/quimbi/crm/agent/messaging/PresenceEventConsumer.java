package com.quimbi.crm.agent.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.agent.agent.AgentService;
import com.quimbi.crm.agent.agent.PresenceSignal;
import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventReader;
import com.quimbi.crm.platform.messaging.Inbox;
import com.quimbi.crm.platform.messaging.MalformedEventException;

import tools.jackson.databind.JsonNode;

/** Keeps agents' status current from what the WebSocket layer (notification-service) sees. */
@Component
class PresenceEventConsumer {

    private static final Logger log = LoggerFactory.getLogger(PresenceEventConsumer.class);

    private final EventReader reader;
    private final Inbox inbox;
    private final AgentService agents;
    private final String group;

    PresenceEventConsumer(EventReader reader, Inbox inbox, AgentService agents,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        this.reader = reader;
        this.inbox = inbox;
        this.agents = agents;
        this.group = group;
    }

    @KafkaListener(topics = "crm.presence.events")
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        EventEnvelope<JsonNode> event = reader.read(record.value());
        if (!inbox.tryMarkProcessed(group, event.id())) {
            log.debug("{} {} already processed", event.type(), event.id());
            return;
        }
        switch (event.type()) {
            case "presence.connected" -> onPresence(PresenceSignal.CONNECTED, reader.data(event, PresenceData.class));
            case "presence.idle" -> onPresence(PresenceSignal.IDLE, reader.data(event, PresenceData.class));
            case "presence.disconnected" -> onPresence(PresenceSignal.DISCONNECTED, reader.data(event, PresenceData.class));
            default -> log.debug("ignoring {}", event.type());
        }
    }

    private void onPresence(PresenceSignal signal, PresenceData presence) {
        if (presence.agentId() == null || presence.at() == null) {
            throw new MalformedEventException("presence event without agentId or at", null);
        }
        agents.applyPresence(presence.agentId(), signal, presence.at());
    }
}
