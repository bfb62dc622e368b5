package com.quimbi.crm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.quimbi.crm.devstack.LocalStack;
import com.quimbi.crm.devstack.LocalStackSettings;
import com.quimbi.crm.devstack.MailServer;
import com.quimbi.crm.devstack.ServiceProcess;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * E-mail in and out on a stack of its own (free ports; ticket-service, integration-service and the gateway, with the
 * stack's GreenMail as the support mailbox, in this JVM):
 * <ol>
 * <li><b>Inbound</b>: {@code --mails} customer mails (each from a new customer, a unique subject) delivered to
 * GreenMail over SMTP at {@code --rate} per second, open loop; each is timed from SMTP's acceptance until the ticket
 * is visible through the gateway ({@code GET /api/tickets?channel=email&sort=created}, polled every 20 ms by one
 * poller): IMAP IDLE → integration-service (receipt, MIME, outbox) → Debezium → ticket-service (customer, ticket,
 * message) → the gateway.</li>
 * <li><b>Outbound</b>: an agent's public reply on {@code --replies} of those tickets through the gateway at
 * {@code --reply-rate} per second, each timed from its {@code 201} until GreenMail has accepted the mail to the
 * customer: ticket-service's outbox → Debezium → integration-service (threading headers, SMTP). Replies per
 * second sustained = replies / (last acceptance − first reply).</li>
 * </ol>
 * <pre>./mvnw -B -ntp -q -pl bench exec:java -Dbench.main=com.quimbi.crm.bench.MailBench \
 *     -Dexec.args="--mails 600 --rate 20 --replies 600 --reply-rate 20"</pre>
 * {@code --service-jvm "-Xmx512m,-XX:+UseSerialGC"} replaces the devstack's service JVM flags (C1 only).
 */
public final class MailBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = TicketCreateBench.options(args);
        int mails = Integer.parseInt(options.getOrDefault("mails", "600"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "20"));
        int warmUp = Integer.parseInt(options.getOrDefault("warm-up", "100"));
        int replies = Integer.parseInt(options.getOrDefault("replies", String.valueOf(mails)));
        int replyRate = Integer.parseInt(options.getOrDefault("reply-rate", "20"));

        System.out.println("load before start: " + AssignmentBench.loadavg());
        LocalStack stack = LocalStack.start(LocalStackSettings.builder()
                .baseDir(Path.of("target", "mail-bench-stack").toAbsolutePath())
                .keepData(false)
                .freePorts()
                .services(List.of("ticket-service", "integration-service", "gateway"))
                .serviceEnv("gateway", Map.of("CRM_RATE_LIMIT_REPLENISH", "5000", "CRM_RATE_LIMIT_BURST", "10000"))
                .serviceJvmArgs(options.containsKey("service-jvm")
                        ? List.of(options.get("service-jvm").trim().split("[,\\s]+")) : ServiceProcess.DEFAULT_JVM_ARGS)
                .progress(line -> System.out.println("  stack: " + line))
                .build());
        try (stack) {
            String gateway = stack.serviceUrl("gateway");
            // a fresh token every 4 minutes: the realm's access tokens last 5
            java.util.function.Supplier<String> token = new java.util.function.Supplier<>() {
                private String value;
                private long at;

                @Override
                public synchronized String get() {
                    if (value == null || System.nanoTime() - at > TimeUnit.MINUTES.toNanos(4)) {
                        value = stack.keycloak().accessToken("alex.agent", "alex-demo-pass");
                        at = System.nanoTime();
                    }
                    return value;
                }
            };
            MailServer mail = stack.mail();
            TicketWatch watch = new TicketWatch(gateway, token);
            Thread.ofPlatform().daemon().name("ticket-watch").start(watch);

            Run warm = inbound(mail, watch, "warm", warmUp, rate);
            System.out.printf("warm-up: %d mails, %d tickets seen%n", warmUp, warm.seen());
            Run run = inbound(mail, watch, "run", mails, rate);
            long[] in = run.latencies();
            System.out.printf("inbound: %d mails at %d/s, %d tickets visible (%d missing); SMTP accepted -> visible "
                    + "through the gateway: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", mails, rate, in.length,
                    mails - in.length, TicketCreateBench.ms(TicketCreateBench.percentile(in, 50)),
                    TicketCreateBench.ms(TicketCreateBench.percentile(in, 95)),
                    TicketCreateBench.ms(TicketCreateBench.percentile(in, 99)), TicketCreateBench.ms(in[in.length - 1]));
            watch.stop.set(true);

            outbound(gateway, token, mail, warm, Math.min(warmUp, warm.seen()), replyRate, "warm-up");
            outbound(gateway, token, mail, run, Math.min(replies, run.seen()), replyRate, "outbound");
            System.out.println("load after: " + AssignmentBench.loadavg());
        } catch (RuntimeException e) {
            // GreenMail complains when it stops under integration-service's open IDLE connection; numbers are out
            if (!String.valueOf(e.getMessage()).contains("IMAP connection")) {
                throw e;
            }
        }
    }

    /** One batch of customer mails: subject → customer address, sent time, ticket id and seen time. */
    record Run(Map<String, String> customerBySubject, Map<String, Long> sentAt, TicketWatch watch) {

        int seen() {
            return (int) sentAt.keySet().stream().filter(watch.seenAt::containsKey).count();
        }

        long[] latencies() {
            return sentAt.entrySet().stream().filter(e -> watch.seenAt.containsKey(e.getKey()))
                    .mapToLong(e -> watch.seenAt.get(e.getKey()) - e.getValue()).sorted().toArray();
        }

        List<String> ticketIds() {
            return sentAt.keySet().stream().map(watch.ticketBySubject::get).filter(java.util.Objects::nonNull).toList();
        }
    }

    static Run inbound(MailServer mail, TicketWatch watch, String label, int count, int rate) throws Exception {
        Map<String, String> customers = new ConcurrentHashMap<>();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // open-loop pacing
            }
            String tag = label + "-" + UUID.randomUUID().toString().substring(0, 8);
            String customer = "bench-" + tag + "@example.com";
            String subject = "Parcel " + tag + " has not arrived";
            customers.put(subject, customer);
            senders.execute(() -> {
                try {
                    send(mail, customer, subject);
                    sentAt.put(subject, System.nanoTime());
                } catch (Exception e) {
                    System.out.println("SMTP send failed: " + e);
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(2, TimeUnit.MINUTES);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && !sentAt.keySet().stream().allMatch(watch.seenAt::containsKey)) {
            Thread.sleep(50); // waiting for an outcome in a benchmark driver
        }
        return new Run(customers, sentAt, watch);
    }

    static void outbound(String gateway, java.util.function.Supplier<String> token, MailServer mail, Run run, int count, int rate, String label)
            throws Exception {
        List<String> ticketIds = run.ticketIds().subList(0, count);
        int before = mail.greenMail().getReceivedMessages().length;
        Map<String, Long> repliedAt = new ConcurrentHashMap<>();
        Map<String, String> customerByTicket = new ConcurrentHashMap<>();
        run.watch.ticketBySubject.forEach((subject, id) -> {
            if (run.customerBySubject.containsKey(subject)) {
                customerByTicket.put(id, run.customerBySubject.get(subject));
            }
        });
        // GreenMail's acceptance time, seen by scanning its store every 10 ms while the replies go out
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        AtomicBoolean scanning = new AtomicBoolean(true);
        Thread scanner = Thread.ofPlatform().daemon().name("smtp-watch").start(() -> {
            int scanned = before;
            while (scanning.get()) {
                MimeMessage[] received = mail.greenMail().getReceivedMessages();
                long now = System.nanoTime();
                for (int i = scanned; i < received.length; i++) {
                    try {
                        Arrays.stream(received[i].getAllRecipients()).map(a -> ((InternetAddress) a).getAddress())
                                .forEach(a -> acceptedAt.putIfAbsent(a, now));
                    } catch (jakarta.mail.MessagingException e) {
                        System.out.println("unreadable mail in GreenMail: " + e);
                    }
                }
                scanned = received.length;
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        ExecutorService senders = Executors.newFixedThreadPool(8);
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        List<Long> replyStatus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String ticketId = ticketIds.get(i);
            senders.execute(() -> {
                try {
                    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(gateway + "/api/tickets/" + ticketId + "/messages"))
                            .header("Authorization", "Bearer " + token.get()).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"body\":\"A new parcel is on its way.\",\"authorType\":\"agent\"}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 201) {
                        repliedAt.put(customerByTicket.get(ticketId), System.nanoTime());
                    } else {
                        synchronized (replyStatus) {
                            replyStatus.add((long) response.statusCode());
                        }
                    }
                } catch (Exception e) {
                    System.out.println("reply failed: " + e);
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(2, TimeUnit.MINUTES);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (acceptedAt.size() < repliedAt.size() && System.nanoTime() < deadline) {
            Thread.sleep(50); // waiting for an outcome in a benchmark driver
        }
        scanning.set(false);
        scanner.join();
        long[] latencies = acceptedAt.entrySet().stream().filter(e -> repliedAt.containsKey(e.getKey()))
                .mapToLong(e -> e.getValue() - repliedAt.get(e.getKey())).sorted().toArray();
        long first = repliedAt.values().stream().mapToLong(Long::longValue).min().orElse(0);
        long last = acceptedAt.entrySet().stream().filter(e -> repliedAt.containsKey(e.getKey()))
                .mapToLong(Map.Entry::getValue).max().orElse(0);
        System.out.printf("%s: %d replies at %d/s (%d refused: %s), %d accepted by SMTP; 201 -> SMTP accepted: "
                + "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; sustained %.1f replies/s%n", label, count, rate,
                replyStatus.size(), replyStatus, latencies.length,
                TicketCreateBench.ms(TicketCreateBench.percentile(latencies, 50)),
                TicketCreateBench.ms(TicketCreateBench.percentile(latencies, 95)),
                TicketCreateBench.ms(TicketCreateBench.percentile(latencies, 99)),
                TicketCreateBench.ms(latencies[latencies.length - 1]), latencies.length / ((last - first) / 1e9));
    }

    static void send(MailServer mail, String from, String subject) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", mail.host());
        props.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from, "Bench Customer"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(MailServer.SUPPORT_ADDRESS));
        message.setSubject(subject, "UTF-8");
        message.setText("Hello, I ordered two weeks ago and the parcel " + subject
                + " still shows no movement. Can you check?\n\nThanks", "UTF-8");
        message.saveChanges();
        Transport.send(message);
    }

    /** Polls the newest e-mail tickets through the gateway and notes when each subject is first seen. */
    static final class TicketWatch implements Runnable {

        final Map<String, Long> seenAt = new ConcurrentHashMap<>();
        final Map<String, String> ticketBySubject = new ConcurrentHashMap<>();
        final AtomicBoolean stop = new AtomicBoolean();
        private final String gateway;
        private final java.util.function.Supplier<String> token;

        TicketWatch(String gateway, java.util.function.Supplier<String> token) {
            this.gateway = gateway;
            this.token = token;
        }

        @Override
        public void run() {
            while (!stop.get()) {
                try {
                    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(gateway + "/api/tickets?channel=email&sort=created&limit=100"))
                            .header("Authorization", "Bearer " + token.get()).GET().build(), HttpResponse.BodyHandlers.ofString());
                    long now = System.nanoTime();
                    if (response.statusCode() == 200) {
                        for (JsonNode item : JSON.readTree(response.body()).path("items")) {
                            String subject = item.path("subject").asString();
                            if (seenAt.putIfAbsent(subject, now) == null) {
                                ticketBySubject.put(subject, item.path("id").asString());
                            }
                        }
                    }
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    System.out.println("ticket watch: " + e);
                }
            }
        }
    }
}
