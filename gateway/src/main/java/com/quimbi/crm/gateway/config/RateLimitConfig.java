package com.quimbi.crm.gateway.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.quimbi.crm.gateway.problem.Problems;
import com.quimbi.crm.gateway.ratelimit.RateLimitWebFilter;

/** One Redis token bucket per user (or client IP), replenish/burst from {@code crm.gateway.rate-limit}. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfig {

    /** Replaces the gateway's auto-configured limiter: same Redis Lua script, our default config. */
    @Bean
    RedisRateLimiter redisRateLimiter(CrmGatewayProperties properties) {
        CrmGatewayProperties.RateLimit settings = properties.rateLimit();
        return new RedisRateLimiter(settings.replenishRate(), settings.burstCapacity(), settings.requestedTokens());
    }

    @Bean
    @ConditionalOnProperty(name = "crm.gateway.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
    RateLimitWebFilter rateLimitWebFilter(RedisRateLimiter redisRateLimiter, KeyResolver keyResolver,
            Problems problems, CrmGatewayProperties properties) {
        return new RateLimitWebFilter(redisRateLimiter, keyResolver, problems, properties.rateLimit());
    }
}
