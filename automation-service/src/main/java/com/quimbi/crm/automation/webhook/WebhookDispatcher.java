package com.quimbi.crm.automation.webhook;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.quimbi.crm.automation.polling.DuePoller;

/** Due deliveries every {@code poll-interval} (500 ms), one attempt per transaction ({@link WebhookSender}). */
@Component
@ConditionalOnProperty(name = "crm.automation.webhooks.dispatcher-enabled", havingValue = "true", matchIfMissing = true)
class WebhookDispatcher extends DuePoller {

    WebhookDispatcher(WebhookSender sender, WebhookProperties properties) {
        super("webhooks", properties.pollInterval(), sender::sendNextDue);
    }
}
