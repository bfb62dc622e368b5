package com.quimbi.crm.quimbi.config;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.cache.interceptor.LoggingCacheErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;

/**
 * Spring Cache on Redis, one TTL per cache (crm.cache.ttl.*): the product wants DNA and churn at most 15
 * minutes old and a draft kept for an hour. Hit/miss counts come from Boot's cache metrics
 * (cache_gets_total{cache, result="hit"|"miss"}), as statistics are enabled in application.yml.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
public class CacheConfig implements CachingConfigurer {

    @ConfigurationProperties("crm.cache")
    public record CacheProperties(Map<String, Duration> ttl) {
    }

    @Bean
    RedisCacheManagerBuilderCustomizer perCacheTtls(CacheProperties properties) {
        return builder -> properties.ttl().forEach((cache, ttl) -> builder.withCacheConfiguration(cache,
                RedisCacheConfiguration.defaultCacheConfig().prefixCacheNameWith("quimbi-adapter::").entryTtl(ttl)));
    }

    /** Redis down or a stale entry that no longer deserializes: log it and compute the answer, never fail. */
    @Override
    public CacheErrorHandler errorHandler() {
        return new LoggingCacheErrorHandler(false);
    }
}
