package com.quimbi.crm.integration.gorgias;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The REST API user's e-mail and API key (Settings → REST API in Gorgias), and the secret the HTTP integration sends
 * in {@code X-CRM-Gorgias-Secret} (at least 24 characters; generate one, e.g. {@code openssl rand -hex 24}).
 */
public record ConnectGorgiasRequest(@NotBlank @Email @Size(max = 320) String email,
        @NotBlank @Size(max = 255) String apiKey, @NotBlank @Size(min = 24, max = 255) String webhookSecret) {

    @Override
    public String toString() {
        return "ConnectGorgiasRequest[" + email + ", credentials hidden]";
    }
}
