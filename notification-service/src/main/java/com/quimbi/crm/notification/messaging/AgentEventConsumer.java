package com.quimbi.crm.notification.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.agent.AgentCreated;
import com.quimbi.crm.contracts.agent.AgentDeactivated;
import com.quimbi.crm.contracts.agent.AgentStatusChanged;
import com.quimbi.crm.contracts.agent.AgentUpdated;
import com.quimbi.crm.notification.directory.AgentDirectory;
import com.quimbi.crm.notification.fanout.FrameBus;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;

/** crm.agent.events: the agent read model (name, role, team); {@code agent_status} to the agent's teammates. */
@Component
class AgentEventConsumer {

    static final String AGENT_STATUS = "agent_status";

    private final IdempotentConsumer consumer;
    private final AgentDirectory agents;
    private final FrameBus frames;
    private final EventRoutes routes;

    AgentEventConsumer(IdempotentConsumer consumer, AgentDirectory agents, FrameBus frames) {
        this.consumer = consumer;
        this.agents = agents;
        this.frames = frames;
        this.routes = EventRoutes.create()
                .on(AgentCreated.class, a -> agents.put(new AgentDirectory.AgentView(a.agentId().toString(),
                        a.firstName() + " " + a.lastName(), TicketEventConsumer.wire(a.role()), a.team(), a.active())))
                .on(AgentUpdated.class, a -> agents.put(new AgentDirectory.AgentView(a.agentId().toString(),
                        a.firstName() + " " + a.lastName(), TicketEventConsumer.wire(a.role()), a.team(), a.active())))
                .on(AgentDeactivated.class, a -> {
                    agents.deactivate(a.agentId().toString());
                    frames.endSessions(a.agentId().toString(), "deactivated");
                })
                .on(AgentStatusChanged.class, (envelope, changed) -> onStatusChanged(envelope.id().toString(), changed));
    }

    @KafkaListener(topics = Topics.AGENT)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onStatusChanged(String eventId, AgentStatusChanged changed) {
        String agentId = changed.agentId().toString();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("agentId", agentId);
        agents.find(agentId).ifPresent(a -> fields.put("name", a.name()));
        fields.put("status", TicketEventConsumer.wire(changed.status()));
        fields.put("eventId", eventId);
        frames.send(agents.teammatesOf(agentId), AGENT_STATUS, fields);
    }
}
