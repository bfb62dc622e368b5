package com.quimbi.crm.automation.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** Our signer against the receivers' snippet from the docs, and the snippet in the docs is this one. */
class ReceiverSnippetTest {

    static final String BODY = "{\"id\":\"0193a0c5-2b3c-7d4e-8f5a-6b7c8d9e0f41\",\"type\":\"ticket.created\",\"data\":{\"subject\":\"Où est ma commande ?\"}}";

    @Test
    void theSnippetAcceptsWhatWeSign() throws Exception {
        String secret = WebhookSignature.newSecret();
        long now = Instant.now().getEpochSecond();
        String header = WebhookSignature.header(now, BODY, List.of(secret));

        assertThat(header).matches("t=" + now + ",v1=[0-9a-f]{64}");
        assertThat(WebhookReceiver.verify(header, BODY, secret, 300)).isTrue();
    }

    @Test
    void theSnippetRefusesAnotherBodySecretOrAnOldTimestamp() throws Exception {
        String secret = WebhookSignature.newSecret();
        long now = Instant.now().getEpochSecond();
        String header = WebhookSignature.header(now, BODY, List.of(secret));

        assertThat(WebhookReceiver.verify(header, BODY.replace("commande", "command"), secret, 300)).isFalse();
        assertThat(WebhookReceiver.verify(header, BODY, WebhookSignature.newSecret(), 300)).isFalse();
        long old = now - Duration.ofMinutes(10).toSeconds();
        assertThat(WebhookReceiver.verify(WebhookSignature.header(old, BODY, List.of(secret)), BODY, secret, 300))
                .isFalse();
        assertThat(WebhookReceiver.verify("v1=" + WebhookSignature.sign(secret, now, BODY), BODY, secret, 300))
                .isFalse();
    }

    @Test
    void duringARotationEitherSecretVerifies() throws Exception {
        String current = WebhookSignature.newSecret();
        String previous = WebhookSignature.newSecret();
        long now = Instant.now().getEpochSecond();
        String header = WebhookSignature.header(now, BODY, List.of(current, previous));

        assertThat(header.split(",v1=")).hasSize(3);
        assertThat(WebhookReceiver.verify(header, BODY, current, 300)).isTrue();
        assertThat(WebhookReceiver.verify(header, BODY, previous, 300)).isTrue();
        assertThat(WebhookReceiver.verify(header, BODY, WebhookSignature.newSecret(), 300)).isFalse();
    }

    @Test
    void theApiGuideShowsExactlyThisSnippet() throws Exception {
        String source = Files.readString(Path.of("src/test/java/com/quimbi/crm/automation/webhook/WebhookReceiver.java"));
        String snippet = source.substring(source.indexOf("// snippet:start") + "// snippet:start".length(),
                source.indexOf("    // snippet:end"));
        // the docs show it at the left margin
        String unindented = snippet.lines().map(line -> line.startsWith("    ") ? line.substring(4) : line)
                .collect(Collectors.joining("\n")).strip();
        String guide = Files.readString(Path.of("../docs/api-guide.md"));

        assertThat(unindented).contains("MessageDigest.isEqual");
        assertThat(guide).contains(unindented);
    }

    @Test
    void backoffDoublesUpToItsCeiling() {
        WebhookProperties properties = new WebhookProperties("k", null, true, null, 8, Duration.ofSeconds(10),
                Duration.ofMinutes(1), 50, null, null, null);

        assertThat(properties.backoffAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.backoffAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(properties.backoffAfter(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(properties.backoffAfter(4)).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.backoffAfter(40)).isEqualTo(Duration.ofMinutes(1));
    }
}
