package com.quimbi.crm.integration.gorgias;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.integration.gorgias.internal.GorgiasSyncStore;
import com.quimbi.crm.integration.gorgias.internal.GorgiasSyncStore.Running;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.problem.NotFoundException;

import tools.jackson.databind.JsonNode;

/**
 * The Gorgias import: {@code GET /api/tickets?limit=&cursor=} page by page until {@code meta.next_cursor} is null,
 * each ticket's messages with it; <b>one page per transaction</b> (the page's events, the links and the next cursor
 * commit together), so an interrupted job resumes after its last committed page, and the link tables make a page
 * done twice import nobody twice. A page starts only when the account's bucket has room for all its calls; a 429
 * (or our own count saying the next call would be one) reschedules the page after {@code Retry-after}, not counted
 * as a failure. Other failures back off (2, 4, 8… s, ≤ 60 s); after 5 in a row the job is {@code failed}.
 */
@Service
public class GorgiasSyncService {

    private static final Logger log = LoggerFactory.getLogger(GorgiasSyncService.class);
    static final int MAX_FAILURES = 5;

    private final GorgiasSyncStore jobs;
    private final GorgiasAccountService accounts;
    private final GorgiasClient client;
    private final GorgiasImporter importer;
    private final GorgiasProperties settings;
    private final TransactionTemplate tx;
    private final Clock clock;

    GorgiasSyncService(GorgiasSyncStore jobs, GorgiasAccountService accounts, GorgiasClient client,
            GorgiasImporter importer, GorgiasProperties settings, TransactionTemplate tx, Clock clock) {
        this.jobs = jobs;
        this.accounts = accounts;
        this.client = client;
        this.importer = importer;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    /** {@code account} null = the connected account. */
    public GorgiasSyncJob startTickets(String account) {
        String domain = account != null ? account
                : accounts.connectedDomain().orElseThrow(() -> new NotFoundException("gorgias account", "(none connected)"));
        accounts.get(domain); // 404 now rather than a failed job later
        UUID id = Ids.newId();
        jobs.create(id, domain, clock.instant());
        return get(id);
    }

    public GorgiasSyncJob get(UUID id) {
        return jobs.find(id).orElseThrow(() -> new NotFoundException("gorgias sync job", id));
    }

    @Scheduled(fixedDelayString = "${crm.integration.gorgias.poll-interval:500ms}")
    void poll() {
        int steps = 0;
        while (steps < 20 && step()) {
            steps++;
        }
    }

    private boolean runOnePage() {
        Running job = jobs.lockNextDue(clock.instant()).orElse(null);
        if (job == null) {
            return false;
        }
        Instant now = clock.instant();
        Duration room = client.waitFor(job.accountDomain(), settings.pageSize() + 1);
        if (!room.isZero()) {
            jobs.throttled(job.id(), now.plus(room), now);
            return true;
        }
        try {
            page(job);
        } catch (GorgiasThrottledException e) {
            throw new PageThrottled(job, e.retryAfter());
        } catch (RuntimeException e) {
            throw new PageFailed(job, e);
        }
        return true;
    }

    private void page(Running job) {
        GorgiasCredentials credentials = accounts.credentials(job.accountDomain());
        GorgiasClient.Page page = client.tickets(credentials, job.cursor(), settings.pageSize());
        int seen = 0;
        int tickets = 0;
        int messages = 0;
        int skipped = 0;
        for (JsonNode ticket : page.data()) {
            seen++;
            long id = ticket.path("id").asLong(0);
            GorgiasImporter.Outcome outcome = importer.apply(job.accountDomain(), ticket, client.messages(credentials, id));
            tickets += outcome.ticketImported() ? 1 : 0;
            messages += outcome.messagesImported();
            skipped += outcome.skipped() ? 1 : 0;
        }
        boolean finished = page.nextCursor() == null;
        Instant now = clock.instant();
        jobs.pageDone(job.id(), finished ? job.cursor() : page.nextCursor(), seen, tickets, messages, skipped, finished,
                now, now);
    }

    /** The page's transaction rolled back (throttled or failed): the job row is updated in a fresh one. */
    private static final class PageThrottled extends RuntimeException {
        final Running job;
        final Duration wait;

        PageThrottled(Running job, Duration wait) {
            super(null, null, false, false);
            this.job = job;
            this.wait = wait;
        }
    }

    private static final class PageFailed extends RuntimeException {
        final Running job;

        PageFailed(Running job, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.job = job;
        }
    }

    /** One page in one transaction; a throttled or failed page rolls back and is recorded in a fresh one. */
    boolean step() {
        try {
            return Boolean.TRUE.equals(tx.execute(status -> runOnePage()));
        } catch (PageThrottled e) {
            Instant now = clock.instant();
            tx.executeWithoutResult(status -> jobs.throttled(e.job.id(), now.plus(e.wait), now));
            log.info("Gorgias import {}: rate limit reached, next page in {} ms", e.job.id(), e.wait.toMillis());
            return true;
        } catch (PageFailed e) {
            int failures = e.job.failures() + 1;
            boolean giveUp = failures >= MAX_FAILURES;
            Instant now = clock.instant();
            Duration wait = Duration.ofSeconds(Math.min(60, 1L << failures));
            log.warn("Gorgias import {}: page failed ({} in a row){}: {}", e.job.id(), failures, giveUp ? ", job failed" : "",
                    e.getCause().toString());
            tx.executeWithoutResult(status -> jobs.pageFailed(e.job.id(), e.getCause().getClass().getSimpleName() + ": "
                    + e.getCause().getMessage(), giveUp, now.plus(wait), now));
            return true;
        }
    }
}
