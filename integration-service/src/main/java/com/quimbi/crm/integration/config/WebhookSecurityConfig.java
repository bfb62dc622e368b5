package com.quimbi.crm.integration.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * Shopify's deliveries carry no JWT: they are authenticated by their HMAC (webhook/WebhookSignature), so the
 * resource-server chain does not look at them. Everything else keeps the platform's chain (token + roles).
 */
@Configuration(proxyBeanMethods = false)
class WebhookSecurityConfig {

    @Bean
    WebSecurityCustomizer partnerWebhooksWithoutToken() {
        return web -> web.ignoring().requestMatchers(HttpMethod.POST, "/webhooks/shopify");
    }
}
