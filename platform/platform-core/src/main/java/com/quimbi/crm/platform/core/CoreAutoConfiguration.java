package com.quimbi.crm.platform.core;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import com.quimbi.crm.contracts.WireFormat;
import com.quimbi.crm.platform.problem.ProblemHandler;

import tools.jackson.databind.JacksonModule;

@AutoConfiguration
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
}
