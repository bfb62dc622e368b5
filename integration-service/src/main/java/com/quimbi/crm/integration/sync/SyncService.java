package com.quimbi.crm.integration.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.integration.config.IntegrationProperties;
import com.quimbi.crm.integration.customer.CustomerSync;
import com.quimbi.crm.integration.shop.ShopService;
import com.quimbi.crm.integration.shopify.GraphQlAnswer;
import com.quimbi.crm.integration.shopify.ShopifyClient;
import com.quimbi.crm.integration.sync.internal.SyncJobStore;
import com.quimbi.crm.integration.sync.internal.SyncJobStore.Running;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.problem.NotFoundException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customer sync. Small and medium shops are read with cursor pages, one page per transaction (events, counters and
 * the next cursor committed together), so a crash resumes after the last committed page and the "newer updated_at
 * only" rule keeps a re-run page from syncing anyone twice; Shopify's cost bucket is read from every answer and the
 * job waits for it to refill instead of overdrawing it. Shops with at least {@code bulk-threshold} customers are read
 * with one bulk operation: started once (its id saved), polled until its JSONL result is ready, then applied a
 * chunk of lines per transaction with the line reached saved alongside, so a crash resumes after the last chunk.
 */
@Service
public class SyncService {

    private static final Logger log = LoggerFactory.getLogger(SyncService.class);

    static final int PAGE_SIZE = 100;
    static final int MAX_FAILURES = 5;
    static final String CUSTOMER_FIELDS = """
            id firstName lastName updatedAt numberOfOrders tags
            amountSpent { amount currencyCode }
            defaultEmailAddress { emailAddress }
            defaultPhoneNumber { phoneNumber }""";
    static final String CUSTOMERS = """
            query Customers($first: Int!, $after: String) {
              customers(first: $first, after: $after, sortKey: ID) {
                pageInfo { hasNextPage endCursor }
                nodes { %s }
              }
            }""".formatted(CUSTOMER_FIELDS);
    static final String COUNT = "query CustomerCount($limit: Int) { customersCount(limit: $limit) { count precision } }";
    static final String RUN_BULK = """
            mutation RunBulk($query: String!) {
              bulkOperationRunQuery(query: $query) { bulkOperation { id status } userErrors { field message } }
            }""";
    static final String BULK_CUSTOMERS = "{ customers { edges { node { %s } } } }".formatted(CUSTOMER_FIELDS);
    static final String BULK_STATUS = """
            query BulkStatus($id: ID!) {
              node(id: $id) { ... on BulkOperation { id status errorCode objectCount url } }
            }""";

    private final SyncJobStore jobs;
    private final ShopService shops;
    private final ShopifyClient shopify;
    private final CustomerSync customers;
    private final TransactionTemplate tx;
    private final IntegrationProperties.Sync settings;
    private final Path bulkDirectory;
    private final JsonMapper json;
    private final Clock clock;

    SyncService(SyncJobStore jobs, ShopService shops, ShopifyClient shopify, CustomerSync customers,
            TransactionTemplate tx, IntegrationProperties properties, JsonMapper json, Clock clock) {
        this.jobs = jobs;
        this.shops = shops;
        this.shopify = shopify;
        this.customers = customers;
        this.tx = tx;
        this.settings = properties.sync();
        this.bulkDirectory = Path.of(settings.bulkDirectory() == null || settings.bulkDirectory().isBlank()
                ? System.getProperty("java.io.tmpdir") : settings.bulkDirectory(), "crm-shopify-bulk");
        this.json = json;
        this.clock = clock;
    }

    public SyncJob startCustomers(String shop, SyncMode mode) {
        shops.accessToken(shop); // 404 / 400 now rather than a failed job later
        UUID id = Ids.newId();
        jobs.create(id, shop, "customers", mode == SyncMode.AUTO ? null : mode.name().toLowerCase(Locale.ROOT),
                clock.instant());
        return get(id);
    }

    public SyncJob get(UUID id) {
        return jobs.find(id).orElseThrow(() -> new NotFoundException("sync job", id));
    }

    @Scheduled(fixedDelayString = "${crm.integration.sync.poll-interval:500ms}")
    void poll() {
        runDue();
    }

    /** Runs one step (a page, a bulk poll, a chunk) of every due job; answers how many steps were taken. */
    public int runDue() {
        int steps = 0;
        while (steps < 20 && Boolean.TRUE.equals(tx.execute(status -> runOneStep()))) {
            steps++;
        }
        return steps;
    }

    private boolean runOneStep() {
        Running job = jobs.lockNextDue(clock.instant()).orElse(null);
        if (job == null) {
            return false;
        }
        try {
            if (job.mode() == null) {
                chooseMode(job);
            } else if ("bulk".equals(job.mode())) {
                bulkStep(job);
            } else {
                page(job);
            }
        } catch (RuntimeException e) {
            int failures = job.failures() + 1;
            boolean give = failures >= MAX_FAILURES;
            Duration wait = Duration.ofSeconds(Math.min(60, 1L << failures));
            log.warn("Customer sync {} of {}: step failed ({} in a row){}: {}", job.id(), job.shop(), failures,
                    give ? ", job failed" : "", e.getMessage());
            jobs.pageFailed(job.id(), e.getClass().getSimpleName() + ": " + e.getMessage(), give,
                    clock.instant().plus(wait), clock.instant());
        }
        return true;
    }

    /** auto: one count (capped at the threshold, which is all the decision needs) picks pages or bulk. */
    private void chooseMode(Running job) {
        Map<String, Object> variables = Map.of("limit", settings.bulkThreshold());
        JsonNode count = shopify.query(job.shop(), shops.accessToken(job.shop()), COUNT, variables).data()
                .path("customersCount");
        boolean large = count.path("count").asLong(0) >= settings.bulkThreshold();
        log.info("Customer sync {} of {}: {} customers{}, reading them with {}", job.id(), job.shop(),
                count.path("count").asLong(0), "AT_LEAST".equals(count.path("precision").asString("")) ? " or more" : "",
                large ? "a bulk operation" : "cursor pages");
        jobs.chooseMode(job.id(), large ? "bulk" : "pages", clock.instant(), clock.instant());
    }

    private void page(Running job) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("first", PAGE_SIZE);
        if (job.cursor() != null) {
            variables.put("after", job.cursor());
        }
        GraphQlAnswer answer = shopify.query(job.shop(), shops.accessToken(job.shop()), CUSTOMERS, variables);
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
    }

    private void bulkStep(Running job) {
        Instant now = clock.instant();
        if (job.bulkOperationId() == null) {
            JsonNode run = shopify.mutate(job.shop(), shops.accessToken(job.shop()), RUN_BULK,
                    Map.of("query", BULK_CUSTOMERS)).data().path("bulkOperationRunQuery");
            JsonNode errors = run.path("userErrors");
            if (errors.isArray() && !errors.isEmpty()) {
                throw new IllegalStateException("Shopify refused the bulk operation: "
                        + errors.path(0).path("message").asString("unknown error"));
            }
            String operation = run.path("bulkOperation").path("id").asString(null);
            if (operation == null) {
                throw new IllegalStateException("Shopify started no bulk operation");
            }
            jobs.bulkProgress(job.id(), operation, null, now.plus(settings.bulkPollInterval()), now);
        } else if (job.bulkUrl() == null) {
            JsonNode operation = shopify.query(job.shop(), shops.accessToken(job.shop()), BULK_STATUS,
                    Map.of("id", job.bulkOperationId())).data().path("node");
            String status = operation.path("status").asString("");
            switch (status) {
                case "COMPLETED" -> {
                    String url = operation.path("url").asString(null);
                    if (url == null) { // nothing matched: Shopify writes no file
                        jobs.chunkDone(job.id(), 0, 0, 0, true, now, now);
                    } else {
                        jobs.bulkProgress(job.id(), job.bulkOperationId(), url, now, now);
                    }
                }
                case "CREATED", "RUNNING" -> jobs.later(job.id(), now.plus(settings.bulkPollInterval()), now);
                default -> jobs.pageFailed(job.id(), "bulk operation " + status.toLowerCase(Locale.ROOT) + ": "
                        + operation.path("errorCode").asString("no error code"), true, now, now);
            }
        } else {
            applyChunk(job, now);
        }
    }

    /** The next {@code bulk-chunk} lines of the result, from a local copy (downloaded again after a restart). */
    private void applyChunk(Running job, Instant now) {
        Path file = bulkDirectory.resolve(job.id() + ".jsonl");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(bulkDirectory);
                Path partial = bulkDirectory.resolve(job.id() + ".part");
                shopify.download(URI.create(job.bulkUrl()), partial);
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            int seen = 0;
            int synced = 0;
            long line = 0;
            boolean finished = true;
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String text;
                while ((text = reader.readLine()) != null) {
                    line++;
                    if (line <= job.bulkLine() || text.isBlank()) {
                        continue;
                    }
                    if (seen == settings.bulkChunk()) {
                        finished = false;
                        line--;
                        break;
                    }
                    seen++;
                    if (customers.syncFromAdminApi(job.shop(), json.readTree(text))) {
                        synced++;
                    }
                }
            }
            jobs.chunkDone(job.id(), line, seen, synced, finished, now, now);
            if (finished) {
                deleteAfterCommit(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the bulk result of sync " + job.id() + " could not be read", e);
        }
    }

    /** Only once the last chunk is committed: a rollback must find the file again. */
    private static void deleteAfterCommit(Path file) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("Could not delete the applied bulk result {}: {}", file, e.toString());
                }
            }
        });
    }
}
