package com.quimbi.crm.contracts.integration;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** integration.message_imported v1: integration-service imported a message of an imported ticket (Gorgias). Topic crm.integration.events, key = source:externalTicketId (after its ticket). Created once per external message id. ticketId (optional): the CRM ticket, when the conversation started in the CRM (pushed to the helpdesk) rather than being imported. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageImported(
        ImportSource source,
        String externalTicketId,
        String externalMessageId,
        ImportedAuthorType authorType,
        String bodyText,
        String bodyHtml,
        Boolean internal,
        Instant createdAt,
        Instant importedAt,
        UUID ticketId) {

    public static final String TYPE = "integration.message_imported";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.INTEGRATION;
    public static final String AGGREGATE = "integration";
}
