package com.quimbi.crm.automation.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.automation.agent.AgentDirectory;
import com.quimbi.crm.automation.agent.AgentDirectory.AgentProfile;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.agent.AgentCreated;
import com.quimbi.crm.contracts.agent.AgentDeactivated;
import com.quimbi.crm.contracts.agent.AgentUpdated;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;

/** crm.agent.events through the inbox: the agent read model (first name, team). */
@Component
class AgentEventConsumer {

    private final IdempotentConsumer consumer;
    private final EventRoutes routes;

    AgentEventConsumer(IdempotentConsumer consumer, AgentDirectory agents) {
        this.consumer = consumer;
        this.routes = EventRoutes.create()
                .on(AgentCreated.class, a -> agents.put(
                        new AgentProfile(a.agentId().toString(), a.firstName(), a.team(), a.active())))
                .on(AgentUpdated.class, a -> agents.put(
                        new AgentProfile(a.agentId().toString(), a.firstName(), a.team(), a.active())))
                .on(AgentDeactivated.class, a -> agents.deactivate(a.agentId().toString()));
    }

    @KafkaListener(topics = Topics.AGENT)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }
}
