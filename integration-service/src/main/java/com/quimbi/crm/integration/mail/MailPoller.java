package com.quimbi.crm.integration.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.integration.mail.internal.MailStore;
import com.quimbi.crm.integration.mailbox.MailProperties;
import com.quimbi.crm.integration.mailbox.Mailbox;
import com.quimbi.crm.integration.mailbox.MailboxService;
import com.quimbi.crm.integration.mailbox.MailboxService.MailboxLogin;
import com.quimbi.crm.platform.core.Ids;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Reads new mail of every enabled mailbox by IMAP UID: woken by {@link MailIdleWatcher} when the mailbox's server
 * supports IDLE (then this scheduled poll reads it only every {@code safety-poll-interval}), else a short poll every
 * {@code poll-interval}. One read at a time per mailbox, always from the cursor as stored. The folder's
 * {@code UIDVALIDITY} and the last UID recorded are remembered per mailbox, "unseen" flags are neither read nor changed (the folder is opened read-only). Each mail is recorded raw in {@code inbound_mail}
 * together with the cursor, in one transaction, before anything acts on it; the Message-ID is unique per mailbox,
 * so a mail read again (a crash before the cursor moved, a reset UIDVALIDITY) is recorded once.
 */
@Component
public class MailPoller {

    private static final Logger log = LoggerFactory.getLogger(MailPoller.class);
    /** How many bytes of mail one round holds in memory at most (beyond a single larger mail). */
    private static final long ROUND_BYTES = 32L * 1024 * 1024;

    private final MailboxService mailboxes;
    private final MailStore store;
    private final TransactionTemplate tx;
    private final MailProperties properties;
    private final Clock clock;
    private final InboundProcessor processor;
    private final Map<UUID, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> lastRead = new ConcurrentHashMap<>();
    private final Set<UUID> idling = ConcurrentHashMap.newKeySet();

    MailPoller(MailboxService mailboxes, MailStore store, TransactionTemplate tx,
            MailProperties properties, Clock clock, InboundProcessor processor) {
        this.processor = processor;
        this.mailboxes = mailboxes;
        this.store = store;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${crm.integration.mail.poll-interval:2s}", initialDelayString = "PT2S")
    public void pollAll() {
        if (!properties.pollingEnabled()) {
            return;
        }
        Instant now = clock.instant();
        for (MailboxLogin login : mailboxes.enabledLogins()) {
            UUID id = login.mailbox().id();
            Instant last = lastRead.get(id);
            if (idling.contains(id) && last != null && last.plus(properties.safetyPollInterval()).isAfter(now)) {
                continue; // IDLE wakes it; this is only the safety poll
            }
            poll(login);
        }
    }

    /** {@link MailIdleWatcher}: the mailbox holds a connection in IDLE (true) or not any more (false). */
    void idling(UUID mailboxId, boolean idle) {
        if (idle) {
            idling.add(mailboxId);
        } else {
            idling.remove(mailboxId);
        }
    }

    /** Whether the mailbox is currently woken by IMAP IDLE rather than short-polled. */
    public boolean idling(UUID mailboxId) {
        return idling.contains(mailboxId);
    }

    /**
     * One round for one mailbox: how many new mails were recorded. Errors are kept on the mailbox, not thrown.
     * Rounds of one mailbox never overlap (IDLE wake-ups and the scheduled poll), and each starts from the cursor
     * as stored, not as it was when {@code login} was read.
     */
    public int poll(MailboxLogin login) {
        UUID id = login.mailbox().id();
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        lock.lock();
        try {
            lastRead.put(id, clock.instant());
            return mailboxes.login(id).map(this::pollLocked).orElse(0);
        } finally {
            lock.unlock();
        }
    }

    private int pollLocked(MailboxLogin login) {
        Mailbox mailbox = login.mailbox();
        int recorded = 0;
        String error = null;
        try (Store imap = MailSessions.imap(mailbox, properties).getStore(MailSessions.imapProtocol(mailbox))) {
            imap.connect(mailbox.imapHost(), mailbox.imapPort(), mailbox.username(), login.password());
            Folder folder = imap.getFolder(mailbox.folder());
            // round after round until the folder is drained: IDLE only wakes us for mail that arrives later
            Round round;
            do {
                Mailbox current = mailboxes.login(mailbox.id()).map(MailboxLogin::mailbox).orElse(mailbox);
                folder.open(Folder.READ_ONLY);
                try {
                    round = readNew(current, folder);
                } finally {
                    folder.close(false); // and with it the round's messages, held in memory
                }
                recorded += round.recorded();
                if (round.recorded() > 0) {
                    processor.wake();
                }
            } while (round.more());
        } catch (MessagingException | IOException | RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("Polling mailbox {} failed: {}", mailbox.address(), error);
        }
        String lastError = error;
        tx.executeWithoutResult(s -> mailboxes.polled(mailbox.id(), lastError));
        return recorded;
    }

    /** One round: how many mails were recorded, and whether more are waiting behind them. */
    record Round(int recorded, boolean more) {
    }

    private Round readNew(Mailbox mailbox, Folder folder) throws MessagingException, IOException {
        UIDFolder uids = (UIDFolder) folder;
        long validity = uids.getUIDValidity();
        // a new UIDVALIDITY (folder recreated, server migrated): every UID is new; the Message-ID dedupe keeps it to once
        long after = mailbox.uidValidity() != null && mailbox.uidValidity() == validity ? mailbox.lastUid() : 0;
        if (mailbox.uidValidity() != null && mailbox.uidValidity() != validity) {
            log.info("Mailbox {}: UIDVALIDITY changed ({} → {}), reading the folder again", mailbox.address(),
                    mailbox.uidValidity(), validity);
        }
        Message[] candidates = uids.getMessagesByUID(after + 1, UIDFolder.MAXUID);
        FetchProfile sizes = new FetchProfile();
        sizes.add(UIDFolder.FetchProfileItem.UID);
        sizes.add(FetchProfile.Item.SIZE);
        folder.fetch(candidates, sizes);
        // a round is at most batchSize mails and ROUND_BYTES of them (one mail always, however large)
        List<Message> batch = new ArrayList<>();
        List<Message> whole = new ArrayList<>();
        long bytes = 0;
        boolean more = false;
        for (Message message : candidates) {
            if (uids.getUID(message) <= after) {
                continue; // "n:*" always returns the last message, even when it is not newer
            }
            long size = Math.min(Math.max(message.getSize(), 0), properties.maxMessageBytes());
            if (batch.size() >= properties.batchSize() || (!batch.isEmpty() && bytes + size > ROUND_BYTES)) {
                more = true;
                break;
            }
            batch.add(message);
            bytes += size;
            if (message.getSize() <= properties.maxMessageBytes()) {
                whole.add(message);
            }
        }
        // every whole mail of the round in one FETCH, not a few round trips per mail (size, headers, body)
        FetchProfile bodies = new FetchProfile();
        bodies.add(IMAPFolder.FetchProfileItem.MESSAGE);
        folder.fetch(whole.toArray(Message[]::new), bodies);
        int recorded = 0;
        long last = after;
        for (Message message : batch) {
            long uid = uids.getUID(message);
            byte[] raw = raw((MimeMessage) message);
            String messageId = messageId((MimeMessage) message, raw);
            String sender = senderSha256((MimeMessage) message);
            boolean isNew = Boolean.TRUE.equals(tx.execute(s -> {
                boolean inserted = store.record(Ids.newId(), mailbox.id(), messageId, validity, uid, raw, sender,
                        clock.instant());
                mailboxes.cursor(mailbox.id(), validity, uid);
                return inserted;
            }));
            last = uid;
            if (isNew) {
                recorded++;
            } else {
                log.debug("Mailbox {}: {} (uid {}) was recorded before", mailbox.address(), messageId, uid);
            }
        }
        long reached = last;
        tx.executeWithoutResult(s -> mailboxes.cursor(mailbox.id(), validity, reached));
        return new Round(recorded, more);
    }

    private byte[] raw(MimeMessage message) throws MessagingException, IOException {
        int size = message.getSize();
        if (size > properties.maxMessageBytes()) {
            // too large to keep whole: its headers are recorded (the processor tells the customer's ticket it was cut)
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            var headers = message.getAllHeaderLines();
            while (headers.hasMoreElements()) {
                out.writeBytes((headers.nextElement() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            out.writeBytes(("\r\n[This mail of " + size + " bytes was larger than the " + properties.maxMessageBytes()
                    + " bytes the helpdesk accepts; only its headers were kept.]\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return out.toByteArray();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(size, 1024));
        message.writeTo(out);
        return out.toByteArray();
    }

    /** The SHA-256 of the From address, lower case (as ticket-service's emailSha256); null when unreadable. */
    static String senderSha256(MimeMessage message) {
        try {
            var from = message.getFrom();
            if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address) || address.getAddress() == null) {
                return null;
            }
            return MailParser.sha256(address.getAddress().trim().toLowerCase(java.util.Locale.ROOT)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String messageId(MimeMessage message, byte[] raw) throws MessagingException {
        var ids = MailParser.ids(message.getHeader("Message-ID", " "));
        return ids.isEmpty() ? "<sha256." + MailParser.sha256(raw) + "@no-message-id>" : ids.getFirst();
    }
}
