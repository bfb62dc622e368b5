package com.quimbi.crm.integration.mailbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code PUT /api/mail/mailboxes/{address}}. {@code password} is required for a new mailbox; left out on an
 * update it keeps the stored one. A hosted mailbox (Gmail, Microsoft 365, Fastmail …) takes an app password.
 */
public record MailboxRequest(
        @Size(max = 200) String displayName,
        @NotBlank @Size(max = 255) @Pattern(regexp = HOST, message = "must be a host name") String imapHost,
        @NotNull @Min(1) @Max(65535) Integer imapPort,
        Boolean imapTls,
        @Size(max = 200) @Pattern(regexp = "^[^\\p{Cntrl}]+$", message = "must be a folder name") String folder,
        @NotBlank @Size(max = 255) @Pattern(regexp = HOST, message = "must be a host name") String smtpHost,
        @NotNull @Min(1) @Max(65535) Integer smtpPort,
        Boolean smtpTls,
        @NotBlank @Size(max = 320) String username,
        @Size(min = 1, max = 1000) String password,
        Boolean enabled) {

    static final String HOST = "^[A-Za-z0-9]([A-Za-z0-9.-]{0,253}[A-Za-z0-9])?$";
}
