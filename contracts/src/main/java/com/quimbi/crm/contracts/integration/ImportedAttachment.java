package com.quimbi.crm.contracts.integration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A file of an imported message: its bytes stay with integration-service, agents download them from {@code url}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImportedAttachment(String name, String contentType, Long size, String url, Boolean inline) {
}
