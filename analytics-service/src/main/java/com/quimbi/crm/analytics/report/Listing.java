package com.quimbi.crm.analytics.report;

import java.time.LocalDate;
import java.util.List;

/** A list answer with the range it covers. */
public record Listing<T>(LocalDate from, LocalDate to, List<T> items) {
}
