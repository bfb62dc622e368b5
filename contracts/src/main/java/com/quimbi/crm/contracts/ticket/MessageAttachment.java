package com.quimbi.crm.contracts.ticket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A file of a message in {@code message.added}: metadata and where ticket-service's client stored it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageAttachment(String name, String contentType, long size, String url) {
}
