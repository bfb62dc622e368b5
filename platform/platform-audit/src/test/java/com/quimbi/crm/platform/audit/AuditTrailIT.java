package com.quimbi.crm.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.quimbi.crm.platform.audit.AuditChanges.Change;
import com.quimbi.crm.platform.pagination.Cursor;
import com.quimbi.crm.platform.pagination.CursorPage;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.json.JsonMapper;

/** The trail against a real Postgres with the shipped migration: what a record holds, and what nothing can do. */
class AuditTrailIT {

    static final Instant NOW = Instant.parse("2026-12-07T09:15:00.123456789Z");

    static JdbcTemplate jdbc;
    static TransactionTemplate transaction;
    static AuditTrail trail;
    static AuditRecords records;

    @BeforeAll
    static void database() throws IOException {
        TestInfrastructure.Database database = TestInfrastructure.freshDatabase();
        var dataSource = new DriverManagerDataSource(database.url(), database.user(), database.password());
        jdbc = new JdbcTemplate(dataSource);
        String migration;
        try (InputStream in = AuditTrail.class.getResourceAsStream("/db/migration/R__platform_audit.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        jdbc.execute(migration);
        jdbc.execute(migration); // repeatable: Flyway runs it again whenever the file changes
        var transactions = new DataSourceTransactionManager(dataSource);
        transaction = new TransactionTemplate(transactions);
        JsonMapper json = JsonMapper.builder().build();
        // proxied like the bean, so MANDATORY is enforced
        ProxyFactory proxy = new ProxyFactory(new AuditTrail(jdbc, json, Clock.fixed(NOW, ZoneOffset.UTC), "test-service"));
        proxy.setProxyTargetClass(true);
        proxy.addAdvice(new TransactionInterceptor(transactions, new AnnotationTransactionAttributeSource()));
        trail = (AuditTrail) proxy.getProxy();
        records = new AuditRecords(jdbc, json);
    }

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
        MDC.clear();
    }

    @Test
    void aRecordHoldsWhoWhenWhatAndFromWhere() {
        String resource = UUID.randomUUID().toString();
        actingAs("sub-admin", "adam.admin", List.of("admin", "default-roles-crm", "offline_access"));
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("X-Forwarded-For", "203.0.113.7, 10.0.0.2");
        request.setRemoteAddr("10.0.0.9");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        MDC.put("requestId", "req-42");

        transaction.executeWithoutResult(status -> trail.record("sla_policy.updated", "sla_policy", resource,
                Map.of("name", "Standard", "position", 1, "secretSauce", "s1"),
                Map.of("name", "Gold", "position", 1, "secretSauce", "s2")));

        AuditRecord record = only(new AuditQuery(null, null, "sla_policy", resource, null, null));
        assertThat(record.service()).isEqualTo("test-service");
        assertThat(record.action()).isEqualTo("sla_policy.updated");
        assertThat(record.occurredAt()).isEqualTo(Instant.parse("2026-12-07T09:15:00.123456Z"));
        assertThat(record.actor()).isEqualTo(new AuditActor("sub-admin", "adam.admin", List.of("admin")));
        assertThat(record.clientIp()).isEqualTo("203.0.113.7");
        assertThat(record.requestId()).isEqualTo("req-42");
        assertThat(record.changes()).containsOnlyKeys("name", "secretSauce")
                .containsEntry("name", new Change("Standard", "Gold"))
                .containsEntry("secretSauce", new Change("***", "***"));
    }

    @Test
    void withoutAGatewayHeaderThePeerAddressAndWithoutATokenTheSystem() {
        String resource = UUID.randomUUID().toString();
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("127.0.0.1");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

        transaction.executeWithoutResult(status -> trail.record("calendar.created", "calendar", resource, null,
                Map.of("name", "EU")));

        AuditRecord record = only(new AuditQuery(null, null, null, resource, null, null));
        assertThat(record.actor()).isEqualTo(AuditActor.SYSTEM);
        assertThat(record.clientIp()).isEqualTo("127.0.0.1");
        assertThat(record.requestId()).isNull();
    }

    @Test
    void objectsAreReadAsTheirJsonFields() {
        record Calendar(String name, String timezone) {
        }
        String resource = UUID.randomUUID().toString();
        transaction.executeWithoutResult(status -> trail.record("calendar.updated", "calendar", resource,
                new Calendar("EU", "Europe/Madrid"), new Calendar("EU", "Europe/Lisbon")));

        assertThat(only(new AuditQuery(null, null, null, resource, null, null)).changes())
                .containsOnly(Map.entry("timezone", new Change("Europe/Madrid", "Europe/Lisbon")));
    }

    @Test
    void anUpdateThatChangedNothingLeavesNoRecordButAnActionWithoutStateDoes() {
        String resource = UUID.randomUUID().toString();
        transaction.executeWithoutResult(status -> {
            assertThat(trail.record("rule.updated", "rule", resource, Map.of("a", 1), Map.of("a", 1))).isEmpty();
            assertThat(trail.record("customer.exported", "customer", resource, null, null)).isPresent();
        });

        assertThat(records.page(new AuditQuery(null, null, null, resource, null, null), null, null).items())
                .extracting(AuditRecord::action).containsExactly("customer.exported");
    }

    @Test
    void aChangeThatRollsBackLeavesNoRecord() {
        String resource = UUID.randomUUID().toString();
        transaction.executeWithoutResult(status -> {
            trail.record("agent.created", "agent", resource, null, Map.of("name", "x"));
            status.setRollbackOnly();
        });

        assertThat(count(resource)).isZero();
    }

    @Test
    void recordingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> trail.record("agent.created", "agent", "a-1", null, Map.of("name", "x")))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteHistory() {
        String resource = UUID.randomUUID().toString();
        transaction.executeWithoutResult(status -> trail.record("agent.created", "agent", resource, null,
                Map.of("name", "x")));

        assertThatThrownBy(() -> jdbc.update("UPDATE audit_record SET actor_subject = 'someone-else' WHERE resource_id = ?",
                resource)).isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_record WHERE resource_id = ?", resource))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE audit_record"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThat(count(resource)).isOne();
    }

    @Test
    void pagesRunNewestFirstWithoutGapsOrRepeatsAndFiltersNarrowThem() {
        String type = "thing-" + UUID.randomUUID();
        // same instant for all (fixed clock): the id breaks the tie, so the keyset must use both
        for (int i = 0; i < 7; i++) {
            int n = i;
            actingAs(n % 2 == 0 ? "sub-even" : "sub-odd", null, List.of("admin"));
            transaction.executeWithoutResult(status -> trail.record(n < 5 ? "thing.created" : "thing.deleted", type,
                    "r-" + n, null, Map.of("n", n)));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            CursorPage<AuditRecord> page = records.page(new AuditQuery(null, null, type, null, null, null), cursor, 3);
            page.items().forEach(r -> seen.add(r.resourceId()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("r-6", "r-5", "r-4", "r-3", "r-2", "r-1", "r-0");
        assertThat(ids(new AuditQuery("sub-odd", null, type, null, null, null))).containsExactly("r-5", "r-3", "r-1");
        assertThat(ids(new AuditQuery(null, "thing.deleted", type, null, null, null))).containsExactly("r-6", "r-5");
        assertThat(ids(new AuditQuery(null, null, type, null, NOW.minusSeconds(1), NOW.plusSeconds(1)))).hasSize(7);
        assertThat(ids(new AuditQuery(null, null, type, null, NOW.plusSeconds(1), null))).isEmpty();
        assertThat(ids(new AuditQuery(null, null, type, null, null, NOW.minusSeconds(1)))).isEmpty();
    }

    @Test
    void aForeignOrTamperedCursorAndContradictoryFiltersAreRefused() {
        AuditQuery all = new AuditQuery(null, null, null, null, null, null);
        assertThatThrownBy(() -> records.page(all, Cursor.encode("tickets", NOW, UUID.randomUUID()), 10))
                .isInstanceOf(Cursor.InvalidCursorException.class);
        assertThatThrownBy(() -> records.page(all, "not-a-cursor", 10)).isInstanceOf(Cursor.InvalidCursorException.class);
        assertThatThrownBy(() -> new AuditQuery(null, null, null, null, NOW, NOW.minusSeconds(1)).validated())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("before");
        assertThatThrownBy(() -> new AuditQuery(" ", null, null, null, null, null).validated())
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new AuditQuery(null, "x".repeat(256), null, null, null, null).validated())
                .isInstanceOf(InvalidInputException.class);
    }

    private List<String> ids(AuditQuery query) {
        return records.page(query.validated(), null, 50).items().stream().map(AuditRecord::resourceId).toList();
    }

    private AuditRecord only(AuditQuery query) {
        List<AuditRecord> items = records.page(query, null, 10).items();
        assertThat(items).hasSize(1);
        return items.getFirst();
    }

    private int count(String resourceId) {
        return jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE resource_id = ?", Integer.class, resourceId);
    }

    private static void actingAs(String subject, String username, List<String> roles) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "none").subject(subject)
                .claim("realm_access", Map.of("roles", roles));
        if (username != null) {
            jwt.claim("preferred_username", username);
        }
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt.build()));
    }
}
