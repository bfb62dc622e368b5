package com.quimbi.crm.notification.connection;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.quimbi.crm.notification.fanout.FrameBus;
import com.quimbi.crm.notification.fanout.LocalDelivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** This instance's agent sockets, by agent; receives every published frame and passes it to that agent's sockets. */
@Component
class Sessions implements LocalDelivery {

    private final Map<String, Set<AgentSession>> byAgent = new ConcurrentHashMap<>();
    private final Map<String, AgentSession> byId = new ConcurrentHashMap<>();
    private final FrameBus bus;

    Sessions(FrameBus bus, Clock clock, MeterRegistry meters) {
        this.bus = bus;
        Gauge.builder("crm_realtime_sockets", byId, Map::size).description("open agent WebSockets on this instance")
                .register(meters);
    }

    void add(AgentSession session) {
        byId.put(session.id(), session);
        byAgent.computeIfAbsent(session.agentId, a -> ConcurrentHashMap.newKeySet()).add(session);
    }

    AgentSession get(String sessionId) {
        return byId.get(sessionId);
    }

    AgentSession remove(String sessionId) {
        AgentSession session = byId.remove(sessionId);
        if (session != null) {
            byAgent.computeIfPresent(session.agentId, (a, set) -> {
                set.remove(session);
                return set.isEmpty() ? null : set;
            });
        }
        return session;
    }

    Collection<AgentSession> all() {
        return List.copyOf(byId.values());
    }

    @Override
    public void end(String agentId, String reason) {
        Set<AgentSession> sessions = byAgent.get(agentId);
        if (sessions != null) {
            for (AgentSession session : List.copyOf(sessions)) {
                session.end(reason);
            }
        }
    }

    @Override
    public void deliver(String agentId, FrameBus.NumberedFrame frame) {
        Set<AgentSession> sessions = byAgent.get(agentId);
        if (sessions != null) {
            for (AgentSession session : sessions) {
                session.offer(bus, frame);
            }
        }
    }
}
