package com.quimbi.crm.notification.fanout;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Every instance subscribes to {@link FrameBus#CHANNEL} and hands each frame to its local sockets of that
 * agent (most instances have none and drop it). Redis pub/sub rather than a per-instance Kafka consumer group:
 * the Kafka consumers stay one group (one instance numbers and stores each event's frames, the inbox dedupes),
 * fan-out costs one PUBLISH per frame, and the per-agent stream already covers what pub/sub may drop.
 */
@Configuration(proxyBeanMethods = false)
class FanoutListener {

    private static final Logger log = LoggerFactory.getLogger(FanoutListener.class);

    @Bean
    RedisMessageListenerContainer frameListenerContainer(RedisConnectionFactory connections, LocalDelivery delivery) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener(listener(delivery), new ChannelTopic(FrameBus.CHANNEL));
        return container;
    }

    private static MessageListener listener(LocalDelivery delivery) {
        return (Message message, byte[] pattern) -> {
            String text = new String(message.getBody(), StandardCharsets.UTF_8);
            int first = text.indexOf('\n');
            int second = first < 0 ? -1 : text.indexOf('\n', first + 1);
            if (second < 0) {
                log.warn("malformed fan-out message ignored");
                return;
            }
            try {
                long seq = Long.parseLong(text.substring(first + 1, second));
                delivery.deliver(text.substring(0, first), new FrameBus.NumberedFrame(seq, text.substring(second + 1)));
            } catch (RuntimeException e) {
                log.warn("fan-out delivery failed: {}", e.toString());
            }
        };
    }
}
