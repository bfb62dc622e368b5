package com.quimbi.crm.platform.core;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

import com.quimbi.crm.contracts.WireFormat;
import com.quimbi.crm.platform.problem.ProblemHandler;
import com.quimbi.crm.platform.web.NulCharacters;
import com.quimbi.crm.platform.web.RequestSizeLimit;
import com.quimbi.crm.platform.web.StrictRequestBodies;

import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@Import(ProblemHandler.class)
public class CoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    com.quimbi.crm.platform.web.WireEnums wireEnums() {
        return new com.quimbi.crm.platform.web.WireEnums();
    }

    /**
     * Every enum on the wire is its lower-case name, in every service's JSON (Boot adds JacksonModule beans to
     * its JsonMapper). Enums with their own @JsonValue / @JsonProperty names keep them.
     */
    @Bean
    @ConditionalOnMissingBean(name = "wireFormatModule")
    JacksonModule wireFormatModule() {
        return WireFormat.module();
    }

    /** Domain code takes time from this bean, so tests can pin it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The web mechanisms every servlet service shares: body size limit, no NUL in path or query, strict JSON bodies. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Web {

        /** First in the chain, before authentication: an oversized body costs no token check. */
        @Bean
        FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(
                @Value("${crm.web.max-request-bytes}") long maxBytes) {
            FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
                    new RequestSizeLimit(maxBytes));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        /** Right after it: a NUL in the path or query is refused before authentication and conversion. */
        @Bean
        FilterRegistrationBean<NulCharacters> nulCharacters() {
            FilterRegistrationBean<NulCharacters> registration = new FilterRegistrationBean<>(new NulCharacters());
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
            return registration;
        }

        /** Then the bound on requests in flight: an overloaded service sheds with 503 before spending on a token. */
        @Bean
        FilterRegistrationBean<com.quimbi.crm.platform.web.InFlightLimit> inFlightLimit(
                @Value("${crm.web.max-in-flight:0}") int configured,
                @Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize,
                @Value("${crm.web.max-in-flight-wait-ms:250}") long maxWaitMillis) {
            int limit = configured > 0 ? configured : com.quimbi.crm.platform.web.InFlightLimit.defaultLimit(poolSize);
            FilterRegistrationBean<com.quimbi.crm.platform.web.InFlightLimit> registration = new FilterRegistrationBean<>(
                    new com.quimbi.crm.platform.web.InFlightLimit(limit, maxWaitMillis));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
            return registration;
        }

        @Bean
        @ConditionalOnClass(name = "org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer")
        StrictRequestBodies strictRequestBodies(JsonMapper json) {
            return new StrictRequestBodies(json);
        }
    }

    /** Tomcat's own refusals (before any filter) as problems, not its HTML error page. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = { "org.apache.catalina.valves.ErrorReportValve",
            "org.springframework.boot.tomcat.TomcatContextCustomizer" })
    static class TomcatProblems {

        @Bean
        org.springframework.boot.tomcat.TomcatContextCustomizer problemErrorReports() {
            return context -> {
                if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                    host.setErrorReportValveClass(com.quimbi.crm.platform.web.ProblemErrorReportValve.class.getName());
                }
            };
        }
    }

    /** The in-flight limit's numbers, where the service has Micrometer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class InFlightMetrics {

        @Bean
        io.micrometer.core.instrument.binder.MeterBinder inFlightLimitMetrics(
                FilterRegistrationBean<com.quimbi.crm.platform.web.InFlightLimit> inFlightLimit) {
            com.quimbi.crm.platform.web.InFlightLimit limit = inFlightLimit.getFilter();
            return registry -> {
                io.micrometer.core.instrument.FunctionCounter.builder("crm_http_requests_shed", limit,
                        com.quimbi.crm.platform.web.InFlightLimit::shed)
                        .description("Requests answered 503 because the service was at its in-flight limit")
                        .register(registry);
                io.micrometer.core.instrument.Gauge.builder("crm_http_requests_in_flight", limit,
                        com.quimbi.crm.platform.web.InFlightLimit::inFlight).register(registry);
                io.micrometer.core.instrument.Gauge.builder("crm_http_requests_in_flight_limit", limit,
                        com.quimbi.crm.platform.web.InFlightLimit::limit).register(registry);
            };
        }
    }

    /**
     * Every service's OpenAPI document and Swagger UI (springdoc, which platform-core brings): authentication, roles,
     * problem answers, rate limits, written once ({@code ApiDocumentation}).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
    static class ApiDocs {

        @Bean
        @ConditionalOnMissingBean
        com.quimbi.crm.platform.web.ApiDocumentation apiDocumentation(
                @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:http://localhost:18080/realms/crm}") String issuer,
                @Value("${crm.api-docs.token-url:/api/auth/token}") String tokenUrl,
                @Value("${crm.api-docs.client-id:crm-console}") String clientId,
                @Value("${crm.api-docs.rate-limit.replenish-rate:50}") int replenishRate,
                @Value("${crm.api-docs.rate-limit.burst-capacity:100}") int burstCapacity,
                @Value("${crm.web.max-request-bytes}") long maxRequestBytes) {
            return new com.quimbi.crm.platform.web.ApiDocumentation(new com.quimbi.crm.platform.web.ApiDocumentation.Settings(
                    issuer, tokenUrl, clientId, replenishRate, burstCapacity, maxRequestBytes));
        }
    }

    /** Database refusals as 409s, where there is a database (spring-tx brings the DataAccessException tree). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.dao.DataAccessException")
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import({ com.quimbi.crm.platform.problem.ConcurrentChangeProblems.class,
            com.quimbi.crm.platform.problem.UnavailableProblems.class })
    static class Database {
    }
}
