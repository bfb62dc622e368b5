package com.quimbi.crm.gateway.config;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.lettuce.core.ClientOptions;

/**
 * Redis sits on the hot path of every request (rate limit, session deny-list), and both fail open. While
 * the connection is down, commands fail at once instead of queueing until the command timeout, so a Redis
 * outage does not add seconds to every request.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfig {

    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
