package com.quimbi.crm.integration.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * Shopify's deliveries carry no JWT: they are authenticated by their HMAC (webhook/WebhookSignature), so the
 * resource-server chain does not look at them; nor at the OAuth install and callback, which the merchant's
 * browser reaches (the callback is authenticated by Shopify's query hmac and our single-use state). Everything else keeps the platform's chain (token + roles).
 */
@Configuration(proxyBeanMethods = false)
class WebhookSecurityConfig {

    @Bean
    WebSecurityCustomizer partnerWebhooksWithoutToken() {
        return web -> web.ignoring().requestMatchers(HttpMethod.POST, "/webhooks/shopify")
                .requestMatchers(HttpMethod.GET, "/api/shopify/install", "/api/shopify/oauth/callback");
    }
}
