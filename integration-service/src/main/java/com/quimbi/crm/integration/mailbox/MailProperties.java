package com.quimbi.crm.integration.mailbox;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crm.integration.mail.*}. {@code env} is one mailbox from the environment (the local stack's GreenMail;
 * empty address = none). With {@code idleEnabled} (default) each enabled mailbox whose server announces the IMAP
 * {@code IDLE} capability holds one connection in IDLE, and new mail wakes the UID read at once; such a mailbox is
 * read by the poll only every {@code safetyPollInterval}, the IDLE is re-issued every {@code idleRenewInterval}
 * (servers drop it after ~29 min) and a broken connection is re-established with backoff ({@code idleFirstRetry}
 * doubling to {@code idleMaxRetry}). Others are short-polled every {@code pollInterval}, at most {@code batchSize}
 * new UIDs per folder per round; recorded mails are processed every
 * {@code processInterval}. Replies are sent with up to {@code sendAttempts} tries, backoff from
 * {@code firstRetry} doubling to {@code maxRetry}. Attachment links point at {@code attachmentBaseUrl}
 * (the gateway) + {@code /api/mail/attachments/{id}}. An agent's reply attaches the files of {@code message.added}
 * fetched from their URL when its host is one of {@code attachmentHosts} (the file store; empty = none: never a
 * request to a host an agent typed), within {@code maxAttachmentBytes} and {@code attachmentFetchTimeout}; any other
 * file is listed as a link in the mail's text.
 */
@ConfigurationProperties("crm.integration.mail")
public record MailProperties(@DefaultValue Env env, @DefaultValue("true") boolean pollingEnabled,
        @DefaultValue("true") boolean processingEnabled, @DefaultValue("true") boolean sendingEnabled,
        @DefaultValue("2s") Duration pollInterval, @DefaultValue("1s") Duration processInterval,
        @DefaultValue("500ms") Duration sendInterval, @DefaultValue("100") int batchSize,
        @DefaultValue("5") int sendAttempts, @DefaultValue("2s") Duration firstRetry,
        @DefaultValue("10m") Duration maxRetry, @DefaultValue("5") int processAttempts,
        @DefaultValue("26214400") long maxMessageBytes, @DefaultValue("10485760") long maxAttachmentBytes,
        @DefaultValue("20") int maxAttachments, @DefaultValue("http://localhost:8080") String attachmentBaseUrl,
        @DefaultValue("10s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("integration-service-mail") String consumerGroup, @DefaultValue("true") boolean idleEnabled,
        @DefaultValue("30s") Duration safetyPollInterval, @DefaultValue("20m") Duration idleRenewInterval,
        @DefaultValue("1s") Duration idleFirstRetry, @DefaultValue("5m") Duration idleMaxRetry,
        @DefaultValue List<String> attachmentHosts, @DefaultValue("20s") Duration attachmentFetchTimeout) {

    /** The mailbox of the environment (dev stack), upserted at start-up when {@code address} is set. */
    public record Env(String address, String username, String password, String imapHost,
            @DefaultValue("993") int imapPort, @DefaultValue("true") boolean imapTls,
            @DefaultValue("INBOX") String folder, String smtpHost, @DefaultValue("587") int smtpPort,
            @DefaultValue("true") boolean smtpTls) {
    }
}
