package com.quimbi.crm.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    static final String OLD = Base64.getEncoder().encodeToString("old-key-old-key-old-key-old-key!".getBytes());
    static final String NEW = Base64.getEncoder().encodeToString("new-key-new-key-new-key-new-key!".getBytes());

    @Test
    void sealsWithAFreshIvAndOpensAgain() {
        SecretBox box = new SecretBox(NEW, List.of());
        String a = box.encrypt("shpat_token");
        String b = box.encrypt("shpat_token");
        assertThat(a).isNotEqualTo(b).doesNotContain("shpat_token").startsWith("v1:");
        assertThat(box.decrypt(a)).isEqualTo("shpat_token");
        assertThat(box.decrypt(b)).isEqualTo("shpat_token");
    }

    @Test
    void aTamperedCiphertextIsRefused() {
        SecretBox box = new SecretBox(NEW, List.of());
        String sealed = box.encrypt("shpat_token");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(sealed.lastIndexOf(':') + 1));
        raw[raw.length - 1] ^= 1;
        String tampered = sealed.substring(0, sealed.lastIndexOf(':') + 1) + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> box.decrypt(tampered)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void afterARotationOldValuesOpenAndAreNotCurrent() {
        String sealedOld = new SecretBox(OLD, List.of()).encrypt("shpat_token");
        SecretBox rotated = new SecretBox(NEW, List.of(OLD));
        assertThat(rotated.decrypt(sealedOld)).isEqualTo("shpat_token");
        assertThat(rotated.isCurrent(sealedOld)).isFalse();
        assertThat(rotated.isCurrent(rotated.encrypt("x"))).isTrue();
        // without the old key the value cannot be opened, and the error says what to do
        assertThatThrownBy(() -> new SecretBox(NEW, List.of()).decrypt(sealedOld)).hasMessageContaining("previous-keys");
    }

    @Test
    void aKeyMustBe32Bytes() {
        assertThatThrownBy(() -> new SecretBox(Base64.getEncoder().encodeToString(new byte[16]), List.of()))
                .hasMessageContaining("32 bytes");
    }
}
