package com.quimbi.crm.integration.mail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.quimbi.crm.integration.mailbox.MailProperties;
import com.quimbi.crm.integration.mailbox.Mailbox;
import com.quimbi.crm.integration.mailbox.MailboxService;
import com.quimbi.crm.integration.mailbox.MailboxService.MailboxLogin;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

/**
 * IMAP IDLE as the poller's wake-up: one virtual thread per enabled mailbox holds a connection with the folder open
 * read-only in IDLE, when the server announces the {@code IDLE} capability; whatever the server reports (new mail)
 * ends the IDLE and runs {@link MailPoller#poll} at once (the same UID + UIDVALIDITY read), then IDLE is issued
 * again. IDLE is renewed every {@code idle-renew-interval} (a NOOP ends it; servers drop an IDLE after ~29 min), a
 * broken connection is re-established with backoff, and a server without IDLE is short-polled by {@link MailPoller}
 * (its capability asked again every renew interval). Watches follow the mailboxes (added, changed, disabled,
 * deleted) every {@code poll-interval} and end with the application context.
 */
@Component
public class MailIdleWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailIdleWatcher.class);

    private final MailboxService mailboxes;
    private final MailPoller poller;
    private final MailProperties properties;
    private final Map<UUID, Watch> watches = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService renewals;
    private volatile boolean running;

    MailIdleWatcher(MailboxService mailboxes, MailPoller poller, MailProperties properties) {
        this.mailboxes = mailboxes;
        this.poller = poller;
        this.properties = properties;
    }

    @Override
    public void start() {
        renewals = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("mail-idle-renew").factory());
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        List<Watch> all = List.copyOf(watches.values());
        watches.clear();
        all.forEach(Watch::stop);
        all.forEach(Watch::join);
        renewals.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts, restarts (connection settings changed) and stops watches to match the enabled mailboxes. */
    @Scheduled(fixedDelayString = "${crm.integration.mail.poll-interval:2s}", initialDelayString = "PT1S")
    public void reconcile() {
        if (!running) {
            return;
        }
        Map<UUID, MailboxLogin> wanted = properties.idleEnabled() && properties.pollingEnabled()
                ? mailboxes.enabledLogins().stream().collect(Collectors.toMap(l -> l.mailbox().id(), Function.identity()))
                : Map.of();
        watches.forEach((id, watch) -> {
            MailboxLogin login = wanted.get(id);
            if (login == null || !watch.connection.equals(Connection.of(login))) {
                watches.remove(id, watch);
                watch.stop();
            }
        });
        wanted.forEach((id, login) -> watches.computeIfAbsent(id, k -> new Watch(login).start()));
    }

    /** What a held connection depends on: a change starts a new one. */
    private record Connection(String host, int port, boolean tls, String folder, String username, String password) {
        static Connection of(MailboxLogin login) {
            Mailbox m = login.mailbox();
            return new Connection(m.imapHost(), m.imapPort(), m.imapTls(), m.folder(), m.username(), login.password());
        }

        @Override
        public String toString() {
            return "Connection[" + host + ":" + port + "]";
        }
    }

    private final class Watch implements Runnable {

        private final MailboxLogin login;
        private final Connection connection;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private volatile IMAPFolder folder;
        private volatile Thread thread;
        private Duration backoff;

        Watch(MailboxLogin login) {
            this.login = login;
            this.connection = Connection.of(login);
            this.backoff = properties.idleFirstRetry();
        }

        Watch start() {
            thread = Thread.ofVirtual().name("mail-idle-" + login.mailbox().address()).start(this);
            return this;
        }

        void stop() {
            stopped.countDown();
            IMAPFolder held = folder;
            if (held != null) {
                Thread.ofVirtual().start(() -> wake(held)); // ends the IDLE; the thread then closes the connection
            }
        }

        void join() {
            try {
                if (!thread.join(Duration.ofSeconds(3))) {
                    thread.interrupt();
                    thread.join(Duration.ofSeconds(2));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        boolean isStopped() {
            return stopped.getCount() == 0 || !running;
        }

        @Override
        public void run() {
            Mailbox mailbox = login.mailbox();
            while (!isStopped()) {
                Duration wait;
                try {
                    wait = idle() ? backoff : properties.idleRenewInterval();
                } catch (MessagingException | RuntimeException e) {
                    if (isStopped()) {
                        break;
                    }
                    log.warn("IMAP IDLE on mailbox {} failed, again in {}: {}: {}", mailbox.address(), backoff,
                            e.getClass().getSimpleName(), e.getMessage());
                    wait = backoff;
                    Duration doubled = backoff.multipliedBy(2);
                    backoff = doubled.compareTo(properties.idleMaxRetry()) > 0 ? properties.idleMaxRetry() : doubled;
                }
                try {
                    if (stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    break;
                }
            }
            log.debug("IMAP IDLE on mailbox {} ended", mailbox.address());
        }

        /** The folder's message count after a NOOP (which brings the server's EXISTS updates). */
        private static int freshCount(IMAPFolder folder) throws MessagingException {
            folder.doCommand(protocol -> {
                protocol.noop();
                return null;
            });
            return folder.getMessageCount();
        }

        /** One held connection: false when the server has no IDLE (the short poll reads it). */
        private boolean idle() throws MessagingException {
            Mailbox mailbox = login.mailbox();
            UUID id = mailbox.id();
            Store store = MailSessions.imapIdle(mailbox, properties).getStore(MailSessions.imapProtocol(mailbox));
            try {
                store.connect(mailbox.imapHost(), mailbox.imapPort(), mailbox.username(), login.password());
                if (!(store instanceof IMAPStore imap) || !imap.hasCapability("IDLE")) {
                    log.info("Mailbox {}: the IMAP server has no IDLE, short-polling every {}", mailbox.address(),
                            properties.pollInterval());
                    return false;
                }
                IMAPFolder held = (IMAPFolder) store.getFolder(mailbox.folder());
                held.open(Folder.READ_ONLY);
                folder = held;
                poller.idling(id, true);
                backoff = properties.idleFirstRetry();
                log.info("Mailbox {}: IMAP IDLE", mailbox.address());
                int polledUpTo = freshCount(held);
                poller.poll(login); // what arrived while no IDLE was held
                while (!isStopped() && held.isOpen()) {
                    // IDLE only reports what arrives after it began: a mail that came during the last read would
                    // wait for the safety poll, so ask for the count first and read again when it grew
                    int count = freshCount(held);
                    if (count != polledUpTo) {
                        polledUpTo = count;
                        poller.poll(login);
                        continue;
                    }
                    ScheduledFuture<?> renew = renewals.schedule(() -> wake(held),
                            properties.idleRenewInterval().toMillis(), TimeUnit.MILLISECONDS);
                    try {
                        held.idle(true); // returns on the first thing the server reports (or the renewal's NOOP)
                    } finally {
                        renew.cancel(false);
                    }
                    if (!isStopped()) {
                        polledUpTo = freshCount(held);
                        poller.poll(login);
                    }
                }
                return true;
            } finally {
                poller.idling(id, false);
                folder = null;
                try {
                    store.close();
                } catch (MessagingException | RuntimeException e) {
                    log.debug("Closing the IDLE connection of {}: {}", mailbox.address(), e.toString());
                }
            }
        }
    }

    /** Any command on the folder ends its IDLE (Angus sends DONE first); a NOOP is the cheapest. */
    private static void wake(IMAPFolder folder) {
        try {
            folder.doCommand(protocol -> {
                protocol.noop();
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            log.debug("Waking an IDLE: {}", e.toString());
        }
    }
}
