package com.quimbi.crm.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.platform.problem.PreconditionFailedException;

class ETagsTest {

    @Test
    void aVersionTravelsAsAStrongETag() {
        assertThat(ETags.of(3)).isEqualTo("\"3\"");
        assertThat(ETags.ifMatch(ETags.of(3))).isEqualTo(3L);
        assertThat(ETags.ifMatch("W/\"3\"")).isEqualTo(3L);
    }

    @Test
    void noHeaderOrAStarIsNoPrecondition() {
        assertThat(ETags.ifMatch(null)).isNull();
        assertThat(ETags.ifMatch("")).isNull();
        assertThat(ETags.ifMatch("*")).isNull();
        assertThatCode(() -> ETags.check(null, 7, "Ticket T-1")).doesNotThrowAnyException();
    }

    @Test
    void theCurrentVersionPasses() {
        assertThatCode(() -> ETags.check(ETags.ifMatch("\"7\""), 7, "Ticket T-1")).doesNotThrowAnyException();
    }

    @Test
    void anotherVersionFailsThePrecondition() {
        assertThatThrownBy(() -> ETags.check(ETags.ifMatch("\"6\""), 7, "Ticket T-1"))
                .isInstanceOf(PreconditionFailedException.class).hasMessageContaining("has changed");
    }

    @Test
    void aMalformedIfMatchFailsThePreconditionToo() {
        for (String header : new String[] { "7", "\"abc\"", "\"\"", "\"-1\"", "\"7\", \"8\"", "W/" }) {
            assertThat(ETags.ifMatch(header)).as(header).isEqualTo(ETags.NO_VERSION);
            assertThatThrownBy(() -> ETags.check(ETags.ifMatch(header), 7, "Ticket T-1")).as(header)
                    .isInstanceOf(PreconditionFailedException.class).hasMessageContaining("If-Match must be");
        }
    }
}
