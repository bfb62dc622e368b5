package com.quimbi.crm.integration.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.integration.customer.CustomerSync;
import com.quimbi.crm.integration.shop.ShopService;
import com.quimbi.crm.integration.shopify.GraphQlAnswer;
import com.quimbi.crm.integration.shopify.ShopifyClient;
import com.quimbi.crm.integration.sync.internal.SyncJobStore;
import com.quimbi.crm.integration.sync.internal.SyncJobStore.Running;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.problem.NotFoundException;

import tools.jackson.databind.JsonNode;

/**
 * Customer sync: pages through the shop's customers with the GraphQL cursor, one page per transaction (events,
 * counters and the next cursor committed together), so a crash resumes after the last committed page and the
 * "newer updated_at only" rule keeps a re-run page from syncing anyone twice. Shopify's cost bucket is read from
 * every answer: when the next page would overdraw it, the job waits for the bucket to refill instead.
 */
@Service
public class SyncService {

    private static final Logger log = LoggerFactory.getLogger(SyncService.class);

    static final int PAGE_SIZE = 100;
    static final int MAX_FAILURES = 5;
    static final String CUSTOMERS = """
            query Customers($first: Int!, $after: String) {
              customers(first: $first, after: $after, sortKey: ID) {
                pageInfo { hasNextPage endCursor }
                nodes { id firstName lastName updatedAt numberOfOrders tags
                        amountSpent { amount currencyCode }
                        defaultEmailAddress { emailAddress }
                        defaultPhoneNumber { phoneNumber } }
              }
            }""";

    private final SyncJobStore jobs;
    private final ShopService shops;
    private final ShopifyClient shopify;
    private final CustomerSync customers;
    private final TransactionTemplate tx;
    private final Clock clock;

    SyncService(SyncJobStore jobs, ShopService shops, ShopifyClient shopify, CustomerSync customers,
            TransactionTemplate tx, Clock clock) {
        this.jobs = jobs;
        this.shops = shops;
        this.shopify = shopify;
        this.customers = customers;
        this.tx = tx;
        this.clock = clock;
    }

    public SyncJob startCustomers(String shop) {
        shops.accessToken(shop); // 404 / 400 now rather than a failed job later
        UUID id = Ids.newId();
        jobs.create(id, shop, "customers", clock.instant());
        return get(id);
    }

    public SyncJob get(UUID id) {
        return jobs.find(id).orElseThrow(() -> new NotFoundException("sync job", id));
    }

    @Scheduled(fixedDelayString = "${crm.integration.sync.poll-interval:500ms}")
    void poll() {
        runDue();
    }

    /** Runs one page of every due job; answers how many pages were attempted. */
    public int runDue() {
        int pages = 0;
        while (pages < 20 && Boolean.TRUE.equals(tx.execute(status -> runOnePage()))) {
            pages++;
        }
        return pages;
    }

    private boolean runOnePage() {
        Running job = jobs.lockNextDue(clock.instant()).orElse(null);
        if (job == null) {
            return false;
        }
        GraphQlAnswer answer;
        try {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("first", PAGE_SIZE);
            if (job.cursor() != null) {
                variables.put("after", job.cursor());
            }
            answer = shopify.query(job.shop(), shops.accessToken(job.shop()), CUSTOMERS, variables);
        } catch (RuntimeException e) {
            int failures = job.failures() + 1;
            boolean give = failures >= MAX_FAILURES;
            Duration wait = Duration.ofSeconds(Math.min(60, 1L << failures));
            log.warn("Customer sync {} of {}: page failed ({} in a row){}: {}", job.id(), job.shop(), failures,
                    give ? ", job failed" : "", e.getMessage());
            jobs.pageFailed(job.id(), e.getClass().getSimpleName() + ": " + e.getMessage(), give,
                    clock.instant().plus(wait), clock.instant());
            return true;
        }
        JsonNode page = answer.data().path("customers");
        int seen = 0;
        int synced = 0;
        for (JsonNode node : page.path("nodes")) {
            seen++;
            if (customers.syncFromAdminApi(job.shop(), node)) {
                synced++;
            }
        }
        boolean more = page.path("pageInfo").path("hasNextPage").asBoolean(false);
        String cursor = page.path("pageInfo").path("endCursor").asString(null);
        long waitMillis = answer.throttle() == null ? 0
                : answer.throttle().waitMillisFor(Math.max(answer.throttle().actualCost(), 1) * 1.5);
        Instant next = clock.instant().plusMillis(waitMillis);
        jobs.pageDone(job.id(), more ? cursor : job.cursor(), seen, synced, !more, next, clock.instant());
        if (waitMillis > 0) {
            log.info("Customer sync {}: Shopify's cost bucket is low, next page in {} ms", job.id(), waitMillis);
        }
        return true;
    }
}
