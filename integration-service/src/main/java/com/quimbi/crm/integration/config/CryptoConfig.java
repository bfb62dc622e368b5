package com.quimbi.crm.integration.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.quimbi.crm.platform.crypto.SecretBox;

@Configuration(proxyBeanMethods = false)
class CryptoConfig {

    @Bean
    SecretBox secretBox(IntegrationProperties properties) {
        return new SecretBox(properties.encryption().key(), properties.encryption().previousKeys());
    }
}
