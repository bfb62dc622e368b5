package com.quimbi.crm.platform.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.platform.pagination.Cursor.InvalidCursorException;

class CursorTest {

    private static final Instant AT = Instant.parse("2026-11-26T09:15:00Z");
    private static final UUID ID = UUID.fromString("0193a0c4-7a90-7d11-8e2f-3c4b5a697801");

    @Test
    void keysSurviveTheRoundTrip() {
        Cursor.Keys keys = Cursor.decode(Cursor.encode("tickets.priority", 3, AT, ID, 0.25f), "tickets.priority", 4);

        assertThat(keys.integer(0)).isEqualTo(3);
        assertThat(keys.instant(1)).isEqualTo(AT);
        assertThat(keys.uuid(2)).isEqualTo(ID);
        assertThat(keys.real(3)).isEqualTo(0.25f);
    }

    @Test
    void noCursorIsTheFirstPage() {
        assertThat(Cursor.decode(null, "agents", 2)).isNull();
        assertThat(Cursor.decode(" ", "agents", 2)).isNull();
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> Cursor.decode("%%%", "agents", 2)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> Cursor.decode("AAAA", "agents", 2)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void aTruncatedCursorIsRefused() {
        String cursor = Cursor.encode("agents", AT, ID);

        for (int cut = 1; cut < cursor.length(); cut += 3) {
            String truncated = cursor.substring(0, cursor.length() - cut);
            assertThatThrownBy(() -> Cursor.decode(truncated, "agents", 2)).as(truncated)
                    .isInstanceOf(InvalidCursorException.class);
        }
    }

    @Test
    void aTamperedCursorIsRefusedEvenWhenItStillDecodes() {
        byte[] raw = Base64.getUrlDecoder().decode(Cursor.encode("agents", AT, ID));
        String text = new String(raw, StandardCharsets.ISO_8859_1).replace("2026", "2025");
        String tampered = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> Cursor.decode(tampered, "agents", 2)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void aCursorOfAnotherListOrSortIsRefused() {
        String created = Cursor.encode("tickets.created", AT, ID);

        assertThatThrownBy(() -> Cursor.decode(created, "tickets.updated", 2))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> Cursor.decode(created, "customers", 2)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> Cursor.decode(created, "tickets.created", 3))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void aKeyOfTheWrongTypeIsRefused() {
        Cursor.Keys keys = Cursor.decode(Cursor.encode("x", "not-a-time", "1-2-3-4-5", "NaN"), "x", 3);

        assertThatThrownBy(() -> keys.instant(0)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> keys.uuid(1)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> keys.real(2)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> keys.integer(2)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void aPageHasANextCursorOnlyWhenThereIsMore() {
        CursorPage<String> full = CursorPage.of(List.of("a", "b", "c"), 2, last -> "after-" + last);
        CursorPage<String> last = CursorPage.of(List.of("a", "b"), 2, row -> "after-" + row);

        assertThat(full.items()).containsExactly("a", "b");
        assertThat(full.nextCursor()).isEqualTo("after-b");
        assertThat(last.items()).containsExactly("a", "b");
        assertThat(last.nextCursor()).isNull();
        assertThat(full.map(String::toUpperCase)).isEqualTo(new CursorPage<>(List.of("A", "B"), "after-b"));
    }

    @Test
    void theLimitIsCapped() {
        assertThat(Cursor.limit(null)).isEqualTo(Cursor.DEFAULT_LIMIT);
        assertThat(Cursor.limit(10_000)).isEqualTo(Cursor.MAX_LIMIT);
        assertThat(Cursor.limit(-3)).isEqualTo(1);
        assertThat(Cursor.limit(25)).isEqualTo(25);
    }
}
