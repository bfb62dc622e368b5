package com.quimbi.crm.contracts.integration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** integration.message_imported v1: integration-service imported a message of an imported ticket (Gorgias). Topic crm.integration.events, key = source:externalTicketId (after its ticket). Created once per external message id. E-mail adds: ticketId (the message joins that ticket; else the one imported under externalTicketId), autoReply (an auto-reply: stored, never reopens the ticket) and attachments (served by integration-service at an authorized URL). */
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
        UUID ticketId,
        Boolean autoReply,
        List<ImportedAttachment> attachments) {

    public static final String TYPE = "integration.message_imported";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.INTEGRATION;
    public static final String AGGREGATE = "integration";
}
