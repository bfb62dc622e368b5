package com.quimbi.crm.analytics.report;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.MediaType;

/**
 * The CSV of a report ({@link Table}, written by {@link CsvConverter}): one header row with the
 * row record's component names, one line per row (RFC 4180 quoting; a text cell that starts like a formula gets a
 * leading apostrophe so a spreadsheet does not run it).
 */
public final class Tables {

    public static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private Tables() {
    }

    public static String csv(List<? extends Record> rows) {
        StringBuilder out = new StringBuilder();
        if (rows.isEmpty()) {
            return out.toString();
        }
        List<String> header = new java.util.ArrayList<>();
        columns(rows.getFirst().getClass(), "", header);
        out.append(String.join(",", header)).append("\r\n");
        for (Record row : rows) {
            List<Object> values = new java.util.ArrayList<>();
            values(row, rows.getFirst().getClass(), values);
            out.append(values.stream().map(Tables::cell).collect(Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }

    /** Nested records become columns {@code outer.inner}. */
    private static void columns(Class<?> type, String prefix, List<String> header) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getType().isRecord()) {
                columns(component.getType(), prefix + component.getName() + ".", header);
            } else {
                header.add(prefix + component.getName());
            }
        }
    }

    private static void values(Object row, Class<?> type, List<Object> values) {
        for (RecordComponent component : type.getRecordComponents()) {
            Object value;
            try {
                java.lang.reflect.Method accessor = component.getAccessor();
                accessor.setAccessible(true); // rows may be records private to a controller's package
                value = row == null ? null : accessor.invoke(row);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (component.getType().isRecord()) {
                values(value, component.getType(), values);
            } else {
                values.add(value);
            }
        }
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> list) {
            value = list.stream().map(String::valueOf).collect(Collectors.joining(" "));
        }
        String text = String.valueOf(value);
        if (value instanceof CharSequence && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
