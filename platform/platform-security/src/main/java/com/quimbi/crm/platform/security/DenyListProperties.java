package com.quimbi.crm.platform.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The token deny-list every service reads ({@code crm.security.deny-list.*}). The gateway writes it: the key
 * prefixes must be the gateway's {@code crm.gateway.deny-list.key-prefix} and
 * {@code crm.gateway.deactivations.key-prefix} (same defaults; e2e-tests' {@code ServiceDenyListIT} holds them
 * together).
 *
 * @param cacheTtl how long a verdict (denied or not) is kept locally, and how long Redis is left alone after
 *                 it failed: also how long a logout can take to reach a service called directly
 */
@ConfigurationProperties("crm.security.deny-list")
public record DenyListProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue(TokenDenyList.SESSION_KEY_PREFIX) String sessionKeyPrefix,
        @DefaultValue(TokenDenyList.SUBJECT_KEY_PREFIX) String subjectKeyPrefix,
        @DefaultValue("5s") Duration cacheTtl, @DefaultValue("10000") long cacheSize) {
}
