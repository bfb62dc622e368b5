package com.quimbi.crm.analytics.ticket;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.analytics.fact.Histogram;
import com.quimbi.crm.analytics.fact.TicketRollup;
import com.quimbi.crm.analytics.report.DateRange;

/**
 * Reads {@code ticket_rollup}: the rows of a range's whole UTC months and of its other days, summed per value.
 * A range that does not start and end at UTC midnight (a zone with another offset) is not made of rollup rows:
 * {@link #covers} says so and the reports read the ticket rows instead.
 */
@Repository
class TicketRollups {

    /** A range's sums for one value: the columns of {@link TicketRollup#TABLE} and its histograms. */
    static final class Totals {
        final long[] sums = new long[TicketRollup.TABLE.sums().size()];
        final Histogram[] histograms = new Histogram[TicketRollup.TABLE.histograms().size()];

        long sum(String column) {
            return sums[TicketRollup.TABLE.sums().indexOf(column)];
        }

        /** The histogram (empty when the query did not read it or found no rows). */
        Histogram histogram(String column) {
            Histogram histogram = histograms[TicketRollup.TABLE.histograms().indexOf(column)];
            return histogram == null ? new Histogram() : histogram;
        }

        /** sum(column) / sum(count), null without any. */
        Double average(String column, String count) {
            long n = sum(count);
            return n == 0 ? null : (double) sum(column) / n;
        }
    }

    private final JdbcTemplate jdbc;

    TicketRollups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static boolean covers(DateRange range) {
        return range.start().getEpochSecond() % 86_400 == 0 && range.end().getEpochSecond() % 86_400 == 0;
    }

    /**
     * Totals per value of {@code dimension} ({@code values} null: every value) for tickets of {@code basis}, with
     * the histograms named (each is 191 numbers a row: only those a report needs are read).
     */
    Map<String, Totals> totals(DateRange range, String basis, String dimension, List<String> values,
            List<String> histograms) {
        LocalDate first = LocalDate.ofInstant(range.start(), ZoneOffset.UTC);
        LocalDate end = LocalDate.ofInstant(range.end(), ZoneOffset.UTC);
        List<LocalDate> months = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = first; day.isBefore(end);) {
            LocalDate nextMonth = day.withDayOfMonth(1).plusMonths(1);
            if (day.getDayOfMonth() == 1 && !nextMonth.isAfter(end)) {
                months.add(day);
                day = nextMonth;
            } else {
                days.add(day);
                day = day.plusDays(1);
            }
        }
        List<String> columns = new ArrayList<>(TicketRollup.TABLE.sums());
        columns.addAll(histograms);
        String sql = "SELECT value, " + String.join(", ", columns) + " FROM ticket_rollup WHERE basis = ? AND "
                + "dimension = ?" + (values == null ? "" : " AND value = ANY (?)")
                + " AND ((grain = 'm' AND period = ANY (?::date[])) OR (grain = 'd' AND period = ANY (?::date[])))";
        List<Object> args = new ArrayList<>(List.of(basis, dimension));
        if (values != null) {
            args.add(values.toArray(String[]::new));
        }
        args.add(dates(months));
        args.add(dates(days));
        Map<String, Totals> totals = new LinkedHashMap<>();
        jdbc.query(sql, rs -> {
            Totals t = totals.computeIfAbsent(rs.getString(1), v -> new Totals());
            int column = 2;
            for (int i = 0; i < t.sums.length; i++) {
                t.sums[i] += rs.getLong(column++);
            }
            for (String histogram : histograms) {
                int i = TicketRollup.TABLE.histograms().indexOf(histogram);
                long[] counts = counts(rs, column++);
                t.histograms[i] = t.histograms[i] == null ? Histogram.of(counts) : t.histograms[i].merge(counts);
            }
        }, args.toArray());
        return totals;
    }

    /** The totals of every value together. */
    Totals total(DateRange range, String basis, String dimension, List<String> values, List<String> histograms) {
        Totals all = new Totals();
        for (Totals t : totals(range, basis, dimension, values, histograms).values()) {
            for (int i = 0; i < all.sums.length; i++) {
                all.sums[i] += t.sums[i];
            }
            for (int i = 0; i < all.histograms.length; i++) {
                if (t.histograms[i] != null) {
                    all.histograms[i] = all.histograms[i] == null ? Histogram.of(t.histograms[i].counts())
                            : all.histograms[i].merge(t.histograms[i].counts());
                }
            }
        }
        return all;
    }

    private static long[] counts(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        Object[] values = (Object[]) array.getArray();
        long[] counts = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            counts[i] = ((Number) values[i]).longValue();
        }
        return counts;
    }

    private static String[] dates(List<LocalDate> days) {
        return days.stream().map(LocalDate::toString).toArray(String[]::new);
    }

}
