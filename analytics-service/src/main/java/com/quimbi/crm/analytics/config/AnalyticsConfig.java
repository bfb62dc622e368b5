package com.quimbi.crm.analytics.config;

import java.time.ZoneId;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.quimbi.crm.analytics.fact.BusinessHours;

@Configuration
@EnableConfigurationProperties(AnalyticsProperties.class)
class AnalyticsConfig {

    @Bean
    BusinessHours businessHours(AnalyticsProperties properties) {
        AnalyticsProperties.BusinessHoursSettings settings = properties.businessHours();
        return new BusinessHours(ZoneId.of(settings.zone()), Set.copyOf(settings.days()), settings.start(),
                settings.end(), Set.copyOf(settings.holidays()));
    }
}
