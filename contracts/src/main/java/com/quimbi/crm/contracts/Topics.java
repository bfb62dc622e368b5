package com.quimbi.crm.contracts;

import java.util.List;
import java.util.stream.Stream;

/**
 * The Kafka topics, once. The outbox router sends an event to {@code crm.<aggregateType>.events}; every
 * consumer parks what it cannot handle on {@code <topic>.dlt}. devstack, docker-compose.yml and k8s/ create exactly
 * {@link #CREATED} (a test checks the last two); platform-test creates {@link #ALL_WITH_DLT}.
 */
public final class Topics {

    public static final String TICKET = "crm.ticket.events";
    public static final String CUSTOMER = "crm.customer.events";
    public static final String AGENT = "crm.agent.events";
    public static final String PRESENCE = "crm.presence.events";
    public static final String ENRICHMENT = "crm.enrichment.events";
    public static final String ASSIGNMENT = "crm.assignment.events";
    public static final String SLA = "crm.sla.events";
    public static final String INTEGRATION = "crm.integration.events";
    public static final String AUTOMATION = "crm.automation.events";

    /**
     * Where every Debezium connector writes its heartbeats (infra/debezium/README.md): produced, so their offsets
     * move the replication slots while an outbox is quiet. Not an event topic: nothing consumes it.
     */
    public static final String OUTBOX_HEARTBEATS = "crm.outbox.heartbeats";

    /** Every event topic. */
    public static final List<String> ALL = List.of(TICKET, CUSTOMER, AGENT, PRESENCE, ENRICHMENT, ASSIGNMENT, SLA,
            INTEGRATION, AUTOMATION);

    /** Every event topic followed by its dead-letter topic. */
    public static final List<String> ALL_WITH_DLT = ALL.stream().flatMap(topic -> Stream.of(topic, dlt(topic))).toList();

    /** What a running system creates up front: every event topic, its dead letters and the heartbeat topic. */
    public static final List<String> CREATED = Stream.concat(ALL_WITH_DLT.stream(), Stream.of(OUTBOX_HEARTBEATS)).toList();

    private Topics() {
    }

    /** Where consumers of {@code topic} park the events they cannot handle. */
    public static String dlt(String topic) {
        return topic + ".dlt";
    }
}
