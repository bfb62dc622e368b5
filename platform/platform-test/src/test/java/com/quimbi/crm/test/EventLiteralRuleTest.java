package com.quimbi.crm.test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLiteralRuleTest {

    @TempDir
    Path sources;

    @Test
    void anEventTypeOrTopicLiteralIsNamedWithItsLine() throws IOException {
        write("a/Listener.java", """
                class Listener {
                    // "ticket.created" in a comment is fine
                    @KafkaListener(topics = "crm.ticket.events")
                    void on() { route("sla.breached"); }
                }
                """);

        assertThatThrownBy(() -> ArchitectureRules.noEventTypeOrTopicLiterals(sources))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Listener.java:3 \"crm.ticket.events\"")
                .hasMessageContaining("Listener.java:4 \"sla.breached\"")
                .hasMessageNotContaining("ticket.created");
    }

    @Test
    void contractConstantsAndOtherStringsPass() throws IOException {
        write("b/Listener.java", """
                class Listener {
                    @KafkaListener(topics = Topics.TICKET)
                    void on() { log.info("ticket {} created", id); route(TicketCreated.TYPE); }
                }
                """);

        assertThatCode(() -> ArchitectureRules.noEventTypeOrTopicLiterals(sources)).doesNotThrowAnyException();
    }

    private void write(String name, String text) throws IOException {
        Path file = sources.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
