package com.quimbi.crm.analytics.report;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link DateRange} parameter of a report: bound from the query parameters {@code from}, {@code to} (ISO dates,
 * inclusive) and {@code zone} (IANA, default UTC) by {@link DateRangeResolver}, validated against
 * {@code crm.analytics.max-span-days}. {@code zoned = false}: the report is kept per UTC day, the range is in UTC.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface RangeParams {

    boolean zoned() default true;
}
