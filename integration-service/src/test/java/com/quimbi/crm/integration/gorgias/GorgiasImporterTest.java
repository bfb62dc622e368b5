package com.quimbi.crm.integration.gorgias;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.quimbi.crm.contracts.integration.ImportedAuthorType;
import com.quimbi.crm.contracts.integration.MessageImported;
import com.quimbi.crm.contracts.integration.TicketImported;
import com.quimbi.crm.contracts.ticket.Channel;
import com.quimbi.crm.contracts.ticket.TicketPriority;
import com.quimbi.crm.contracts.ticket.TicketStatus;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a Gorgias ticket and its messages (shaped like Gorgias's API answers) become our import events: channel,
 * priority, customer name, tags and datetimes mapped, the first readable body as the description, notes internal.
 */
class GorgiasImporterTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    final GorgiasImporter importer = new GorgiasImporter(null, null, new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("crm.integration.gorgias", GorgiasProperties.class), Clock.fixed(NOW, ZoneOffset.UTC));

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void aTicketWithoutSubjectTakesItsFirstMessageAndTheCustomersFirstAndLastName() {
        JsonNode ticket = json("""
                {"id":4711,"subject":null,"priority":"critical","channel":"whatsapp","created_datetime":"2026-12-01T08:30:00",
                 "customer":{"email":"ann@example.com","firstname":"Ann","lastname":"Kowalski"},
                 "tags":[{"name":" Refund "},"VIP",{"name":""},{"id":3}]}""");
        List<JsonNode> messages = List.of(json("""
                {"id":1,"body_text":"  ","stripped_text":"Where is my parcel?","body_html":"<p>Where is my parcel?</p>"}"""));

        TicketImported imported = importer.toTicket(ticket, messages, "ann@example.com", TicketStatus.OPEN, NOW);

        assertThat(imported.externalTicketId()).isEqualTo("4711");
        assertThat(imported.description()).isEqualTo("Where is my parcel?");
        assertThat(imported.subject()).isEqualTo("Where is my parcel?");
        assertThat(imported.customerName()).isEqualTo("Ann Kowalski");
        assertThat(imported.priority()).isEqualTo(TicketPriority.URGENT);
        assertThat(imported.channel()).isEqualTo(Channel.PHONE);
        assertThat(imported.tags()).containsExactly("refund", "vip");
        assertThat(imported.createdAt()).isEqualTo(Instant.parse("2026-12-01T08:30:00Z"));
        assertThat(imported.importedAt()).isEqualTo(NOW);

        TicketImported bare = importer.toTicket(json("""
                {"id":5,"subject":"Hello","priority":"someday","channel":"instagram-direct-message",
                 "created_datetime":"yesterday","customer":{},"tags":[]}"""), List.of(), "b@example.com", TicketStatus.OPEN, NOW);
        assertThat(bare.description()).isEqualTo("Hello");
        assertThat(bare.customerName()).isNull();
        assertThat(bare.priority()).isNull();
        assertThat(bare.channel()).isEqualTo(Channel.SOCIAL);
        assertThat(bare.tags()).isNull();
        assertThat(bare.createdAt()).isNull();
    }

    @Test
    void channelsAndPrioritiesMapToOurs() {
        assertThat(GorgiasImporter.channel("Email")).isEqualTo(Channel.EMAIL);
        assertThat(GorgiasImporter.channel("chat")).isEqualTo(Channel.CHAT);
        assertThat(GorgiasImporter.channel("aircall")).isEqualTo(Channel.PHONE);
        assertThat(GorgiasImporter.channel("facebook-messenger")).isEqualTo(Channel.SOCIAL);
        assertThat(GorgiasImporter.channel("contact_form")).isEqualTo(Channel.WEB);
        assertThat(GorgiasImporter.channel("api")).isEqualTo(Channel.API);
        assertThat(GorgiasImporter.channel(null)).isEqualTo(Channel.API);
        assertThat(GorgiasImporter.priority("LOW")).isEqualTo(TicketPriority.LOW);
        assertThat(GorgiasImporter.priority("normal")).isEqualTo(TicketPriority.NORMAL);
        assertThat(GorgiasImporter.priority("high")).isEqualTo(TicketPriority.HIGH);
        assertThat(GorgiasImporter.priority("urgent")).isEqualTo(TicketPriority.URGENT);
        assertThat(GorgiasImporter.priority(null)).isNull();
    }

    @Test
    void datetimesWithOrWithoutAnOffset() {
        assertThat(GorgiasImporter.instantOr("2026-12-01T08:30:00+02:00", null)).isEqualTo(Instant.parse("2026-12-01T06:30:00Z"));
        assertThat(GorgiasImporter.instantOr("2026-12-01T08:30:00.250", null)).isEqualTo(Instant.parse("2026-12-01T08:30:00.250Z"));
        assertThat(GorgiasImporter.instantOr("1 Dec 2026", NOW)).isEqualTo(NOW);
        assertThat(GorgiasImporter.instantOr(" ", NOW)).isEqualTo(NOW);
    }

    @Test
    void anAgentsNoteIsInternalAndAMessageWithoutTextOrHtmlKeepsItsStrippedText() {
        UUID ours = UUID.randomUUID();
        MessageImported note = importer.toMessage(4711, json("""
                {"id":99,"from_agent":true,"public":true,"channel":"internal-note","body_text":"refund approved",
                 "body_html":"<p>refund approved</p>","created_datetime":"2026-12-01T09:00:00Z"}"""), ours, NOW);
        assertThat(note.authorType()).isEqualTo(ImportedAuthorType.AGENT);
        assertThat(note.internal()).isTrue();
        assertThat(note.ticketId()).isEqualTo(ours);
        assertThat(note.createdAt()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));

        MessageImported customer = importer.toMessage(4711, json("""
                {"id":100,"public":true,"channel":"email","stripped_text":"thanks!","sent_datetime":"2026-12-01T10:00:00Z",
                 "created_datetime":"2026-12-01T09:59:00Z"}"""), null, NOW);
        assertThat(customer.authorType()).isEqualTo(ImportedAuthorType.CUSTOMER);
        assertThat(customer.internal()).isFalse();
        assertThat(customer.bodyText()).isEqualTo("thanks!");
        assertThat(customer.bodyHtml()).isNull();
        assertThat(customer.createdAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));

        MessageImported hidden = importer.toMessage(4711, json("""
                {"id":101,"public":false,"body_text":"x"}"""), null, NOW);
        assertThat(hidden.internal()).isTrue();
        assertThat(importer.ticketPrefix()).isEqualTo("crm-ticket:");
        assertThat(importer.messagePrefix()).isEqualTo("crm-msg:");
    }
}
