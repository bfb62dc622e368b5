package com.quimbi.crm.platform.observability;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.micrometer.tracing.Tracer;

@AutoConfiguration(afterName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
public class ObservabilityAutoConfiguration {

    @Bean
    @ConditionalOnBean(Tracer.class)
    @ConditionalOnMissingBean
    TraceContext traceContext(Tracer tracer) {
        return new TraceContext(tracer);
    }
}
