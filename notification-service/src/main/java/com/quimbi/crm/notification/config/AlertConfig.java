package com.quimbi.crm.notification.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

import com.quimbi.crm.platform.crypto.SecretBox;

/**
 * Alerts: the Slack secrets' encryption (the platform's SecretBox, as integration-service seals shop tokens), and
 * Slack's webhooks outside the token chain: they carry no JWT and are authenticated by Slack's signature over the
 * raw body in slack/SlackSignature.
 */
@Configuration(proxyBeanMethods = false)
class AlertConfig {

    @Bean
    SecretBox secretBox(AlertProperties properties) {
        return new SecretBox(properties.encryption().key(), properties.encryption().previousKeys());
    }

    @Bean
    WebSecurityCustomizer slackWebhooksWithoutToken() {
        return web -> web.ignoring().requestMatchers(HttpMethod.POST, "/webhooks/slack/events",
                "/webhooks/slack/interactivity", "/api/slack/webhooks/events");
    }
}
