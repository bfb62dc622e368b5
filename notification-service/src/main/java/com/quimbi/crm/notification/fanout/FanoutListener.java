package com.quimbi.crm.notification.fanout;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Every instance subscribes to {@link FrameBus#CHANNEL} and hands each frame to its local sockets of that
 * agent (most instances have none and drop it). Redis pub/sub rather than a per-instance Kafka consumer group:
 * the Kafka consumers stay one group (one instance numbers and stores each event's frames, the inbox dedupes),
 * fan-out costs one PUBLISH per frame, and the per-agent stream already covers what pub/sub may drop.
 * <p>
 * Frames leave the Redis I/O thread at once for one of a few single-threaded lanes chosen by agent, so an agent's
 * frames stay in order and a slow socket holds up only its lane.
 */
@Configuration(proxyBeanMethods = false)
class FanoutListener implements org.springframework.beans.factory.DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FanoutListener.class);
    private static final int LANES = 8;

    private final ExecutorService[] lanes = new ExecutorService[LANES];

    FanoutListener() {
        for (int i = 0; i < LANES; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("fanout-" + i).factory());
        }
    }

    @Override
    public void destroy() {
        for (ExecutorService lane : lanes) {
            lane.shutdownNow();
        }
    }

    @Bean
    RedisMessageListenerContainer frameListenerContainer(RedisConnectionFactory connections, LocalDelivery delivery) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        // dispatch on the subscription thread: the listener only parses and enqueues
        container.setTaskExecutor(new SyncTaskExecutor());
        container.addMessageListener(listener(delivery, lanes), new ChannelTopic(FrameBus.CHANNEL));
        container.addMessageListener(endListener(delivery, lanes), new ChannelTopic(FrameBus.END_CHANNEL));
        // a lost subscription (Redis restarted, a network blip) is re-established; frames missed meanwhile are
        // replayed from the agents' streams on the gap check
        container.setRecoveryBackoff(new ExponentialBackOff(500, 2.0));
        return container;
    }

    /** In the agent's lane, like its frames: a socket is never written by two threads at once. */
    private static MessageListener endListener(LocalDelivery delivery, ExecutorService[] lanes) {
        return (Message message, byte[] pattern) -> {
            String text = new String(message.getBody(), StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            String agentId = newline < 0 ? text : text.substring(0, newline);
            String reason = newline < 0 ? "ended" : text.substring(newline + 1);
            lanes[Math.floorMod(agentId.hashCode(), lanes.length)].execute(() -> {
                try {
                    delivery.end(agentId, reason);
                } catch (RuntimeException e) {
                    // broad on purpose: a task of the agent's lane; whatever one agent's sockets throw must not reach
                    // the executor (lost there) or stop the lane's other agents. Logged with its stack.
                    log.warn("ending sessions failed: {}", e.toString(), e);
                }
            });
        };
    }

    private static MessageListener listener(LocalDelivery delivery, ExecutorService[] lanes) {
        return (Message message, byte[] pattern) -> {
            String text = new String(message.getBody(), StandardCharsets.UTF_8);
            int first = text.indexOf('\n');
            int second = first < 0 ? -1 : text.indexOf('\n', first + 1);
            if (second < 0) {
                log.warn("malformed fan-out message ignored");
                return;
            }
            String agentId = text.substring(0, first);
            FrameBus.NumberedFrame frame;
            try {
                frame = new FrameBus.NumberedFrame(Long.parseLong(text.substring(first + 1, second)),
                        text.substring(second + 1));
            } catch (NumberFormatException e) {
                log.warn("malformed fan-out message ignored");
                return;
            }
            lanes[Math.floorMod(agentId.hashCode(), lanes.length)].execute(() -> {
                try {
                    delivery.deliver(agentId, frame);
                } catch (RuntimeException e) {
                    // broad on purpose, as above: one agent's socket failing must not stop the lane; the agent's client
                    // sees the gap in seq and reads the frame back from its stream. Logged with its stack.
                    log.warn("fan-out delivery failed: {}", e.toString(), e);
                }
            });
        };
    }
}
