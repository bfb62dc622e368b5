package com.quimbi.crm.platform.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import com.github.benmanes.caffeine.cache.Ticker;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Every resource server rejects the tokens the gateway revoked (logout, deactivation), read from the same
 * Redis keys the gateway writes ({@link TokenDenyList}). Off with {@code crm.security.deny-list.enabled=false}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration")
@ConditionalOnClass(StringRedisTemplate.class)
@ConditionalOnProperty(name = "crm.security.deny-list.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DenyListProperties.class)
public class TokenDenyListAutoConfiguration {

    @Bean
    @ConditionalOnBean(StringRedisTemplate.class)
    @ConditionalOnMissingBean
    TokenDenyList tokenDenyList(StringRedisTemplate redis, DenyListProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable();
        Runnable countUnavailable = registry == null ? () -> { } : Counter.builder("crm.security.deny_list.unavailable")
                .description("Token deny-list lookups that failed: tokens accepted unchecked")
                .register(registry)::increment;
        return new TokenDenyList(TokenDenyList.redis(keys -> redis.opsForValue().multiGet(keys)), properties,
                Ticker.systemTicker(), countUnavailable);
    }

    @Bean
    @ConditionalOnBean(TokenDenyList.class)
    OAuth2TokenValidator<Jwt> denyListTokenValidator(TokenDenyList denyList) {
        return new DenyListTokenValidator(denyList);
    }

    /**
     * The deny-list sits on the path of every request: while Redis is disconnected, commands fail at once
     * instead of queueing until the command timeout.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileRedisDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
