package com.quimbi.crm.integration.sync;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code mode} absent = {@code auto}: bulk from {@code crm.integration.sync.bulk-threshold} customers on. */
public record StartSyncRequest(@NotBlank @Size(max = 255) String shop, SyncMode mode) {
}
