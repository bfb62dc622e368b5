package com.quimbi.crm.agent.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.agent.agent.AgentService;
import com.quimbi.crm.agent.agent.PresenceSignal;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.platform.messaging.MalformedEventException;

/** Keeps agents' status current from what the WebSocket layer (notification-service) sees. */
@Component
class PresenceEventConsumer {

    private final IdempotentConsumer consumer;
    private final AgentService agents;
    private final EventRoutes routes = EventRoutes.create()
            .on("presence.connected", PresenceData.class, p -> onPresence(PresenceSignal.CONNECTED, p))
            .on("presence.idle", PresenceData.class, p -> onPresence(PresenceSignal.IDLE, p))
            .on("presence.disconnected", PresenceData.class, p -> onPresence(PresenceSignal.DISCONNECTED, p));

    PresenceEventConsumer(IdempotentConsumer consumer, AgentService agents) {
        this.consumer = consumer;
        this.agents = agents;
    }

    @KafkaListener(topics = "crm.presence.events")
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onPresence(PresenceSignal signal, PresenceData presence) {
        if (presence.agentId() == null || presence.at() == null) {
            throw new MalformedEventException("presence event without agentId or at", null);
        }
        agents.applyPresence(presence.agentId(), signal, presence.at());
    }
}
