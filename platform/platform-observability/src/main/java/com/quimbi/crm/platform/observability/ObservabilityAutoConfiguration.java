package com.quimbi.crm.platform.observability;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.tracing.Tracer;

/**
 * Tracing helpers and the request id in logs, for servlet services and the WebFlux gateway alike.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
public class ObservabilityAutoConfiguration {

    @Bean
    @ConditionalOnBean(Tracer.class)
    @ConditionalOnMissingBean
    TraceContext traceContext(Tracer tracer) {
        return new TraceContext(tracer);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnExpression("!'${crm.error-tracking.dsn:}'.isBlank()")
    ErrorTracking errorTracking(@Value("${crm.error-tracking.dsn}") String dsn,
            @Value("${crm.error-tracking.environment:local}") String environment,
            @Value("${spring.application.name:application}") String service) {
        String release = ErrorTracking.class.getPackage().getImplementationVersion();
        return new ErrorTracking(dsn, environment, service, release == null ? "dev" : release);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "jakarta.servlet.Filter")
    static class ServletRequestIds {

        @Bean
        @ConditionalOnMissingBean
        RequestIdFilter requestIdFilter() {
            return new RequestIdFilter();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(name = { "reactor.core.publisher.Hooks", "io.micrometer.context.ContextRegistry" })
    static class ReactiveRequestIdsInMdc {

        ReactiveRequestIdsInMdc() {
            ReactiveRequestIds.registerMdcAccessor();
        }
    }
}
