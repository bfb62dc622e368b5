package com.quimbi.crm.integration.sync;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record StartSyncRequest(@NotBlank @Size(max = 255) String shop) {
}
