package com.quimbi.crm.ticket.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.platform.problem.InvalidInputException;

class ETagsTest {

    @Test
    void readsStrongWeakAndAnyETags() {
        assertThat(ETags.ifMatch("\"3\"")).isEqualTo(3L);
        assertThat(ETags.ifMatch("W/\"4\"")).isEqualTo(4L);
        assertThat(ETags.ifMatch("*")).isNull();
        assertThat(ETags.ifMatch(null)).isNull();
        assertThatThrownBy(() -> ETags.ifMatch("\"abc\"")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aStaleVersionFailsThePrecondition() {
        ETags.check(null, 5, "x");
        ETags.check(5L, 5, "x");
        assertThatThrownBy(() -> ETags.check(4L, 5, "Ticket #1")).isInstanceOf(PreconditionFailedException.class);
    }
}
