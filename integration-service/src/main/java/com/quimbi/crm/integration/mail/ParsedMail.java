package com.quimbi.crm.integration.mail;

import java.time.Instant;
import java.util.List;

/**
 * An inbound mail as the processor needs it. {@code text} is the plain body (from text/plain, else derived from
 * the HTML), {@code html} the HTML body as sent (ticket-service sanitizes it on the way in, and keeps it).
 */
public record ParsedMail(String messageId, String inReplyTo, List<String> references, String fromAddress,
        String fromName, List<String> recipients, String subject, String text, String html,
        List<ParsedAttachment> attachments, List<String> refusedAttachments, boolean autoReply, Bounce bounce,
        Instant sentAt) {

    /** One file of the mail; {@code contentId} for inline images referenced as {@code cid:} in the HTML. */
    public record ParsedAttachment(String name, String contentType, byte[] content, boolean inline, String contentId) {
    }

    /**
     * A delivery status notification (RFC 3464 {@code multipart/report; report-type=delivery-status}):
     * {@code action} failed/delayed/delivered/relayed/expanded, {@code status} like 5.1.1, the remote
     * server's diagnostic, and every Message-ID the report quotes (the original message's among them).
     */
    public record Bounce(String action, String status, String diagnostic, List<String> quotedMessageIds) {
    }
}
