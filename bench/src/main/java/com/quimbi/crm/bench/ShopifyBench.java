package com.quimbi.crm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.quimbi.crm.contracts.integration.CustomerSynced;
import com.quimbi.crm.devstack.LocalStack;
import com.quimbi.crm.devstack.LocalStackSettings;
import com.quimbi.crm.devstack.ServiceProcess;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * integration-service's two Shopify loads (issue 12), on a stack of its own (gateway + integration-service, free
 * ports), Shopify's Admin API played by WireMock in this JVM:
 * <ol>
 * <li><b>Webhook ingest</b>: signed {@code customers/create} deliveries POSTed to the gateway's {@code /webhooks/shopify}
 * at a fixed rate, open loop (latency counts from the moment a delivery was due, so a stalled server cannot hide
 * its queue), with the gateway's shipped webhook rate limit. Acknowledgement latency is the number Shopify cares
 * about (it gives up after 5 s); the receipts' processing (customer_synced events through the outbox) runs behind,
 * and its drain time is reported too.</li>
 * <li><b>Customer sync</b>: {@code --customers} customers served 100 per page by a cursor-aware WireMock transformer
 * with an ample cost bucket; {@code POST /api/shopify/sync/customers} through the gateway, polled until done; then
 * the outbox is counted: one {@code integration.customer_synced} per customer, no duplicates.</li>
 * </ol>
 * <pre>./mvnw -B -ntp -q -pl bench exec:java -Dbench.main=com.quimbi.crm.bench.ShopifyBench \
 *     -Dexec.args="--deliveries 6000 --rate 200 --customers 50000"</pre>
 * {@code --service-jvm "-Xmx512m,-XX:+UseSerialGC"} replaces the devstack's service JVM flags (C1 only, for fast start-up).
 */
public final class ShopifyBench {

    static final String GRAPHQL = "/admin/api/2026-10/graphql.json";
    static final int PAGE = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = TicketCreateBench.options(args);
        int deliveries = Integer.parseInt(options.getOrDefault("deliveries", "6000"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "200"));
        int warmUp = Integer.parseInt(options.getOrDefault("warm-up", "400"));
        int customers = Integer.parseInt(options.getOrDefault("customers", "50000"));

        WireMockServer shopify = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort()
                .containerThreads(20).extensions(new CustomerPages(customers)));
        shopify.start();
        shopify.stubFor(WireMock.post(WireMock.urlEqualTo(GRAPHQL)).withRequestBody(WireMock.containing("shop { name }"))
                .willReturn(WireMock.aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"shop\":{\"name\":\"Bench Outfitters\"}}}")));
        shopify.stubFor(WireMock.post(WireMock.urlEqualTo(GRAPHQL)).withRequestBody(WireMock.containing("customersCount"))
                .willReturn(WireMock.aResponse().withHeader("Content-Type", "application/json").withBody(
                        "{\"data\":{\"customersCount\":{\"count\":%d,\"precision\":\"EXACT\"}}}".formatted(customers))));
        shopify.stubFor(WireMock.post(WireMock.urlEqualTo(GRAPHQL)).withRequestBody(WireMock.containing("customers(first"))
                .willReturn(WireMock.aResponse().withTransformers(CustomerPages.NAME)));
        long stackStart = System.nanoTime();
        LocalStack stack = LocalStack.start(LocalStackSettings.builder()
                .baseDir(Path.of("target", "shopify-bench-stack").toAbsolutePath())
                .keepData(false)
                .freePorts()
                .services(List.of("integration-service", "gateway"))
                .serviceEnv("integration-service", Map.of("CRM_SHOPIFY_ADMIN_BASE_URL", shopify.baseUrl()))
                .serviceJvmArgs(options.containsKey("service-jvm")
                        ? List.of(options.get("service-jvm").trim().split("[,\\s]+")) : ServiceProcess.DEFAULT_JVM_ARGS)
                .build());
        System.out.printf("stack up in %.0f s%n", (System.nanoTime() - stackStart) / 1e9);
        String gateway = stack.serviceUrl("gateway");
        try (Connection db = DriverManager.getConnection(stack.postgres().jdbcUrl("integration"), "integration_service",
                "integration_service")) {
            String admin = TicketCreateBench.login(gateway, "adam.admin", "adam-demo-pass");
            String shop = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
            String secret = "shpss_" + UUID.randomUUID();
            HttpResponse<String> connected = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/shopify/shops/" + shop))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"accessToken\":\"shpat_bench\",\"apiSecret\":\"" + secret + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (connected.statusCode() != 200) {
                throw new IllegalStateException("connect shop: " + connected.statusCode() + " " + connected.body());
            }

            // ---- 1. webhook ingest ----
            for (int i = 0; i < warmUp; i++) {
                deliver(gateway, shop, secret, 1_000_000_000L + i);
            }
            long ingestStart = System.nanoTime();
            long[] latencies = new long[deliveries];
            int[] statuses = new int[deliveries];
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            List<Future<?>> pending = new ArrayList<>(deliveries);
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < deliveries; i++) {
                    long due = ingestStart + i * interval;
                    LockSupport.parkNanos(due - System.nanoTime());
                    int n = i;
                    pending.add(executor.submit(() -> {
                        statuses[n] = deliver(gateway, shop, secret, 2_000_000_000L + n);
                        latencies[n] = System.nanoTime() - due;
                        return null;
                    }));
                }
                for (Future<?> f : pending) {
                    f.get();
                }
            }
            double offeredSeconds = (System.nanoTime() - ingestStart) / 1e9;
            Map<Integer, Integer> byStatus = new TreeMap<>();
            Arrays.stream(statuses).forEach(s -> byStatus.merge(s, 1, Integer::sum));
            Arrays.sort(latencies);
            long total = warmUp + deliveries;
            long drainStart = System.nanoTime();
            long done;
            while ((done = count(db, "SELECT count(*) FROM webhook_receipt WHERE status = 'done'")) < total
                    && System.nanoTime() - drainStart < TimeUnit.MINUTES.toNanos(10)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200)); // the benchmark's polling grain
            }
            double drained = (System.nanoTime() - ingestStart) / 1e9;
            long events = count(db, "SELECT count(*) FROM outbox WHERE type = '" + CustomerSynced.TYPE + "'");
            System.out.printf("ingest: %d signed deliveries offered at %d/s over %.1f s, statuses %s; ack latency p50 %.1f ms, "
                    + "p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", deliveries, rate, offeredSeconds, byStatus,
                    ms(latencies, 50), ms(latencies, 95), ms(latencies, 99), latencies[latencies.length - 1] / 1e6);
            System.out.printf("processing behind: %d of %d receipts done %.1f s after the first timed delivery; %d customer_synced "
                    + "in the outbox%n", done, total, drained, events);

            // ---- 2. customer sync ----
            admin = TicketCreateBench.login(gateway, "adam.admin", "adam-demo-pass");
            long syncStart = System.nanoTime();
            HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/shopify/sync/customers"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"shop\":\"" + shop + "\",\"mode\":\"pages\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 202) {
                throw new IllegalStateException("start sync: " + started.statusCode() + " " + started.body());
            }
            String job = started.headers().firstValue("Location").orElseThrow();
            JsonNode progress;
            long loggedIn = System.nanoTime();
            do {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
                if (System.nanoTime() - loggedIn > TimeUnit.SECONDS.toNanos(120)) { // access tokens live 5 minutes
                    admin = TicketCreateBench.login(gateway, "adam.admin", "adam-demo-pass");
                    loggedIn = System.nanoTime();
                }
                progress = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(gateway + job))
                        .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString()).body());
            } while ("running".equals(progress.path("state").asString())
                    && System.nanoTime() - syncStart < TimeUnit.MINUTES.toNanos(30));
            double syncSeconds = (System.nanoTime() - syncStart) / 1e9;
            long synced;
            long distinct;
            try (PreparedStatement st = db.prepareStatement("SELECT count(*), count(DISTINCT aggregateid) FROM outbox "
                    + "WHERE type = ? AND length(aggregateid) = 13")) {
                st.setString(1, CustomerSynced.TYPE);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    synced = rs.getLong(1);
                    distinct = rs.getLong(2);
                }
            }
            System.out.printf("sync: %s in %.1f s = %.0f customers/s; job %s; outbox: %d customer_synced for %d distinct "
                    + "customers (%d duplicates); %d pages served%n", progress.path("state").asString(), syncSeconds,
                    progress.path("seen").asInt() / syncSeconds, progress, synced, distinct, synced - distinct,
                    CustomerPages.served);
            System.out.println();
            System.out.println("| date | machine | ingest offered | ack p50 / p95 / p99 / max | statuses | processing drained | "
                    + "sync customers | sync time | customers/s | duplicates |");
            System.out.printf("| %s | %d cores | %d at %d/s | %.1f / %.1f / %.1f / %.1f ms | %s | %.1f s | %,d | %.1f s | %.0f | %d |%n",
                    LocalDate.now(), Runtime.getRuntime().availableProcessors(), deliveries, rate, ms(latencies, 50),
                    ms(latencies, 95), ms(latencies, 99), latencies[latencies.length - 1] / 1e6, byStatus, drained,
                    progress.path("seen").asInt(), syncSeconds, progress.path("seen").asInt() / syncSeconds, synced - distinct);
        } finally {
            stack.close();
            shopify.stop();
        }
    }

    static double ms(long[] sorted, int percentile) {
        return TicketCreateBench.percentile(sorted, percentile) / 1e6;
    }

    static long count(Connection db, String sql) throws Exception {
        try (var st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A customers/create delivery as Shopify sends it: REST-shaped body, signed over its raw bytes. */
    static int deliver(String gateway, String shop, String secret, long customerId) throws Exception {
        byte[] body = """
                {"id":%d,"email":"bench.%d@example.com","created_at":"2026-12-01T10:01:02-05:00",
                 "updated_at":"2026-12-01T10:01:02-05:00","first_name":"Bench","last_name":"Customer %d","orders_count":2,
                 "state":"enabled","total_spent":"88.10","currency":"USD","tags":"bench","phone":null,"addresses":[],
                 "admin_graphql_api_id":"gid://shopify/Customer/%d"}""".formatted(customerId, customerId, customerId,
                customerId).getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/webhooks/shopify"))
                .header("Content-Type", "application/json").header("X-Shopify-Topic", "customers/create")
                .header("X-Shopify-Shop-Domain", shop).header("X-Shopify-Event-Id", UUID.randomUUID().toString())
                .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString()).header("X-Shopify-API-Version", "2026-10")
                .header("X-Shopify-Triggered-At", Instant.now().toString())
                .header("X-Shopify-Hmac-Sha256", Base64.getEncoder().encodeToString(mac.doFinal(body)))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * The GraphQL Admin API's {@code customers(first:, after:)} over {@code total} generated customers: the cursor is
     * the index of the next customer, so pages are computed, not stored, and the cost bucket is always full.
     */
    static final class CustomerPages implements ResponseDefinitionTransformerV2 {

        static final String NAME = "customer-pages";
        static volatile int served;
        private final int total;

        CustomerPages(int total) {
            this.total = total;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            JsonNode request = JSON.readTree(serveEvent.getRequest().getBodyAsString());
            JsonNode after = request.path("variables").path("after");
            int from = after.isMissingNode() || after.isNull() ? 0 : Integer.parseInt(after.asString().substring(1));
            int to = Math.min(total, from + PAGE);
            StringBuilder nodes = new StringBuilder();
            for (int i = from; i < to; i++) {
                long id = 5_000_000_000_000L + i;
                if (i > from) {
                    nodes.append(',');
                }
                nodes.append("""
                        {"id":"gid://shopify/Customer/%d","firstName":"Synced","lastName":"Customer %d",\
                        "updatedAt":"2026-11-30T08:00:00Z","numberOfOrders":"4","tags":["newsletter"],\
                        "amountSpent":{"amount":"240.5","currencyCode":"USD"},\
                        "defaultEmailAddress":{"emailAddress":"synced.%d@example.com"},"defaultPhoneNumber":null}"""
                        .formatted(id, i, id));
            }
            served++;
            String body = """
                    {"data":{"customers":{"pageInfo":{"hasNextPage":%s,"endCursor":"c%d"},"nodes":[%s]}},
                     "extensions":{"cost":{"requestedQueryCost":102,"actualQueryCost":%d,
                       "throttleStatus":{"maximumAvailable":20000.0,"currentlyAvailable":19000,"restoreRate":1000.0}}}}"""
                    .formatted(to < total, to, nodes, 2 + (to - from));
            return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(body).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
