package com.quimbi.crm.quimbi;

import java.util.Map;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.contracts.customer.CustomerUpdated;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.TestInfrastructure;

/** Shared by the adapter's ITs: real servers, Redis for the cache, Quimbi off or at a WireMock URL. */
public final class AdapterTestSupport {

    public static final String GOLDEN_EVENT_ID = "0193a0c4-7b1e-7c2a-9f41-5d2b8e6a1c01";
    public static final String GOLDEN_TICKET_ID = "0193a0c4-7a90-7d11-8e2f-3c4b5a697801";
    public static final String GOLDEN_CUSTOMER_ID = "0193a0c3-0b1c-7d2e-9f30-4a5b6c7d8e90";

    private AdapterTestSupport() {
    }

    /** @param quimbiUrl null to run on the fallbacks (the local default) */
    public static void register(DynamicPropertyRegistry registry, String quimbiUrl) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("spring.data.redis.url", () -> TestInfrastructure.redis().url());
        registry.add("crm.quimbi.enabled", () -> quimbiUrl != null);
        if (quimbiUrl != null) {
            registry.add("crm.quimbi.base-url", () -> quimbiUrl);
            registry.add("crm.quimbi.api-key", () -> "it-key");
            registry.add("crm.quimbi.read-timeout", () -> "500ms");
            registry.add("crm.quimbi.retry.initial-backoff", () -> "10ms");
            // tests provoke failures on purpose; the breaker itself is tested in QuimbiClientTest
            registry.add("crm.quimbi.circuit-breaker.sliding-window-size", () -> "1000");
            registry.add("crm.quimbi.circuit-breaker.minimum-number-of-calls", () -> "1000");
        }
    }

    /** The golden ticket.created example, as a new event about a new ticket. */
    public static String ticketCreated(UUID eventId, UUID ticketId) {
        return EventContracts.golden(TicketCreated.TYPE, 1)
                .replace(GOLDEN_EVENT_ID, eventId.toString())
                .replace(GOLDEN_TICKET_ID, ticketId.toString());
    }

    /** The same, for a customer ticket-service knows by id (the field arrives with issue #3). */
    public static String ticketCreatedFor(UUID eventId, UUID ticketId, UUID customerId, String subject,
            String description) {
        return ticketCreated(eventId, ticketId)
                .replace("\"subject\": \"Order #5521 arrived damaged\"", "\"subject\": \"" + subject + "\", "
                        + "\"customerId\": \"" + customerId + "\"")
                .replace("The box was crushed and the mug is broken. I need a replacement before Friday.", description);
    }

    /** The golden message.added example, about the given ticket, by the given author type, with the given text. */
    public static String messageAdded(UUID eventId, UUID ticketId, String authorType, String text) {
        String event = EventContracts.golden(MessageAdded.TYPE, 1)
                .replace("0193a0c4-8000-7000-8000-000000000004", eventId.toString())
                .replace(GOLDEN_TICKET_ID, ticketId.toString())
                .replace("\"authorType\": \"agent\"", "\"authorType\": \"" + authorType + "\"")
                .replace("Sorry about that! A replacement is on its way.", text);
        EventContracts.assertValid(event);
        return event;
    }

    /** The golden customer.updated example, about the given customer. */
    public static String customerUpdated(UUID eventId, UUID customerId) {
        return EventContracts.golden(CustomerUpdated.TYPE, 1)
                .replace("0193a0c4-8000-7000-8000-000000000007", eventId.toString())
                .replace(GOLDEN_CUSTOMER_ID, customerId.toString());
    }

    public static void deliver(String topic, String key, String value, String type) {
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), topic, key, value,
                Map.of("eventType", type));
    }
}
