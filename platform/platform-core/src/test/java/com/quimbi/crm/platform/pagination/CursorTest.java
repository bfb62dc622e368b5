package com.quimbi.crm.platform.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void keysSurviveTheRoundTrip() {
        List<String> keys = List.of("2026-11-26T09:15:00Z", "0193a0c4-7a90-7d11-8e2f-3c4b5a697801");

        assertThat(Cursor.decode(Cursor.encode(keys), 2)).isEqualTo(keys);
    }

    @Test
    void aTamperedCursorIsRejected() {
        assertThatThrownBy(() -> Cursor.decode("%%%", 2)).isInstanceOf(Cursor.InvalidCursorException.class);
        assertThatThrownBy(() -> Cursor.decode(Cursor.encode(List.of("only-one")), 2))
                .isInstanceOf(Cursor.InvalidCursorException.class);
    }

    @Test
    void theLimitIsCapped() {
        assertThat(Cursor.limit(null)).isEqualTo(Cursor.DEFAULT_LIMIT);
        assertThat(Cursor.limit(10_000)).isEqualTo(Cursor.MAX_LIMIT);
        assertThat(Cursor.limit(-3)).isEqualTo(1);
        assertThat(Cursor.limit(25)).isEqualTo(25);
    }
}
