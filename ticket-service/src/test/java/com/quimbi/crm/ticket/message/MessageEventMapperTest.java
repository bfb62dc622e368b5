package com.quimbi.crm.ticket.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text in message events is capped as the schema counts (code points), never splitting a character. */
class MessageEventMapperTest {

    @Test
    void textWithinTheLimitIsKept() {
        String text = "😀".repeat(MessageEventMapper.TEXT_LIMIT);
        assertThat(MessageEventMapper.cap(text)).isEqualTo(text);
    }

    @Test
    void longerTextIsCutAtTheLimitInCodePoints() {
        String text = "a" + "😀".repeat(MessageEventMapper.TEXT_LIMIT);
        String capped = MessageEventMapper.cap(text);
        assertThat(capped.codePointCount(0, capped.length())).isEqualTo(MessageEventMapper.TEXT_LIMIT);
        assertThat(Character.isHighSurrogate(capped.charAt(capped.length() - 1))).isFalse();
        assertThat(capped).isEqualTo("a" + "😀".repeat(MessageEventMapper.TEXT_LIMIT - 1));
    }
}
