package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

import tools.jackson.databind.JsonNode;

/**
 * The agent console in a real browser: Debian's Chromium driven by Playwright (never a browser of its own), against
 * the e2e stack's gateway, which serves the console at {@code /}. Logs in through Keycloak's own login page (code flow
 * with PKCE), works a ticket (AI draft, reply, internal note, assign), sees a ticket assigned by someone else arrive
 * live, two browsers on one ticket see each other viewing and replying, an agent is refused the admin and supervisor
 * pages, a supervisor sees the API's numbers in the charts, a deactivated agent lands on a clear page, sign-out ends the
 * Keycloak session. Every screen is checked with axe-core (no critical violation) and saved as a screenshot in
 * {@code target/console-screenshots/}.
 */
class ConsoleIT {

    static final Path SHOTS = Path.of("target", "console-screenshots");
    static final String PASSWORD = "console-pass-1234";
    static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    static Playwright playwright;
    static Browser browser;
    static String console;
    static Api admin;
    static String axeSource;
    static final List<String> PAGE_ERRORS = java.util.Collections.synchronizedList(new ArrayList<>());

    @org.junit.jupiter.api.AfterEach
    void noUncaughtErrorsInThePage() {
        List<String> errors = List.copyOf(PAGE_ERRORS);
        PAGE_ERRORS.clear();
        assertThat(errors).as("uncaught errors in the console's pages").isEmpty();
    }

    @BeforeAll
    static void browser() throws IOException {
        console = E2eStack.get().serviceUrl("gateway");
        admin = E2eStack.gateway().as(E2eStack.login(DemoUser.ADMIN));
        Files.createDirectories(SHOTS);
        axeSource = axeSource();
        Path chromium = chromium();
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium).setHeadless(true).setArgs(CHROMIUM_FLAGS));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** CRM_CHROMIUM, else Debian's /usr/bin/chromium (./crm test installs it when missing). */
    static Path chromium() {
        String configured = System.getenv("CRM_CHROMIUM");
        Path path = Path.of(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("No Chromium at " + path + ": the console's browser tests need Debian's chromium "
                    + "package (./crm test installs it as root; otherwise run apt-get install chromium) or CRM_CHROMIUM "
                    + "pointing at a Chromium binary.");
        }
        return path;
    }

    static String axeSource() {
        String resource = "axe.min.js";
        try (InputStream in = ConsoleIT.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not on the test classpath (com.deque.html.axe-core:playwright)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the flows ----

    @Test
    void anAgentLogsInThroughKeycloakWorksATicketAndIsRefusedTheAdminPages() {
        String tag = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String username = "ana-" + tag;
        createAgent(username, "Ana", "Console", "agent");
        String teammate = "mo-" + tag;
        createAgent(teammate, "Mo", "Mentioned", "agent");
        Api ana = E2eStack.gateway().as(AuthorizationMatrixIT.login(username, PASSWORD));
        String ticketId = createTicket(ana, "Mug arrived broken " + tag, "The handle of my new mug was broken in the box.", tag);
        awaitDraftAvailable(ana, ticketId);

        try (BrowserContext context = newContext(1280, 800)) {
            Page page = context.newPage();
            page.navigate(console + "/");
            // Keycloak's own login page, reached through the authorization code flow
            page.waitForSelector("#username");
            assertThat(page.url()).contains("/protocol/openid-connect/auth").contains("code_challenge_method=S256");
            shot(page, "01-keycloak-login");
            page.fill("#username", username);
            page.fill("#password", PASSWORD);
            page.click("#kc-login");

            // the inbox, at the gateway's origin, with the code exchanged and gone from the address bar
            PlaywrightAssertions.assertThat(page.locator("h1")).hasText("Inbox");
            assertThat(page.url()).startsWith(console).doesNotContain("code=");
            PlaywrightAssertions.assertThat(page.locator("#who")).containsText("Ana Console");
            PlaywrightAssertions.assertThat(page.locator(".topbar nav")).not().containsText("Admin");
            page.locator(".list-status").waitFor();
            accessible(page, "inbox");
            shot(page, "02-inbox-my-queue");

            // search by the ticket's tag, then open it
            page.click("#tab-search");
            page.fill("input[name=tag]", tag);
            page.click("form.search button[type=submit]");
            Locator row = page.locator("#ticket-list a.row-link", new Page.LocatorOptions().setHasText("Mug arrived broken"));
            PlaywrightAssertions.assertThat(row).hasCount(1);
            shot(page, "03-inbox-search");
            row.click();
            PlaywrightAssertions.assertThat(page.locator("h1")).containsText("Mug arrived broken " + tag);
            PlaywrightAssertions.assertThat(page.locator(".msg-customer").first()).containsText("handle of my new mug");

            // assign to me (unless the routing gave it to her, or to someone else, when she came online)
            if (page.locator("#assign-me").count() > 0
                    && AuthorizationMatrixIT.notLimited(() -> ana.get("/api/tickets/" + ticketId)).json().path("assigneeId").asString(null) == null) {
                page.click("#assign-me");
                AssignmentFlowIT.awaitAssignee(ana, ticketId, agentId(ana));
            }

            // the AI draft with Alt+D, then sent as a public reply
            page.locator("textarea[name=body]").focus();
            page.keyboard().press("Alt+D");
            Locator composer = page.locator("textarea[name=body]");
            PlaywrightAssertions.assertThat(composer).not().isEmpty(new LocatorAssertions.IsEmptyOptions().setTimeout(15_000));
            String draft = composer.inputValue();
            accessible(page, "ticket");
            shot(page, "04-ticket-with-draft");
            page.keyboard().press("Control+Enter");
            String firstLine = draft.lines().filter(l -> !l.isBlank()).findFirst().orElseThrow().trim();
            PlaywrightAssertions.assertThat(page.locator(".msg-agent").last()).containsText(firstLine);
            // sent: the composer is emptied when the POST answers, which may come after the live feed showed it
            PlaywrightAssertions.assertThat(composer).isEmpty(new LocatorAssertions.IsEmptyOptions().setTimeout(15_000));
            JsonNode messages = AuthorizationMatrixIT.notLimited(() -> ana.get("/api/tickets/" + ticketId + "/messages")).json();
            boolean replied = false;
            for (JsonNode m : messages.path("items")) {
                replied |= !m.path("internal").asBoolean() && m.path("body").asString().contains(firstLine);
            }
            assertThat(replied).as("the reply is in the thread through the API").isTrue();

            // an internal note looks different from a reply
            page.check("input[name=visibility][value=internal]");
            composer.fill("Checked the order: replacement approved by the warehouse. ");
            // @mention a teammate: typed after "@", chosen from the list with the keyboard
            composer.press("End");
            composer.pressSequentially("@mo-" + tag.substring(0, 10));
            Locator option = page.locator(".mentions [role=option][data-username='" + teammate + "']");
            PlaywrightAssertions.assertThat(option).isVisible();
            assertThat(composer.getAttribute("aria-activedescendant")).isNotBlank();
            accessible(page, "ticket (mention list)");
            shot(page, "05a-ticket-mention");
            composer.press("Enter");
            PlaywrightAssertions.assertThat(page.locator(".mentions")).isHidden();
            assertThat(composer.inputValue()).endsWith("@" + teammate + " ");
            page.click("#send-reply");
            PlaywrightAssertions.assertThat(page.locator(".msg-internal")).containsText("replacement approved");
            PlaywrightAssertions.assertThat(page.locator(".msg-internal")).containsText("@" + teammate);
            PlaywrightAssertions.assertThat(page.locator(".msg-internal .note-label")).hasText("Internal note");
            shot(page, "05-ticket-thread");

            // a macro from the composer: its preview on this ticket, then its actions done and its reply in the composer
            Api.Reply macro = AuthorizationMatrixIT.notLimited(() -> ana.post("/api/macros", """
                    {"name":"Replacement %s","scope":"personal","replyText":"Hello {{customer.first_name}}, a replacement is on its way.",
                     "actions":{"addTags":["replacement"],"category":"damaged-item"}}""".formatted(tag)));
            assertThat(macro.status()).as(macro.toString()).isEqualTo(201);
            page.click("#open-macros");
            page.fill("#macro-dialog input[type=search]", tag);
            page.locator("#macro-dialog button.macro", new Page.LocatorOptions().setHasText("Replacement " + tag)).click();
            PlaywrightAssertions.assertThat(page.locator(".macro-reply")).containsText("a replacement is on its way");
            PlaywrightAssertions.assertThat(page.locator(".macro-changes")).containsText("damaged-item");
            accessible(page, "ticket (macro preview)");
            shot(page, "05b-ticket-macro");
            page.click("#macro-insert");
            PlaywrightAssertions.assertThat(page.locator("#macro-dialog")).isHidden();
            PlaywrightAssertions.assertThat(composer).hasValue(java.util.regex.Pattern.compile("a replacement is on its way"));
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                JsonNode changed = AuthorizationMatrixIT.notLimited(() -> ana.get("/api/tickets/" + ticketId)).json();
                assertThat(changed.path("category").asString()).isEqualTo("damaged-item");
                assertThat(changed.path("tags").toString()).contains("replacement");
            });
            composer.fill("");

            // the phone layout
            page.setViewportSize(390, 844);
            accessible(page, "ticket (390 px)");
            shot(page, "06-ticket-phone");
            page.setViewportSize(1280, 800);

            // agents are refused the supervisor's and the admin's pages
            page.navigate(console + "/#/admin");
            PlaywrightAssertions.assertThat(page.locator("#refused")).isVisible();
            accessible(page, "admin refused");
            shot(page, "07-admin-refused-for-agent");
            page.navigate(console + "/#/supervisor");
            PlaywrightAssertions.assertThat(page.locator("#refused")).isVisible();

            // sign out ends the Keycloak session: the console asks for a login again
            page.navigate(console + "/#/inbox/mine");
            page.click("#logout");
            PlaywrightAssertions.assertThat(page.locator("h1")).hasText("You have signed out");
            page.click("button.primary");
            page.waitForSelector("#username");
        }
    }

    @Test
    void aTicketAssignedByASupervisorArrivesLiveAndTwoBrowsersSeeEachOtherOnIt() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String agentName = "lena-" + suffix;
        String agentId = createAgent(agentName, "Lena", "Live", "agent");
        String supervisorName = "sam-" + suffix;
        createAgent(supervisorName, "Sam", "Supervisor", "supervisor");
        Api supervisor = E2eStack.gateway().as(AuthorizationMatrixIT.login(supervisorName, PASSWORD));

        try (BrowserContext lenaContext = newContext(1280, 800); BrowserContext samContext = newContext(1280, 800)) {
            Page lena = login(lenaContext, agentName);
            lena.locator(".list-status").waitFor();
            PlaywrightAssertions.assertThat(lena.locator("#live-state.on")).hasCount(1);
            lena.evaluate("() => { window.__stillTheSamePage = true; }");

            // a supervisor assigns a new ticket to Lena: it shows up in her queue without a reload
            String ticketId = createTicket(supervisor, "Wrong size delivered " + suffix, "I ordered an M and got an XL.", "console-live");
            // 404 until assignment-service has the ticket from crm.ticket.events
            Api.Reply assigned = untilNot(404, () -> supervisor.post("/api/tickets/" + ticketId + "/assign",
                    "{\"agentId\":\"" + agentId + "\",\"force\":true}"));
            assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
            PlaywrightAssertions.assertThat(lena.locator("#ticket-list")).containsText("Wrong size delivered " + suffix,
                    new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
            PlaywrightAssertions.assertThat(lena.locator("#toasts")).containsText("Wrong size delivered " + suffix);
            assertThat(lena.evaluate("() => window.__stillTheSamePage === true")).isEqualTo(true);
            shot(lena, "08-live-assignment");

            // both open the ticket: each sees the other; Lena types, Sam sees her replying
            lena.locator("#ticket-list a.row-link", new Page.LocatorOptions().setHasText(suffix)).click();
            PlaywrightAssertions.assertThat(lena.locator("h1")).containsText("Wrong size delivered");
            Page sam = login(samContext, supervisorName);
            sam.navigate(console + "/#/tickets/" + ticketId);
            PlaywrightAssertions.assertThat(sam.locator("h1")).containsText("Wrong size delivered");
            PlaywrightAssertions.assertThat(sam.locator("#viewers")).containsText("is viewing", new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
            PlaywrightAssertions.assertThat(lena.locator("#viewers")).containsText("is viewing", new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
            lena.locator("textarea[name=body]").pressSequentially("Hello! I am sorry about the size", new Locator.PressSequentiallyOptions().setDelay(20));
            PlaywrightAssertions.assertThat(sam.locator("#viewers")).containsText("is replying", new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
            accessible(sam, "ticket with collision");
            shot(sam, "09-collision-replying");
        }
    }

    @Test
    void aSupervisorSeesTheApiNumbersInTheChartsAndADeactivatedAgentLandsOnAClearPage() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String supervisorName = "sue-" + suffix;
        createAgent(supervisorName, "Sue", "Board", "supervisor");
        Api supervisor = E2eStack.gateway().as(AuthorizationMatrixIT.login(supervisorName, PASSWORD));
        String leaverName = "leo-" + suffix;
        String leaverId = createAgent(leaverName, "Leo", "Leaver", "agent");

        // something to count: a chat and an e-mail ticket (the charts are compared with the API once the events landed)
        createTicket(supervisor, "Chat about a voucher " + suffix, "Can I use two vouchers at once?", "console-board", "chat");
        createTicket(supervisor, "Invoice copy " + suffix, "Please send the invoice again.", "console-board", "email");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                AuthorizationMatrixIT.notLimited(() -> supervisor.get("/api/analytics/tickets/summary")).json()
                        .path("byChannel").path("chat").asLong(0) >= 1);

        try (BrowserContext context = newContext(1280, 800); BrowserContext leaverContext = newContext(1280, 800)) {
            Page page = login(context, supervisorName);
            PlaywrightAssertions.assertThat(page.locator(".topbar nav")).containsText("Supervisor");
            NumberFormat numbers = NumberFormat.getNumberInstance(Locale.US);
            Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                JsonNode summary = AuthorizationMatrixIT.notLimited(() -> supervisor.get("/api/analytics/tickets/summary")).json();
                page.navigate(console + "/#/supervisor?at=" + System.nanoTime());
                page.locator("#chart-status").waitFor();
                assertThat(page.locator("#chart-status caption").textContent()).contains(numbers.format(summary.path("total").asLong()));
                for (var entry : summary.path("byStatus").properties()) {
                    assertThat(page.locator("#chart-status tr[data-key='" + entry.getKey() + "'] td.value").textContent())
                            .as("tickets %s", entry.getKey()).isEqualTo(numbers.format(entry.getValue().asLong()));
                }
                for (var entry : summary.path("byChannel").properties()) {
                    assertThat(page.locator("#chart-channel tr[data-key='" + entry.getKey() + "'] td.value").textContent())
                            .isEqualTo(numbers.format(entry.getValue().asLong()));
                }
            });
            PlaywrightAssertions.assertThat(page.locator("#chart-channel tr[data-key='chat'] td.value")).not().hasText("0");
            PlaywrightAssertions.assertThat(page.locator("#team-board")).containsText("Sue Board");
            PlaywrightAssertions.assertThat(page.locator("#chart-sla")).isVisible();
            // tickets per day over the range and the leaderboard: the numbers analytics-service answers
            Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                page.navigate(console + "/#/supervisor?at=" + System.nanoTime());
                page.locator("#chart-volume").waitFor();
                String from = page.locator("input[name=from]").inputValue();
                String to = page.locator("input[name=to]").inputValue();
                String zone = page.locator("#chart-volume").getAttribute("data-zone");
                JsonNode volume = AuthorizationMatrixIT.notLimited(() -> supervisor.get("/api/analytics/tickets/volume?interval=day&zone=" + zone + "&from=" + from + "&to=" + to)).json();
                assertThat(page.locator("#chart-volume tbody tr").count()).isEqualTo(volume.path("items").size());
                long created = 0;
                for (JsonNode bucket : volume.path("items")) {
                    created += bucket.path("created").asLong();
                    assertThat(page.locator("#chart-volume tr[data-bucket='" + bucket.path("bucket").asString() + "'] td[data-series=created]").textContent())
                            .as("created on %s", bucket.path("bucket").asString()).isEqualTo(numbers.format(bucket.path("created").asLong()));
                }
                assertThat(created).as("the two tickets of this test are in the series").isGreaterThanOrEqualTo(2);
                JsonNode board = AuthorizationMatrixIT.notLimited(() -> supervisor.get("/api/analytics/leaderboard?minVolume=1&from=" + from + "&to=" + to)).json();
                int entries = board.path("ranked").size() + board.path("unranked").size();
                if (entries == 0) {
                    PlaywrightAssertions.assertThat(page.locator("#leaderboard")).containsText("No agent");
                } else {
                    assertThat(page.locator("#leaderboard tbody tr").count()).isEqualTo(entries);
                }
            });
            assertThat(page.locator("#chart-volume svg path.series").count()).isEqualTo(2);
            accessible(page, "supervisor");
            shot(page, "10-supervisor-board");

            // supervisors manage agents and read the notification rules; SLA and integrations are the admin's
            page.navigate(console + "/#/admin/rules");
            page.locator("#rules-table").waitFor();
            assertThat(page.locator("#admin-tab-sla").count()).isZero();
            assertThat(page.locator("#new-rule").count()).isZero();
            accessible(page, "admin rules (supervisor, read-only)");

            // a deactivated agent: the console says so instead of failing silently
            Page leaver = login(leaverContext, leaverName);
            leaver.locator(".list-status").waitFor();
            // 409 "retry" when the login's presence update wrote the agent at the same moment
            Api.Reply deactivated = untilNot(409, () -> admin.send(admin.request("/api/agents/" + leaverId).DELETE()));
            assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(204);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                leaver.evaluate("() => { location.hash = '#/inbox/open?at=' + Date.now(); }");
                PlaywrightAssertions.assertThat(leaver.locator("h1")).hasText("Your account has been deactivated",
                        new LocatorAssertions.HasTextOptions().setTimeout(1_500));
            });
            accessible(leaver, "deactivated");
            shot(leaver, "11-deactivated-agent");
        }
    }

    @Test
    void anAdminEditsAgentsSlaCalendarsRulesAndIntegrationsAndSeesTheServersErrorsNextToTheField() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String adminName = "ada-" + suffix;
        createAgent(adminName, "Ada", "Admin", "admin");
        String memberId = createAgent("max-" + suffix, "Max", "Member", "agent");

        try (BrowserContext context = newContext(1280, 800)) {
            Page page = login(context, adminName);

            // agents: role, team, skills, languages, capacity; a value agent-service refuses is named at its field
            page.navigate(console + "/#/admin/agents");
            Locator member = page.locator("#agents-table tr[data-agent-id='" + memberId + "']");
            member.locator("button", new Locator.LocatorOptions().setHasText("Edit")).click();
            Locator agentForm = page.locator("#agent-edit");
            PlaywrightAssertions.assertThat(agentForm.locator("select[name=role]")).isFocused();
            agentForm.locator("input[name=skills]").fill("billing, returns");
            agentForm.locator("input[name=team]").fill("returns");
            agentForm.locator("input[name=languages]").fill("not a tag!");
            agentForm.locator("button[type=submit]").click();
            PlaywrightAssertions.assertThat(agentForm.locator("input[name=languages] ~ .field-error")).containsText("language tag");
            PlaywrightAssertions.assertThat(agentForm.locator("input[name=languages]")).hasAttribute("aria-invalid", "true");
            PlaywrightAssertions.assertThat(agentForm.locator("input[name=languages]")).isFocused();
            accessible(page, "admin agents (a field error)");
            shot(page, "12-admin-agent-field-error");
            agentForm.locator("input[name=languages]").fill("en, pt-BR");
            agentForm.locator("button[type=submit]").click();
            PlaywrightAssertions.assertThat(member.locator("td").nth(4)).hasText("billing, returns");
            JsonNode stored = AuthorizationMatrixIT.notLimited(() -> admin.get("/api/agents/" + memberId)).json();
            assertThat(stored.path("skills").toString()).contains("billing").contains("returns");
            assertThat(stored.path("team").asString()).isEqualTo("returns");
            assertThat(stored.path("languages").toString()).contains("pt-br"); // agent-service stores tags lower-case
            accessible(page, "admin agents");
            shot(page, "13-admin-agents");

            // SLA: a policy (disabled, so the shared stack's tickets keep their clocks) with a target sla-service refuses first
            page.click("#admin-tab-sla");
            page.locator("#policies-table").waitFor();
            page.click("#new-policy");
            Locator policy = page.locator("#policy-edit");
            String policyName = "Console urgent " + suffix;
            policy.locator("input[name=name]").fill(policyName);
            policy.locator("input[name=enabled]").uncheck();
            policy.locator("input[name=priorities][value=urgent]").check();
            policy.locator("input[name='target-first_response']").fill("soon");
            policy.locator("button[type=submit]").click();
            PlaywrightAssertions.assertThat(policy.locator("input[name='target-first_response'] ~ .field-error")).isVisible();
            shot(page, "14-admin-sla-field-error");
            policy.locator("input[name='target-first_response']").fill("4h");
            policy.locator("input[name='target-resolution']").fill("2d");
            policy.locator("button[type=submit]").click();
            PlaywrightAssertions.assertThat(page.locator("#policies-table")).containsText(policyName);
            JsonNode policies = AuthorizationMatrixIT.notLimited(() -> admin.get("/api/sla/policies")).json();
            assertThat(policies.toString()).contains(policyName).contains("PT4H");

            // a business calendar: a refused time zone, then saved; holidays imported from an iCalendar file
            page.click("#new-calendar");
            Locator calendar = page.locator("#calendar-edit");
            String calendarName = "Console Berlin " + suffix;
            calendar.locator("input[name=name]").fill(calendarName);
            calendar.locator("input[name=timezone]").fill("Mars/Olympus");
            calendar.locator("button[type=submit]").click();
            PlaywrightAssertions.assertThat(calendar.locator("input[name=timezone] ~ .field-error")).containsText("IANA");
            calendar.locator("input[name=timezone]").fill("Europe/Berlin");
            calendar.locator("button[type=submit]").click();
            Locator calendarRow = page.locator("#calendars-table tr", new Page.LocatorOptions().setHasText(calendarName));
            PlaywrightAssertions.assertThat(calendarRow).hasCount(1);
            calendarRow.locator("button", new Locator.LocatorOptions().setHasText("Edit")).click();
            page.locator("#calendar-edit input[type=file]").setInputFiles(new com.microsoft.playwright.options.FilePayload(
                    "holidays.ics", "text/calendar", String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//console test//EN",
                            "BEGIN:VEVENT", "UID:xmas-" + suffix, "DTSTART;VALUE=DATE:20261225", "DTEND;VALUE=DATE:20261227",
                            "SUMMARY:Christmas", "END:VEVENT", "END:VCALENDAR", "").getBytes(StandardCharsets.UTF_8)));
            page.click("#ics-import");
            PlaywrightAssertions.assertThat(calendarRow.locator("td").nth(3)).containsText("2026-12-25");
            PlaywrightAssertions.assertThat(calendarRow.locator("td").nth(3)).containsText("2026-12-26");
            accessible(page, "admin SLA");
            shot(page, "15-admin-sla");

            // notification rules: a Slack channel notification-service refuses, then a disabled rule saved
            page.click("#admin-tab-rules");
            page.click("#new-rule");
            Locator rule = page.locator("#rule-edit");
            String ruleName = "Console breaches " + suffix;
            rule.locator("input[name=name]").fill(ruleName);
            rule.locator("select[name=eventKind]").selectOption("sla_breach");
            rule.locator("input[name=enabled]").uncheck();
            rule.locator("input[name=slackChannel]").fill("Not A Channel!");
            rule.locator("button[type=submit]").click();
            PlaywrightAssertions.assertThat(rule.locator("input[name=slackChannel] ~ .field-error")).containsText("channel");
            rule.locator("input[name=slackChannel]").fill("#console-" + suffix);
            rule.locator("button[type=submit]").click();
            PlaywrightAssertions.assertThat(page.locator("#rules-table")).containsText(ruleName);
            accessible(page, "admin rules");
            shot(page, "16-admin-rules");

            // integrations: the forms, and integration-service's refusal of a short Gorgias secret at its field
            page.click("#admin-tab-integrations");
            Locator gorgias = page.locator("#gorgias-connect");
            gorgias.locator("input[name=domain]").fill("console-" + suffix + ".gorgias.com");
            gorgias.locator("input[name=email]").fill("ops@example.com");
            gorgias.locator("input[name=apiKey]").fill("key");
            gorgias.locator("input[name=webhookSecret]").fill("too-short");
            gorgias.locator("button[type=submit]").click();
            PlaywrightAssertions.assertThat(gorgias.locator("input[name=webhookSecret] ~ .field-error")).isVisible();
            PlaywrightAssertions.assertThat(page.locator("#mailbox-form-slot")).isAttached();
            accessible(page, "admin integrations");
            shot(page, "17-admin-integrations");

            // the audit trail: the changes just made, each once, with who made them and from where
            page.click("#admin-tab-audit");
            Locator audit = page.locator("#audit-table");
            PlaywrightAssertions.assertThat(audit.locator("tbody tr").first()).isVisible();
            page.locator("#audit-resource-type").fill("sla_policy");
            page.locator("#audit-filters button[type=submit]").click();
            Locator policyRow = audit.locator("tbody tr", new Locator.LocatorOptions().setHasText(policyName));
            PlaywrightAssertions.assertThat(policyRow).hasCount(1);
            PlaywrightAssertions.assertThat(policyRow).containsText(adminName);
            PlaywrightAssertions.assertThat(audit.locator("tbody tr", new Locator.LocatorOptions().setHasText("mailbox"))).hasCount(0);
            accessible(page, "admin audit trail");
            shot(page, "18-admin-audit");
        }
    }

    @Test
    void theGatewayServesTheConsoleWithAStrictPolicyAndLongCachesOnlyForFingerprintedFiles() throws Exception {
        Api.Reply index = E2eStack.gateway().get("/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(index.header("Cache-Control")).contains("no-cache");
        String assets = index.body().replaceAll("(?s).*src=\"(/assets/[0-9a-f]+)/app.js\".*", "$1");
        Api.Reply app = E2eStack.gateway().get(assets + "/app.js");
        assertThat(app.status()).isEqualTo(200);
        assertThat(app.header("Cache-Control")).contains("max-age=31536000").contains("immutable");
        assertThat(E2eStack.gateway().get("/assets/0000000000000000/app.js").status()).isEqualTo(404);
        // the API still needs a token
        assertThat(E2eStack.gateway().get("/api/tickets").status()).isEqualTo(401);
    }

    // ---- helpers ----

    static BrowserContext newContext(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height).setLocale("en-US").setTimezoneId("Europe/Madrid"));
        context.setDefaultTimeout(20_000);
        // uncaught errors fail the test; console errors (a CSP refusal, a failed request) are printed
        context.onPage(page -> {
            page.onPageError(error -> PAGE_ERRORS.add(page.url() + ": " + error));
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type())) {
                    System.out.println("browser console error on " + page.url() + ": " + message.text());
                }
            });
        });
        // through the DevTools protocol, so the page's CSP (script-src 'self') does not apply to the checker itself
        context.addInitScript(axeSource);
        return context;
    }

    /** Through Keycloak's login page, until the inbox shows. */
    static Page login(BrowserContext context, String username) {
        Page page = context.newPage();
        page.navigate(console + "/");
        page.waitForSelector("#username");
        page.fill("#username", username);
        page.fill("#password", PASSWORD);
        page.click("#kc-login");
        PlaywrightAssertions.assertThat(page.locator("h1")).hasText("Inbox");
        return page;
    }

    static String createAgent(String username, String firstName, String lastName, String role) {
        Api.Reply created = AuthorizationMatrixIT.notLimited(() -> admin.post("/api/agents", """
                {"email":"%s@example.com","username":"%s","firstName":"%s","lastName":"%s","role":"%s",
                 "maxConcurrentTickets":50,"initialPassword":"%s","temporaryPassword":false}"""
                .formatted(username, username, firstName, lastName, role, PASSWORD)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    static String createTicket(Api api, String subject, String description, String tag) {
        return createTicket(api, subject, description, tag, "email");
    }

    static String createTicket(Api api, String subject, String description, String tag, String channel) {
        Api.Reply created = AuthorizationMatrixIT.notLimited(() -> api.post("/api/tickets", """
                {"subject":"%s","description":"%s","priority":"high","channel":"%s",
                 "customerEmail":"%s@example.com","tags":["%s"]}""".formatted(subject, description, channel, tag, tag)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** A write repeated while the API answers {@code notYet} (the event has not arrived, a concurrent write), as a client would. */
    static Api.Reply untilNot(int notYet, java.util.function.Supplier<Api.Reply> request) {
        java.util.concurrent.atomic.AtomicReference<Api.Reply> reply = new java.util.concurrent.atomic.AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(() -> {
            reply.set(AuthorizationMatrixIT.notLimited(request));
            return reply.get().status() != notYet;
        });
        return reply.get();
    }

    static String agentId(Api api) {
        return AuthorizationMatrixIT.notLimited(() -> api.get("/api/auth/me")).json().path("id").asString();
    }

    /** quimbi-adapter learns the ticket from crm.ticket.events: wait until it can draft a reply. */
    static void awaitDraftAvailable(Api api, String ticketId) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                AuthorizationMatrixIT.notLimited(() -> api.post("/api/ai/tickets/" + ticketId + "/draft", "{\"tone\":\"friendly\"}"))
                        .status() == 200);
    }

    static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** axe-core on the current screen: no critical violation (serious ones are printed). */
    @SuppressWarnings("unchecked")
    static void accessible(Page page, String screen) {
        List<Map<String, Object>> violations = (List<Map<String, Object>>) page.evaluate("""
                async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                    .map(v => ({ id: v.id, impact: v.impact || '', help: v.help, nodes: v.nodes.length,
                                 target: v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ') }))""");
        List<String> critical = new ArrayList<>();
        for (Map<String, Object> v : violations) {
            String line = v.get("impact") + " " + v.get("id") + ": " + v.get("help") + " (" + v.get("nodes") + "× " + v.get("target") + ")";
            if ("critical".equals(v.get("impact"))) {
                critical.add(line);
            } else {
                System.out.println("axe on " + screen + ": " + line);
            }
        }
        assertThat(critical).as("critical accessibility violations on " + screen).isEmpty();
    }
}
