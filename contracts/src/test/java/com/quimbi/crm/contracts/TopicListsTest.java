package com.quimbi.crm.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The topic list exists once, in {@link Topics}; devstack and platform-test read it, docker-compose.yml and the
 * k8s manifests cannot, so they are checked against it here.
 */
class TopicListsTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyEventTopicHasItsDeadLetterTopic() {
        assertThat(Topics.ALL_WITH_DLT).hasSize(2 * Topics.ALL.size())
                .containsAll(Topics.ALL).contains(Topics.dlt(Topics.TICKET), "crm.integration.events.dlt");
    }

    @Test
    void dockerComposeCreatesExactlyTheTopics() throws IOException {
        String compose = Files.readString(REPO.resolve("docker-compose.yml"));
        Matcher loop = Pattern.compile("for topic in (.*?); do", Pattern.DOTALL).matcher(compose);
        assertThat(loop.find()).as("the topic creation loop in docker-compose.yml").isTrue();
        List<String> topics = Stream.of(loop.group(1).replace("\\", " ").split("\\s+")).filter(t -> !t.isBlank()).toList();
        assertThat(topics).containsExactlyInAnyOrderElementsOf(Topics.ALL_WITH_DLT);
        // created on its own, compacted: one latest record per connector
        assertThat(compose).contains("--topic " + Topics.OUTBOX_HEARTBEATS);
    }

    @Test
    void kubernetesDeclaresExactlyTheTopics() throws IOException {
        List<String> topics;
        try (Stream<Path> files = Files.walk(REPO.resolve("k8s"))) {
            topics = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .flatMap(TopicListsTest::lines)
                    .map(String::strip).filter(line -> line.startsWith("topicName:"))
                    .map(line -> line.substring("topicName:".length()).strip()).toList();
        }
        assertThat(topics).containsExactlyInAnyOrderElementsOf(Topics.CREATED);
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
