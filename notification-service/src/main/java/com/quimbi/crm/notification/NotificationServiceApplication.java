package com.quimbi.crm.notification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@OpenAPIDefinition(info = @Info(title = "notification-service", version = "v1",
        description = "Real-time agent updates over WebSocket (/ws/agent), presence, collision detection; publishes "
                + "crm.presence.events. Alerts: notification rules, Slack (messages, channels, workspace, signed events "
                + "and buttons), e-mail, batched deliveries."))
public class NotificationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationServiceApplication.class, args);
    }
}
