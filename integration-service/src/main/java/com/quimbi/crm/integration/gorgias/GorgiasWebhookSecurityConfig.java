package com.quimbi.crm.integration.gorgias;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * Gorgias's deliveries carry no JWT: the shared secret header authenticates them (GorgiasWebhookService), so the
 * resource-server chain does not look at {@code POST /webhooks/gorgias/*}. Everything else keeps token + roles.
 */
@Configuration(proxyBeanMethods = false)
class GorgiasWebhookSecurityConfig {

    @Bean
    WebSecurityCustomizer gorgiasWebhooksWithoutToken() {
        return web -> web.ignoring().requestMatchers(HttpMethod.POST, "/webhooks/gorgias/*");
    }
}
