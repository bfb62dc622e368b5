package com.quimbi.crm.automation.webhook;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** {@code enabled} defaults to true; enabling a disabled endpoint clears its failure streak. */
public record WebhookEndpointRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 2000) String url,
        @NotEmpty @Size(max = 6) List<String> events, Boolean enabled) {
}
