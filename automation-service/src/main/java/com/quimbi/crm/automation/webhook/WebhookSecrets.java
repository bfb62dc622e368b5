package com.quimbi.crm.automation.webhook;

import org.springframework.stereotype.Component;

import com.quimbi.crm.platform.crypto.SecretBox;

/** The platform's SecretBox under automation-service's own key (a previous key still opens old rows). */
@Component
class WebhookSecrets {

    private final SecretBox box;

    WebhookSecrets(WebhookProperties properties) {
        this.box = new SecretBox(properties.encryptionKey(), properties.previousEncryptionKeys());
    }

    SecretBox box() {
        return box;
    }
}
