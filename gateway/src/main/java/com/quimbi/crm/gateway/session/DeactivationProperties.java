package com.quimbi.crm.gateway.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deactivated agents ({@code agent.deactivated} on {@code crm.agent.events}): their subject is denied for
 * {@code ttl}, which must cover the access-token lifespan (300 s in realm crm) plus the relay delay.
 */
@ConfigurationProperties("crm.gateway.deactivations")
public record DeactivationProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("crm:gateway:denied-sub:") String keyPrefix, @DefaultValue("15m") Duration ttl) {
}
