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

        @Bean
        @ConditionalOnClass(name = "org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer")
        StrictRequestBodies strictRequestBodies(JsonMapper json) {
            return new StrictRequestBodies(json);
        }
    }

    /** Database refusals as 409s, where there is a database (spring-tx brings the DataAccessException tree). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.dao.DataAccessException")
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import(com.quimbi.crm.platform.problem.ConcurrentChangeProblems.class)
    static class Database {
    }
}
