package com.quimbi.crm.bench;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Fills a migrated ticket-service database with realistic data fast: customers, tickets and messages through
 * {@code COPY} (never row-by-row), with the ticket indexes dropped during the load and rebuilt after it.
 *
 * <pre>java ... TicketSeeder --db jdbc:postgresql://localhost:54329/ticket --user ticket_service --password ticket_service
 *          [--tickets 1000000] [--customers 100000] [--message-share 0.3] [--seed 42]</pre>
 *
 * Distributions (two years of a mid-size shop's support): status closed 55 %, solved 20 %, open 10 %, pending 7 %,
 * new 5 %, on hold 3 %; priority low 20 %, normal 60 %, high 15 %, urgent 5 %; 80 % assigned to one of 60
 * agents; 0-3 tags of 30; subjects and bodies from support-mail templates over 240 product names.
 */
public final class TicketSeeder {

    static final String[] STATUS = { "closed", "solved", "open", "pending", "new", "on_hold" };
    static final int[] STATUS_WEIGHT = { 55, 20, 10, 7, 5, 3 };
    static final String[] PRIORITY = { "low", "normal", "high", "urgent" };
    static final int[] PRIORITY_WEIGHT = { 20, 60, 15, 5 };
    static final String[] CHANNEL = { "email", "chat", "phone", "web", "social", "api" };
    static final int[] CHANNEL_WEIGHT = { 50, 20, 8, 15, 5, 2 };
    static final String[] CATEGORY = { "account", "billing", "general", "product", "returns", "shipping", "technical" };
    static final String[] ADJECTIVES = { "ceramic", "linen", "wool", "bamboo", "leather", "glass", "oak", "copper",
            "cotton", "steel", "velvet", "marble", "silk", "walnut", "canvas", "porcelain", "denim", "cashmere",
            "rattan", "slate" };
    static final String[] NOUNS = { "mug", "shirt", "blanket", "lamp", "wallet", "vase", "table", "kettle",
            "pillow", "backpack", "scarf", "planter" };
    static final String[] SUBJECTS = { "Order #%d arrived damaged", "Where is my order #%d?", "Refund for my %s",
            "Cannot log in to my account", "Charged twice for order #%d", "My %s stopped working",
            "Change the shipping address of order #%d", "Discount code %s does not work", "Return label for the %s",
            "Sizing question about the %s", "Cancel my subscription", "Wrong item received instead of the %s",
            "Package marked delivered but never received", "Invoice needed for order #%d",
            "Password reset email never arrives", "Exchange the %s for another colour" };
    static final String[] SENTENCES = { "I ordered the %s two weeks ago.", "The tracking page has not moved in days.",
            "The box was crushed and the %s is broken.", "Please send a replacement as soon as possible.",
            "I would like a full refund to my card.", "My card was charged twice this morning.",
            "The courier says the parcel was refused, which is not true.", "I cannot find the invoice in my account.",
            "The discount code was accepted but the total did not change.", "I moved last week, please update the address.",
            "The %s looks different from the pictures on the website.", "This is the second time this happens.",
            "Thanks for the quick help last time!", "I am really disappointed with the service.",
            "Can you tell me when it will be back in stock?", "The colour of the %s is wrong.",
            "I tried resetting my password three times.", "Please cancel the order if it has not shipped yet.",
            "Could you check with the warehouse?", "I need this before Friday for a gift." };
    static final String[] REPLIES = { "Thanks for reaching out, I am looking into it now.",
            "I have issued a refund, it will show in 3-5 business days.", "A replacement %s ships today.",
            "Could you send a photo of the damaged %s?", "I have updated the shipping address.",
            "The courier confirmed a delivery attempt, I opened an investigation.",
            "Your invoice is attached to this message." };
    static final String[] TAGS = new String[30];
    static final String[] AGENTS = new String[60];

    static {
        String[] base = { "vip", "refund", "damaged", "late", "exchange", "billing", "login", "address", "discount",
                "invoice", "subscription", "warranty", "stock", "gift", "wholesale", "complaint", "praise", "bug",
                "fraud", "duplicate", "courier", "customs", "size", "colour", "bundle", "preorder", "loyalty",
                "urgent-review", "escalated", "follow-up" };
        System.arraycopy(base, 0, TAGS, 0, 30);
        for (int i = 0; i < AGENTS.length; i++) {
            AGENTS[i] = new UUID(0x5b0c2f3e2d7a4c1eL, 0x9a550f6e8d7c0000L + i).toString();
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = TicketCreateBench.options(args);
        seed(o.getOrDefault("db", "jdbc:postgresql://localhost:54329/ticket"), o.getOrDefault("user", "ticket_service"),
                o.getOrDefault("password", "ticket_service"), Integer.parseInt(o.getOrDefault("tickets", "1000000")),
                Integer.parseInt(o.getOrDefault("customers", "100000")),
                Double.parseDouble(o.getOrDefault("message-share", "0.3")), Long.parseLong(o.getOrDefault("seed", "42")));
    }

    /** The seeded customers' ids (bench queries pick from them). */
    public static List<UUID> seed(String url, String user, String password, int tickets, int customers,
            double messageShare, long seed) throws SQLException, IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = now.minus(Duration.ofDays(730));
        List<UUID> customerIds = new ArrayList<>(customers);
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            db.setAutoCommit(false);
            CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
            try (Statement s = db.createStatement()) {
                s.execute("SET maintenance_work_mem = '256MB'");
                s.execute("SET synchronous_commit = off");
            }
            List<String> indexes = dropTicketIndexes(db);
            long t0 = System.nanoTime();

            StringBuilder rows = new StringBuilder(1 << 20);
            String[] emails = new String[customers];
            String[] tiers = new String[customers];
            for (int i = 0; i < customers; i++) {
                UUID id = uuid(random);
                customerIds.add(id);
                emails[i] = "customer" + i + "@example.com";
                tiers[i] = random.nextInt(100) < 4 ? "vip" : "standard";
                Instant created = start.plusSeconds(random.nextLong(Duration.ofDays(700).toSeconds()));
                rows.append(id).append('\t').append(emails[i]).append('\t').append("Customer ").append(i).append('\t')
                        .append(tiers[i]).append('\t').append(random.nextInt(10) < 7 ? "en" : "es").append('\t')
                        .append(created).append('\t').append(created).append('\n');
                if (rows.length() > (1 << 20)) {
                    flush(copy, "COPY customer (id, email, name, tier, language, created_at, updated_at) FROM STDIN", rows);
                }
            }
            flush(copy, "COPY customer (id, email, name, tier, language, created_at, updated_at) FROM STDIN", rows);
            System.out.printf("seed: %d customers in %.1f s%n", customers, (System.nanoTime() - t0) / 1e9);

            long t1 = System.nanoTime();
            String ticketCopy = "COPY ticket (id, number, subject, description, status, priority, channel, language, "
                    + "customer_id, customer_email, assignee_id, category, tags, metadata, churn_risk, ltv, sentiment, "
                    + "category_confidence, customer_tier, enriched_at, sla_next_deadline, sla_state, smart_due, created_by, "
                    + "created_at, updated_at, last_message_at, version) FROM STDIN";
            String messageCopy = "COPY message (id, ticket_id, author_type, author_id, direction, body_text, internal, "
                    + "attachments, created_at, version) FROM STDIN";
            StringBuilder messages = new StringBuilder(1 << 20);
            long firstNumber = 1_000_001;
            int messageCount = 0;
            for (int i = 0; i < tickets; i++) {
                UUID id = uuid(random);
                int c = random.nextInt(customers);
                String product = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + NOUNS[random.nextInt(NOUNS.length)];
                int order = 10_000 + random.nextInt(900_000);
                String subject = fill(SUBJECTS[random.nextInt(SUBJECTS.length)], product, order, random);
                StringBuilder description = new StringBuilder();
                for (int k = 0, n = 2 + random.nextInt(3); k < n; k++) {
                    description.append(k == 0 ? "" : " ").append(fill(SENTENCES[random.nextInt(SENTENCES.length)],
                            product, order, random));
                }
                String status = pick(STATUS, STATUS_WEIGHT, random);
                String priority = pick(PRIORITY, PRIORITY_WEIGHT, random);
                Instant created = start.plusSeconds(random.nextLong(Duration.ofDays(730).toSeconds()));
                Instant updated = created.plusSeconds(random.nextLong(Duration.ofDays(3).toSeconds()));
                String assignee = random.nextInt(100) < 80 ? AGENTS[random.nextInt(AGENTS.length)] : null;
                boolean enriched = random.nextInt(100) < 90;
                double churn = random.nextDouble() * random.nextDouble();
                double ltv = Math.round(random.nextDouble() * random.nextDouble() * 3000 * 100) / 100.0;
                double sentiment = random.nextDouble() * 2 - 1;
                Instant sla = status.equals("new") || status.equals("open")
                        ? created.plus(Duration.ofHours(random.nextInt(1, 48))) : null;
                Instant smartDue = smartDue(status, priority, created, sla, tiers[c], enriched ? ltv : null,
                        enriched ? churn : null, enriched ? sentiment : null);
                StringBuilder tags = new StringBuilder("{");
                for (int k = 0, n = random.nextInt(4); k < n; k++) {
                    tags.append(k == 0 ? "" : ",").append(TAGS[random.nextInt(TAGS.length)]);
                }
                tags.append('}');
                boolean withMessage = random.nextDouble() < messageShare;
                rows.append(id).append('\t').append(firstNumber + i).append('\t').append(subject).append('\t')
                        .append(description).append('\t').append(status).append('\t').append(priority).append('\t')
                        .append(pick(CHANNEL, CHANNEL_WEIGHT, random)).append('\t').append(random.nextInt(10) < 7 ? "en" : "es")
                        .append('\t').append(customerIds.get(c)).append('\t').append(emails[c]).append('\t')
                        .append(assignee == null ? "\\N" : assignee).append('\t')
                        .append(enriched ? CATEGORY[random.nextInt(CATEGORY.length)] : "\\N").append('\t')
                        .append(tags).append('\t').append("{\"source\":\"").append(random.nextBoolean() ? "email" : "help-center")
                        .append("\"}").append('\t')
                        .append(enriched ? String.valueOf((float) churn) : "\\N").append('\t')
                        .append(enriched ? String.valueOf(ltv) : "\\N").append('\t')
                        .append(enriched ? String.valueOf((float) sentiment) : "\\N").append('\t')
                        .append(enriched ? String.valueOf((float) random.nextDouble()) : "\\N").append('\t')
                        .append(tiers[c]).append('\t').append(enriched ? created.plusSeconds(2).toString() : "\\N").append('\t')
                        .append(sla == null ? "\\N" : sla.toString()).append('\t').append(sla == null ? "\\N" : "on_track")
                        .append('\t').append(smartDue).append('\t').append(AGENTS[random.nextInt(AGENTS.length)]).append('\t')
                        .append(created).append('\t').append(updated).append('\t')
                        .append(withMessage ? updated.toString() : "\\N").append('\t').append(0).append('\n');
                if (withMessage) {
                    messageCount++;
                    messages.append(uuid(random)).append('\t').append(id).append('\t').append("agent").append('\t')
                            .append(assignee == null ? AGENTS[0] : assignee).append('\t').append("outbound").append('\t')
                            .append(fill(REPLIES[random.nextInt(REPLIES.length)], product, order, random)).append('\t')
                            .append(random.nextInt(10) == 0 ? "t" : "f").append('\t').append("[]").append('\t')
                            .append(updated).append('\t').append(0).append('\n');
                }
                if (rows.length() > (4 << 20)) {
                    flush(copy, ticketCopy, rows);
                }
                if ((i + 1) % 200_000 == 0) {
                    System.out.printf("seed: %d tickets, %.1f s%n", i + 1, (System.nanoTime() - t1) / 1e9);
                }
            }
            flush(copy, ticketCopy, rows);
            System.out.printf("seed: %d tickets in %.1f s%n", tickets, (System.nanoTime() - t1) / 1e9);

            long t2 = System.nanoTime();
            try (Statement s = db.createStatement()) {
                // one bulk refresh of the search documents below instead of one trigger UPDATE per message
                s.execute("ALTER TABLE message DISABLE TRIGGER message_search_refresh");
                flushAll(copy, messageCopy, messages);
                s.execute("ALTER TABLE message ENABLE TRIGGER message_search_refresh");
                s.execute("UPDATE ticket t SET search = ticket_search_document(t.id, t.subject, t.description) "
                        + "WHERE EXISTS (SELECT 1 FROM message m WHERE m.ticket_id = t.id)");
                s.execute("SELECT setval('ticket_number_seq', " + (firstNumber + tickets) + ")");
            }
            System.out.printf("seed: %d messages and search refresh in %.1f s%n", messageCount,
                    (System.nanoTime() - t2) / 1e9);

            long t3 = System.nanoTime();
            try (Statement s = db.createStatement()) {
                for (String index : indexes) {
                    s.execute(index);
                }
            }
            db.commit();
            db.setAutoCommit(true);
            try (Statement s = db.createStatement()) {
                s.execute("VACUUM ANALYZE ticket");
                s.execute("VACUUM ANALYZE customer");
                s.execute("VACUUM ANALYZE message");
            }
            System.out.printf("seed: %d indexes rebuilt and analyzed in %.1f s (total %.1f s)%n", indexes.size(),
                    (System.nanoTime() - t3) / 1e9, (System.nanoTime() - t0) / 1e9);
        }
        return customerIds;
    }

    /** The same formula as ticket-service's TicketScore (kept in step by hand: this is only seed data). */
    static Instant smartDue(String status, String priority, Instant created, Instant sla, String tier, Double ltv,
            Double churn, Double sentiment) {
        long windowHours = switch (priority) {
            case "urgent" -> 1;
            case "high" -> 4;
            case "normal" -> 24;
            default -> 72;
        };
        Instant due = created.plus(Duration.ofHours(windowHours));
        if (sla != null && sla.isBefore(due)) {
            due = sla;
        }
        double boost = "vip".equals(tier) ? 240 : 0;
        if (ltv != null && ltv > 0) {
            boost += Math.min(240, 60 * Math.log10(1 + ltv / 100));
        }
        if (churn != null) {
            boost += 360 * Math.max(0, Math.min(1, churn));
        }
        if (sentiment != null) {
            boost += 180 * Math.max(0, -Math.max(-1, Math.min(1, sentiment)));
        }
        due = due.minusSeconds(Math.round(boost * 60));
        return switch (status) {
            case "pending", "on_hold" -> due.plus(Duration.ofDays(30));
            case "solved", "closed" -> due.plus(Duration.ofDays(3650));
            default -> due;
        };
    }

    private static List<String> dropTicketIndexes(Connection db) throws SQLException {
        List<String> definitions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Statement s = db.createStatement(); var rs = s.executeQuery("""
                SELECT i.indexname, i.indexdef FROM pg_indexes i
                WHERE i.tablename = 'ticket' AND i.schemaname = 'public'
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""")) {
            while (rs.next()) {
                names.add(rs.getString(1));
                definitions.add(rs.getString(2));
            }
        }
        try (Statement s = db.createStatement()) {
            for (String name : names) {
                s.execute("DROP INDEX " + name);
            }
        }
        return definitions;
    }

    private static void flush(CopyManager copy, String sql, StringBuilder rows) throws SQLException, IOException {
        if (!rows.isEmpty()) {
            copy.copyIn(sql, new StringReader(rows.toString()));
            rows.setLength(0);
        }
    }

    private static void flushAll(CopyManager copy, String sql, StringBuilder rows) throws SQLException, IOException {
        flush(copy, sql, rows);
    }

    private static String fill(String template, String product, int order, SplittableRandom random) {
        if (template.contains("%d")) {
            return template.formatted(order);
        }
        if (template.contains("Discount code")) {
            return template.formatted("SAVE" + (10 + random.nextInt(90)));
        }
        return template.contains("%s") ? template.formatted(product) : template;
    }

    private static String pick(String[] values, int[] weights, SplittableRandom random) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    /** Time-ordered ids like the service's (UUID v7 layout), so index locality resembles production. */
    private static UUID uuid(SplittableRandom random) {
        long millis = System.currentTimeMillis();
        long msb = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
