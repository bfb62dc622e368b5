package com.quimbi.crm.analytics.fact;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The additive aggregates a transaction changes ({@code ticket_count}, {@code ticket_volume},
 * {@code agent_daily_metrics}, {@code ticket_rollup}), summed in memory and written just before the transaction
 * commits: one upsert per touched row, batched per table, the rows in key order so concurrent writers (the parallel
 * rebuild) lock them in the same order. A live event's transaction writes its few rows; a rebuild batch of a
 * thousand events writes each row it touched once. A touched row is written even when its deltas cancel out, so
 * which rows exist depends only on the events, never on how they were grouped into transactions (the rebuild test
 * compares the tables row by row with live). A table whose rows depend on several topics (ticket_rollup: the
 * category comes from enrichment) deletes its empty rows instead: the topics interleave differently live and in a
 * rebuild, so the rows touched on the way differ, but the non-empty rows do not.
 */
@Component
public class Sums {

    /**
     * An aggregate table: its key columns, its summed columns, its histogram columns (bigint[]), and the column
     * whose zero means the row is empty and is deleted ({@code null}: rows stay, touched rows exist with zeros).
     */
    public record Aggregate(String table, List<String> keys, List<String> sums, List<String> histograms,
            String deletedAtZero) {

        public Aggregate(String table, List<String> keys, List<String> sums, List<String> histograms) {
            this(table, keys, sums, histograms, null);
        }

        String delete() {
            return "DELETE FROM " + table + " WHERE " + keys.stream().map(k -> k + " = ?")
                    .collect(Collectors.joining(" AND ")) + " AND " + deletedAtZero + " = 0";
        }

        String upsert() {
            List<String> columns = new ArrayList<>(keys);
            columns.addAll(sums);
            columns.addAll(histograms);
            String values = columns.stream().map(c -> histograms.contains(c) ? "?::bigint[]" : "?")
                    .collect(Collectors.joining(", "));
            List<String> updates = new ArrayList<>();
            sums.forEach(c -> updates.add(c + " = " + table + "." + c + " + EXCLUDED." + c));
            histograms.forEach(c -> updates.add(c + " = hist_add(" + table + "." + c + ", EXCLUDED." + c + ")"));
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + values
                    + ") ON CONFLICT (" + String.join(", ", keys) + ") DO UPDATE SET " + String.join(", ", updates);
        }
    }

    /** One row's deltas. */
    static final class Row {
        final List<Object> key;
        final long[] sums;
        final long[][] histograms;

        Row(Aggregate aggregate, List<Object> key) {
            this.key = key;
            this.sums = new long[aggregate.sums().size()];
            this.histograms = new long[aggregate.histograms().size()][];
        }
    }

    /** What one transaction has added so far, per table, per row key. */
    static final class Pending {
        final Map<Aggregate, Map<List<Object>, Row>> rows = new TreeMap<>(Comparator.comparing(Aggregate::table));
    }

    private final JdbcTemplate jdbc;

    Sums(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds {@code delta} to {@code column} of the row {@code key} (touching the row even when delta is 0). */
    public void add(Aggregate aggregate, List<Object> key, String column, long delta) {
        row(aggregate, key).sums[index(aggregate.sums(), column)] += delta;
    }

    /** Touches the row {@code key} without changing it (it exists from now on, as after any other write). */
    public void touch(Aggregate aggregate, List<Object> key) {
        row(aggregate, key);
    }

    /** Adds {@code delta} to bucket {@code bucket} of the histogram {@code column} of the row {@code key}. */
    public void addToHistogram(Aggregate aggregate, List<Object> key, String column, int bucket, long delta) {
        Row row = row(aggregate, key);
        int at = index(aggregate.histograms(), column);
        if (row.histograms[at] == null) {
            row.histograms[at] = new long[Histogram.BUCKETS];
        }
        row.histograms[at][bucket] += delta;
    }

    private static int index(List<String> columns, String column) {
        int at = columns.indexOf(column);
        if (at < 0) {
            throw new IllegalArgumentException(column + " is not a column");
        }
        return at;
    }

    private Row row(Aggregate aggregate, List<Object> key) {
        return pending().rows.computeIfAbsent(aggregate, a -> new HashMap<>())
                .computeIfAbsent(key, k -> new Row(aggregate, k));
    }

    private Pending pending() {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                throw new IllegalStateException("aggregates are written only inside a transaction");
            }
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    Sums.this.flush(); // not TransactionSynchronization's own flush()
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Sums.this);
                }
            });
        }
        return pending;
    }

    /** Writes what is pending now (also done before the commit). */
    public void flush() {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            return;
        }
        for (Map.Entry<Aggregate, Map<List<Object>, Row>> table : pending.rows.entrySet()) {
            Aggregate aggregate = table.getKey();
            List<Row> rows = new ArrayList<>(table.getValue().values());
            rows.sort(Comparator.comparing(row -> row.key.toString()));
            jdbc.batchUpdate(aggregate.upsert(), rows, rows.size(), (ps, row) -> bind(ps, aggregate, row));
            if (aggregate.deletedAtZero() != null && rows.stream().anyMatch(row -> row.sums[index(aggregate.sums(),
                    aggregate.deletedAtZero())] <= 0)) {
                // only a row that lost (or did not gain) in that column can be at zero now
                int at = index(aggregate.sums(), aggregate.deletedAtZero());
                List<Row> emptied = rows.stream().filter(row -> row.sums[at] <= 0).toList();
                jdbc.batchUpdate(aggregate.delete(), emptied, emptied.size(), (ps, row) -> {
                    for (int i = 0; i < row.key.size(); i++) {
                        ps.setObject(i + 1, row.key.get(i));
                    }
                });
            }
        }
        pending.rows.clear();
    }

    /** Forgets what is pending (the savepoint it was added under was rolled back). */
    public void discard() {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending != null) {
            pending.rows.clear();
        }
    }

    private static void bind(PreparedStatement ps, Aggregate aggregate, Row row) throws SQLException {
        int column = 1;
        for (Object key : row.key) {
            ps.setObject(column++, key);
        }
        for (long sum : row.sums) {
            ps.setLong(column++, sum);
        }
        for (long[] histogram : row.histograms) {
            long[] counts = histogram == null ? new long[Histogram.BUCKETS] : histogram;
            ps.setString(column++, Arrays.stream(counts).mapToObj(Long::toString)
                    .collect(Collectors.joining(",", "{", "}")));
        }
    }
}
