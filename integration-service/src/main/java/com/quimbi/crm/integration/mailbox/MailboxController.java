package com.quimbi.crm.integration.mailbox;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.security.Roles;

import jakarta.validation.Valid;

/** Support mailboxes (admin only): answers never carry the password. */
@RestController
@RequestMapping("/api/mail/mailboxes")
@PreAuthorize(Roles.IS_ADMIN)
class MailboxController {

    private final MailboxService mailboxes;

    MailboxController(MailboxService mailboxes) {
        this.mailboxes = mailboxes;
    }

    @PutMapping("/{address}")
    Mailbox save(@PathVariable String address, @Valid @RequestBody MailboxRequest request) {
        return mailboxes.save(address, request);
    }

    @GetMapping
    List<Mailbox> list() {
        return mailboxes.list();
    }

    @GetMapping("/{address}")
    Mailbox get(@PathVariable String address) {
        return mailboxes.get(address);
    }

    @DeleteMapping("/{address}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String address) {
        mailboxes.delete(address);
    }
}
