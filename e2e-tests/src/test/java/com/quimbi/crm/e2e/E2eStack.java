package com.quimbi.crm.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.quimbi.crm.devstack.LocalStack;
import com.quimbi.crm.devstack.LocalStackSettings;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

/**
 * The whole system, started once for the module through the same launcher as {@code ./crm up}, on free
 * ports and in its own directory so it never clashes with a developer's running stack.
 */
final class E2eStack {

    /** Low enough that a test can exceed it, high enough that the other flows never do. */
    static final int RATE_LIMIT_REPLENISH = 10;
    static final int RATE_LIMIT_BURST = 20;

    static final List<String> SERVICES = List.of("ticket-service", "analytics-service", "quimbi-adapter",
            "agent-service", "assignment-service", "sla-service", "integration-service", "notification-service",
            "automation-service", "gateway");

    private static LocalStack stack;
    private static OtlpReceiver traces;
    private static WireMockServer shopify;
    private static WireMockServer gorgias;
    private static WireMockServer slack;

    private E2eStack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            // Shopify is third-party SaaS: a WireMock server stands in for every shop's Admin API
            WireMockServer fakeShopify = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort());
            fakeShopify.start();
            // Gorgias too: its REST API and the agent-facing ticket pages (CRM_GORGIAS_BASE_URL)
            WireMockServer fakeGorgias = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort());
            fakeGorgias.start();
            // Slack's Web API for notification-service's alerts (CRM_SLACK_API_URL)
            WireMockServer fakeSlack = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort());
            fakeSlack.start();
            // every service exports its spans over OTLP to a receiver of the module's own (TraceFlowIT)
            OtlpReceiver otlp;
            try {
                otlp = new OtlpReceiver();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            LocalStackSettings.Builder builder = LocalStackSettings.builder()
                    .baseDir(Path.of("target", "e2e-stack").toAbsolutePath())
                    .keepData(false)
                    .freePorts()
                    // ten service JVMs start in parallel on two cores: under a busy machine 3 minutes were not enough
                    .serviceReadyTimeout(java.time.Duration.ofMinutes(6))
                    .services(SERVICES)
                    .serviceEnv("gateway", Map.of(
                            "CRM_RATE_LIMIT_REPLENISH", String.valueOf(RATE_LIMIT_REPLENISH),
                            "CRM_RATE_LIMIT_BURST", String.valueOf(RATE_LIMIT_BURST),
                            // the rate-limit tests are about limiting: a busy machine's slow Redis must not let
                            // their requests through (fail open after the default 100 ms)
                            "CRM_RATE_LIMIT_TIMEOUT", "3s"))
                    .serviceEnv("integration-service", Map.of("CRM_SHOPIFY_ADMIN_BASE_URL", fakeShopify.baseUrl(),
                            "CRM_GORGIAS_BASE_URL", fakeGorgias.baseUrl()))
                    // a breach reaches Slack within seconds of its deadline: a short gather, a short window
                    .serviceEnv("notification-service", Map.of("CRM_SLACK_API_URL", fakeSlack.baseUrl() + "/api/",
                            "CRM_ALERT_GATHER", "300ms", "CRM_ALERT_WINDOW", "2s"));
            for (String service : SERVICES) {
                builder.serviceEnv(service, Map.of("CRM_OTLP_ENABLED", "true", "CRM_OTLP_ENDPOINT", otlp.endpoint()));
            }
            LocalStackSettings settings = builder.build();
            LocalStack started = LocalStack.start(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    fakeShopify.stop();
                    fakeGorgias.stop();
                    fakeSlack.stop();
                    otlp.close();
                    started.close();
                } catch (Exception e) {
                    System.err.println("could not stop the e2e stack: " + e);
                }
            }));
            stack = started;
            shopify = fakeShopify;
            gorgias = fakeGorgias;
            slack = fakeSlack;
            traces = otlp;
        }
        return stack;
    }

    /** The OTLP/HTTP receiver every service of the stack exports its spans to. */
    static OtlpReceiver traces() {
        get();
        return traces;
    }

    /** The stand-in for Shopify's Admin API that integration-service calls (CRM_SHOPIFY_ADMIN_BASE_URL). */
    static WireMockServer shopify() {
        get();
        return shopify;
    }

    /** The stand-in for Gorgias's REST API that integration-service calls (CRM_GORGIAS_BASE_URL). */
    static WireMockServer gorgias() {
        get();
        return gorgias;
    }

    /** The stand-in for Slack's Web API that notification-service calls (CRM_SLACK_API_URL). */
    static WireMockServer slack() {
        get();
        return slack;
    }

    /** The stack's GreenMail: support@crm.local is integration-service's mailbox, any other address a customer's. */
    static com.quimbi.crm.devstack.MailServer mail() {
        return get().mail();
    }

    static Api gateway() {
        return Api.at(get().serviceUrl("gateway"));
    }

    /** Logs in through the gateway, as the SPA does, and returns the access token. */
    static String login(DemoUser user) {
        Api.Reply reply = gateway().post("/api/auth/login",
                "{\"username\":\"" + user.username() + "\",\"password\":\"" + user.credential() + "\"}");
        if (reply.status() != 200) {
            throw new AssertionError("login of " + user.username() + " failed: " + reply);
        }
        return reply.json().path("accessToken").asString();
    }
}
