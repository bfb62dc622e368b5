package com.quimbi.crm.integration.mailbox;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.platform.audit.AuditTrail;
import com.quimbi.crm.platform.crypto.SecretBox;
import com.quimbi.crm.integration.mailbox.internal.MailboxStore;
import com.quimbi.crm.integration.mailbox.internal.MailboxStore.SealedMailbox;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Mailboxes: the password sealed on the way in and opened only to log in to IMAP or SMTP. */
@Service
public class MailboxService {

    private static final Logger log = LoggerFactory.getLogger(MailboxService.class);

    /** A mailbox with its password opened, for one IMAP or SMTP session; never logged or returned. */
    public record MailboxLogin(Mailbox mailbox, String password) {
        @Override
        public String toString() {
            return "MailboxLogin[" + mailbox.address() + "]";
        }
    }

    private final MailboxStore store;
    private final SecretBox box;
    private final MailProperties properties;
    private final Clock clock;
    private final AuditTrail audit;

    MailboxService(MailboxStore store, SecretBox box, MailProperties properties, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.store = store;
        this.box = box;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public Mailbox save(String rawAddress, MailboxRequest request) {
        String address = requireAddress(rawAddress);
        Optional<SealedMailbox> existing = store.find(address);
        if (existing.isEmpty() && request.password() == null) {
            throw new InvalidInputException("password", "is required for a new mailbox");
        }
        store.upsert(existing.map(m -> m.mailbox().id()).orElseGet(Ids::newId), address, request.displayName(),
                request.imapHost(), request.imapPort(), !Boolean.FALSE.equals(request.imapTls()),
                request.folder() == null || request.folder().isBlank() ? "INBOX" : request.folder(), request.smtpHost(),
                request.smtpPort(), !Boolean.FALSE.equals(request.smtpTls()), request.username(),
                request.password() == null ? null : box.encrypt(request.password()),
                !Boolean.FALSE.equals(request.enabled()), "api", clock.instant());
        log.info("Mailbox {} saved (imap {}:{}, smtp {}:{})", address, request.imapHost(), request.imapPort(),
                request.smtpHost(), request.smtpPort());
        SealedMailbox saved = store.find(address).orElseThrow();
        audit.record(existing.isEmpty() ? "mailbox.created" : "mailbox.updated", "mailbox", address,
                existing.map(this::audited).orElse(null), audited(saved));
        return saved.mailbox();
    }

    public List<Mailbox> list() {
        return store.list().stream().map(SealedMailbox::mailbox).toList();
    }

    public Mailbox get(String address) {
        return store.find(normalize(address)).map(SealedMailbox::mailbox)
                .orElseThrow(() -> new NotFoundException("mailbox", address));
    }

    @Transactional
    public void delete(String address) {
        SealedMailbox existing = store.find(normalize(address)).orElseThrow(() -> new NotFoundException("mailbox", address));
        if (!store.delete(normalize(address))) {
            throw new NotFoundException("mailbox", address);
        }
        audit.record("mailbox.deleted", "mailbox", normalize(address), audited(existing), null);
        log.info("Mailbox {} deleted", address);
    }

    /** The mailbox as audited: its settings, and the sealed password (masked in the trail: only "it changed"). */
    private Map<String, Object> audited(SealedMailbox mailbox) {
        Map<String, Object> fields = audit.fields(mailbox.mailbox());
        fields.put("password", mailbox.password());
        return fields;
    }

    public List<MailboxLogin> enabledLogins() {
        return store.enabled().stream().map(this::open).toList();
    }

    public Optional<MailboxLogin> login(UUID id) {
        return store.find(id).map(this::open);
    }

    /** The poller's cursor: the folder's UIDVALIDITY and the highest UID recorded (in the recording transaction). */
    public void cursor(UUID id, long uidValidity, long lastUid) {
        store.cursor(id, uidValidity, lastUid);
    }

    /** The end of a poll round: when, and what went wrong (null = nothing). */
    public void polled(UUID id, String error) {
        store.polled(id, error, clock.instant());
    }

    /** Every address of ours: mail from them is ignored (loops). */
    public List<String> ownAddresses() {
        return store.list().stream().map(m -> m.mailbox().address()).toList();
    }

    private MailboxLogin open(SealedMailbox sealed) {
        return new MailboxLogin(sealed.mailbox(), box.decrypt(sealed.password()));
    }

    /** The local stack's mailbox (CRM_MAIL_MAILBOX_*), so ./crm up reads GreenMail out of the box. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    @Transactional
    public void upsertEnvironmentMailbox() {
        MailProperties.Env env = properties.env();
        if (env.address() == null || env.address().isBlank()) {
            return;
        }
        String address = normalize(env.address());
        store.upsert(store.find(address).map(m -> m.mailbox().id()).orElseGet(Ids::newId), address, null,
                env.imapHost(), env.imapPort(), env.imapTls(), env.folder(), env.smtpHost(), env.smtpPort(),
                env.smtpTls(), env.username() == null || env.username().isBlank() ? address : env.username(),
                box.encrypt(env.password() == null ? "" : env.password()), true, "env", clock.instant());
        log.info("Mailbox {} from the environment (imap {}:{}, smtp {}:{})", address, env.imapHost(), env.imapPort(),
                env.smtpHost(), env.smtpPort());
    }

    /** After an encryption key rotation: passwords sealed with a previous key are sealed with the current one. */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void resealWithCurrentKey() {
        for (SealedMailbox mailbox : store.list()) {
            if (!box.isCurrent(mailbox.password())) {
                store.updatePassword(mailbox.mailbox().id(), box.encrypt(box.decrypt(mailbox.password())));
            }
        }
    }

    static String normalize(String address) {
        return address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
    }

    private static String requireAddress(String raw) {
        String address = normalize(raw);
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            if (!address.equals(parsed.getAddress()) || !address.contains("@") || address.length() > 320
                    || address.contains("+")) {
                throw new AddressException();
            }
        } catch (AddressException e) {
            throw new InvalidInputException("address", "must be a plain e-mail address such as support@example.com");
        }
        return address;
    }
}
