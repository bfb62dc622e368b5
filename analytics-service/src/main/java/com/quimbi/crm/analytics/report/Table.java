package com.quimbi.crm.analytics.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A report answer that is JSON ({@code body}, as is) or, when the request accepts {@code text/csv}, the CSV of
 * {@code rows} named {@code name}.csv ({@link CsvConverter}). Controllers return it and never look at the Accept
 * header themselves.
 */
public record Table(String name, List<? extends Record> rows, Object body) {

    /** A list endpoint whose JSON is {@code {"from","to","items"}}. */
    public static Table listing(String name, DateRange range, List<? extends Record> rows) {
        return new Table(name, rows, new Listing<>(range == null ? null : range.from(), range == null ? null : range.to(), rows));
    }

    @JsonValue
    public Object json() {
        return body;
    }
}
