package com.quimbi.crm.quimbi.draft;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Optional: how the reply should sound. Defaults to friendly.")
public record DraftRequest(@Schema(example = "friendly") Tone tone) {
}
