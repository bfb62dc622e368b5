package com.quimbi.crm.analytics.report;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.quimbi.crm.analytics.config.AnalyticsProperties;

/** What every report shares: the range parameters and the CSV answer. */
@Configuration
class ReportWebConfig implements WebMvcConfigurer {

    private final AnalyticsProperties properties;

    ReportWebConfig(AnalyticsProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new DateRangeResolver(properties));
    }

    @Override
    @SuppressWarnings("deprecation") // appended after the defaults on purpose: JSON stays the default answer
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(new CsvConverter());
    }
}
