package com.quimbi.crm.automation.csat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * The survey page is for customers, who have no login: its signed, expiring token in the path is the
 * authentication (CsatLinks). The gateway rate-limits it per client address like every /api call. Everything else
 * keeps the platform's chain (token + roles).
 */
@Configuration(proxyBeanMethods = false)
class CsatSecurityConfig {

    @Bean
    WebSecurityCustomizer csatPageWithoutToken() {
        return web -> web.ignoring().requestMatchers("/api/csat/*");
    }
}
