package com.quimbi.crm.analytics.report;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import com.quimbi.crm.analytics.config.AnalyticsProperties;
import com.quimbi.crm.platform.problem.InvalidInputException;

/** Binds a {@link RangeParams} {@link DateRange} from {@code from}, {@code to} and {@code zone}: once for every report. */
final class DateRangeResolver implements HandlerMethodArgumentResolver {

    private final AnalyticsProperties properties;

    DateRangeResolver(AnalyticsProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == DateRange.class && parameter.hasParameterAnnotation(RangeParams.class);
    }

    @Override
    public DateRange resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binders) {
        boolean zoned = parameter.getParameterAnnotation(RangeParams.class).zoned();
        return DateRange.of(date(request, "from"), date(request, "to"), zoned ? request.getParameter("zone") : "UTC",
                properties.maxSpanDays(), properties.defaultSpanDays());
    }

    private static LocalDate date(NativeWebRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, "is not an ISO date (YYYY-MM-DD)");
        }
    }
}
