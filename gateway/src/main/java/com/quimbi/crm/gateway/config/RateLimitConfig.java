package com.quimbi.crm.gateway.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.quimbi.crm.gateway.problem.Problems;
import com.quimbi.crm.gateway.ratelimit.RateLimitWebFilter;
import com.quimbi.crm.gateway.webhook.WebhookIngressFilter;

/**
 * One Redis token bucket per user (or client IP), replenish/burst from {@code crm.gateway.rate-limit}; webhooks
 * have their own buckets (per partner source, {@code crm.gateway.webhooks}).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfig {

    /** Replaces the gateway's auto-configured limiter: same Redis Lua script, our default config. */
    @Bean
    RedisRateLimiter redisRateLimiter(CrmGatewayProperties properties) {
        CrmGatewayProperties.RateLimit settings = properties.rateLimit();
        RedisRateLimiter limiter = new RedisRateLimiter(settings.replenishRate(), settings.burstCapacity(),
                settings.requestedTokens());
        CrmGatewayProperties.Webhooks webhooks = properties.webhooks();
        limiter.getConfig().put(WebhookIngressFilter.LIMITER_ID, new RedisRateLimiter.Config()
                .setReplenishRate(webhooks.replenishRate()).setBurstCapacity(webhooks.burstCapacity()).setRequestedTokens(1));
        return limiter;
    }

    @Bean
    WebhookIngressFilter webhookIngressFilter(RedisRateLimiter redisRateLimiter, Problems problems,
            CrmGatewayProperties properties) {
        return new WebhookIngressFilter(redisRateLimiter, problems, properties.webhooks());
    }

    @Bean
    @ConditionalOnProperty(name = "crm.gateway.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
    RateLimitWebFilter rateLimitWebFilter(RedisRateLimiter redisRateLimiter, KeyResolver keyResolver,
            Problems problems, CrmGatewayProperties properties) {
        return new RateLimitWebFilter(redisRateLimiter, keyResolver, problems, properties.rateLimit());
    }

    /** {@code crm_rate_limit_failed_open_total}: requests let through because Redis did not answer in time. */
    @Bean
    @ConditionalOnProperty(name = "crm.gateway.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
    io.micrometer.core.instrument.binder.MeterBinder rateLimitFailedOpenMetric(RateLimitWebFilter filter) {
        return registry -> io.micrometer.core.instrument.FunctionCounter
                .builder("crm_rate_limit_failed_open", filter, RateLimitWebFilter::failedOpen)
                .description("Requests let through because the rate limiter (Redis) did not answer in time")
                .register(registry);
    }
}
