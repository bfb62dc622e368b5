package com.quimbi.crm.agent.messaging;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.agent.agent.AgentService;
import com.quimbi.crm.agent.agent.PresenceSignal;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.presence.PresenceConnected;
import com.quimbi.crm.contracts.presence.PresenceDisconnected;
import com.quimbi.crm.contracts.presence.PresenceIdle;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;

/** Keeps agents' status current from what the WebSocket layer (notification-service) sees. */
@Component
class PresenceEventConsumer {

    private final IdempotentConsumer consumer;
    private final AgentService agents;
    private final EventRoutes routes = EventRoutes.create()
            .on(PresenceConnected.class, p -> onPresence(PresenceSignal.CONNECTED, p.agentId(), p.at()))
            .on(PresenceIdle.class, p -> onPresence(PresenceSignal.IDLE, p.agentId(), p.at()))
            .on(PresenceDisconnected.class, p -> onPresence(PresenceSignal.DISCONNECTED, p.agentId(), p.at()));

    PresenceEventConsumer(IdempotentConsumer consumer, AgentService agents) {
        this.consumer = consumer;
        this.agents = agents;
    }

    @KafkaListener(topics = Topics.PRESENCE)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onPresence(PresenceSignal signal, UUID agentId, Instant at) {
        agents.applyPresence(agentId, signal, at);
    }
}
