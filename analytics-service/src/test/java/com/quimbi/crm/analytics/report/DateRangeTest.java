package com.quimbi.crm.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.platform.problem.InvalidInputException;

class DateRangeTest {

    @Test
    void aRangeCoversWholeDaysInItsZone() {
        DateRange range = DateRange.of(LocalDate.parse("2026-03-28"), LocalDate.parse("2026-03-29"), "Europe/Berlin",
                366, 30);
        assertThat(range.start()).isEqualTo(Instant.parse("2026-03-27T23:00:00Z"));
        assertThat(range.end()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z")); // summer time began
        assertThat(range.previous().to()).isEqualTo(LocalDate.parse("2026-03-27"));
    }

    @Test
    void fromAfterToTooLongAndUnknownZonesAreRejected() {
        assertThatThrownBy(() -> DateRange.of(LocalDate.parse("2026-03-29"), LocalDate.parse("2026-03-28"), null, 366,
                30)).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("from"));
        assertThatThrownBy(() -> DateRange.of(LocalDate.parse("2024-01-01"), LocalDate.parse("2026-01-01"), null, 366,
                30)).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("to"));
        assertThatThrownBy(() -> DateRange.of(null, null, "Mars/Olympus", 366, 30))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("zone"));
    }

    record Row(String name, Long value, List<String> tags) {
    }

    @Test
    void csvQuotesAndDefusesFormulas() {
        String csv = Tables.csv(List.of(new Row("a,b", 1L, List.of("x", "y")), new Row("=HYPERLINK()", null, List.of())));
        assertThat(csv).isEqualTo("name,value,tags\r\n\"a,b\",1,x y\r\n'=HYPERLINK(),,\r\n");
    }
}
