package com.quimbi.crm.integration.mail;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.integration.mail.internal.MailStore;
import com.quimbi.crm.integration.mail.internal.MailStore.StoredAttachment;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.platform.security.Roles;

/**
 * Files of inbound mail, for agents: always a download ({@code Content-Disposition: attachment}, {@code nosniff},
 * a sandboxing CSP), so a customer's HTML or SVG never runs in the console's origin.
 */
@RestController
class MailAttachmentController {

    private final MailStore store;

    MailAttachmentController(MailStore store) {
        this.store = store;
    }

    @GetMapping("/api/mail/attachments/{id}")
    @PreAuthorize(Roles.IS_AGENT)
    ResponseEntity<byte[]> download(@PathVariable UUID id) {
        StoredAttachment file = store.attachment(id).orElseThrow(() -> new NotFoundException("attachment", id));
        MediaType type;
        try {
            type = MediaType.parseMediaType(file.contentType());
        } catch (RuntimeException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        return ResponseEntity.ok()
                .contentType(type)
                .contentLength(file.size())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.name(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(file.content());
    }
}
