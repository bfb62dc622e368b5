package com.quimbi.crm.integration.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class WebhookSignatureTest {

    // as Shopify sends it: its own spacing, key order and escapes
    static final byte[] RAW = """
            {"id":706405506930370084,"email":"bob@biller.com","first_name":"Bob",  "last_name":"Biller","note":"caf\\u00e9 \\/ 1"}"""
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void theSignatureOfTheRawBodyIsAccepted() {
        String header = WebhookSignature.sign("shpss_secret", RAW);
        assertThat(WebhookSignature.verify(List.of("shpss_secret"), RAW, header)).isTrue();
    }

    @Test
    void aBodyReSerializedByJacksonFails() {
        String header = WebhookSignature.sign("shpss_secret", RAW);
        JsonMapper json = JsonMapper.builder().build();
        byte[] reserialized = json.writeValueAsBytes(json.readTree(RAW));
        assertThat(reserialized).isNotEqualTo(RAW);
        assertThat(WebhookSignature.verify(List.of("shpss_secret"), reserialized, header)).isFalse();
    }

    @Test
    void wrongSecretTamperedBodyAndGarbageHeadersFail() {
        String header = WebhookSignature.sign("shpss_secret", RAW);
        assertThat(WebhookSignature.verify(List.of("other"), RAW, header)).isFalse();
        byte[] tampered = RAW.clone();
        tampered[10] ^= 1;
        assertThat(WebhookSignature.verify(List.of("shpss_secret"), tampered, header)).isFalse();
        assertThat(WebhookSignature.verify(List.of("shpss_secret"), RAW, null)).isFalse();
        assertThat(WebhookSignature.verify(List.of("shpss_secret"), RAW, "not base64 !")).isFalse();
        assertThat(WebhookSignature.verify(List.of(), RAW, header)).isFalse();
    }

    @Test
    void duringARotationEitherSecretIsAccepted() {
        assertThat(WebhookSignature.verify(List.of("new", "old"), RAW, WebhookSignature.sign("old", RAW))).isTrue();
        assertThat(WebhookSignature.verify(List.of("new", "old"), RAW, WebhookSignature.sign("new", RAW))).isTrue();
    }

    @Test
    void knownVector() {
        // RFC 4231-style check of the primitive: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog")
        byte[] body = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.sign("key", body)).isEqualTo("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=");
    }
}
