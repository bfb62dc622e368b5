package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

/**
 * An analyst's view: a Kafka consumer that is not ours (the stock console consumer from the Kafka
 * distribution, in its own JVM) reads the event with the documented key and headers, and the trace that
 * began at the HTTP request continues in the consumer on the other side of the outbox.
 */
class EventStreamIT {

    private static final Pattern TRACEPARENT = Pattern.compile("traceparent:00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");

    @Test
    void aStockConsoleConsumerReadsTheEventWithKeyAndHeaders() throws Exception {
        Api agent = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT));
        Api.Reply created = agent.post("/api/tickets", """
                {"subject":"Charged twice","description":"My card shows two payments.","priority":"urgent",
                 "channel":"email","customerEmail":"ana.silva@example.com"}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String ticketId = created.json().path("id").asString();

        String line = consoleConsumerLineFor(ticketId);

        // headers<TAB>key<TAB>value, as the console consumer prints them
        String[] parts = line.split("\t", 3);
        assertThat(parts).hasSize(3);
        assertThat(parts[0]).contains("eventType:ticket.created").containsPattern("id:[0-9a-f-]{36}");
        assertThat(parts[1]).isEqualTo(ticketId);
        assertThat(parts[2]).contains("\"type\": \"ticket.created\"").contains("\"ticketId\": \"" + ticketId + "\"");

        Matcher traceparent = TRACEPARENT.matcher(parts[0]);
        assertThat(traceparent.find()).as("traceparent header in %s", parts[0]).isTrue();
        String traceId = traceparent.group(1);
        Path analyticsLog = Path.of("target", "e2e-stack", "logs", "analytics-service.log");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                linesContaining(analyticsLog, "Counting ticket " + ticketId))
                .as("the consumer's log line continues trace %s", traceId)
                .anySatisfy(l -> assertThat(l).contains(traceId)));
    }

    private static String consoleConsumerLineFor(String ticketId) throws Exception {
        Path kafkaLibs = TestInfrastructure.repoRoot().resolve("devstack/target/kafka-libs");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = Files.createTempFile("console-consumer", ".txt");
        Process consumer = new ProcessBuilder(java, "-cp", kafkaLibs + "/*",
                "org.apache.kafka.tools.consumer.ConsoleConsumer",
                "--bootstrap-server", E2eStack.get().kafka().bootstrapServers(),
                "--topic", "crm.ticket.events", "--from-beginning",
                "--property", "print.key=true", "--property", "print.headers=true",
                "--timeout-ms", "20000")
                .redirectErrorStream(false)
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !linesContaining(output, ticketId).isEmpty());
            return linesContaining(output, ticketId).getFirst();
        } finally {
            consumer.destroy();
            consumer.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> linesContaining(Path file, String text) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.contains(text)).toList();
    }
}
