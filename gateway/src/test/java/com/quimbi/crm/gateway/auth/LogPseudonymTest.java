package com.quimbi.crm.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogPseudonymTest {

    @Test
    void theSameUsernameGivesTheSamePseudonymAndNeverTheNameItself() {
        String one = LogPseudonym.of("Eve.Tester@example.com");
        assertThat(one).isEqualTo(LogPseudonym.of(" eve.tester@example.com "));
        assertThat(one).startsWith("user:").hasSize(17).doesNotContain("eve").doesNotContain("example");
        assertThat(LogPseudonym.of("someone.else@example.com")).isNotEqualTo(one);
        assertThat(LogPseudonym.of(null)).isEqualTo("user:-");
    }
}
