package com.quimbi.crm.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.gateway.audit.AuditMerge.AuditPage;
import com.quimbi.crm.gateway.audit.AuditMerge.ServicePage;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The merge as a pure function over simulated services that page exactly like platform-audit's query
 * ({@code (occurredAt, id) < cursor}, newest first, {@code limit + 1} to know of a next page): following the merged
 * cursors visits every record of every service once, in order.
 */
class AuditMergeTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

    /** A service's records, and its paging; the cursor here is just "occurredAt|id" (the real one is opaque). */
    record Service(String name, List<JsonNode> records) {

        ServicePage page(String cursor, int limit) {
            List<JsonNode> after = records.stream().sorted(AuditMerge.NEWEST_FIRST)
                    .filter(r -> cursor == null || AuditMerge.NEWEST_FIRST.compare(r, fromCursor(cursor)) > 0)
                    .limit(limit + 1L).toList();
            List<JsonNode> items = after.subList(0, Math.min(limit, after.size()));
            return new ServicePage(name, items, after.size() > limit ? items.getLast().path("cursor").asString() : null);
        }
    }

    static JsonNode record(String service, Instant at, UUID id) {
        return JSON.valueToTree(Map.of("id", id.toString(), "occurredAt", at.toString(), "service", service,
                "cursor", at + "|" + id));
    }

    static JsonNode fromCursor(String cursor) {
        String[] parts = cursor.split("\\|");
        return JSON.valueToTree(Map.of("occurredAt", parts[0], "id", parts[1]));
    }

    @Test
    void followingTheMergedCursorVisitsEveryRecordOnceNewestFirst() {
        List<Service> services = new ArrayList<>();
        List<JsonNode> everything = new ArrayList<>();
        String[] names = { "agent-service", "sla-service", "ticket-service" };
        for (int s = 0; s < names.length; s++) {
            List<JsonNode> records = new ArrayList<>();
            for (int i = 0; i < 5 + 3 * s; i++) {
                // interleaved times, and some instants shared across services (the id breaks the tie)
                Instant at = T0.plusSeconds((i * (s + 2)) % 9);
                records.add(record(names[s], at, UUID.randomUUID()));
            }
            services.add(new Service(names[s], records));
            everything.addAll(records);
        }
        everything.sort(AuditMerge.NEWEST_FIRST);

        List<JsonNode> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String c = cursor;
            AuditPage page = AuditMerge.merge(services.stream().map(svc -> svc.page(c, 4)).toList(), 4);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(4);
            assertThat(page.partial()).isEmpty();
            seen.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 50);

        assertThat(seen).containsExactlyElementsOf(everything);
        assertThat(pages).isEqualTo((everything.size() + 3) / 4);
    }

    @Test
    void aServiceThatDidNotAnswerIsNamedAndTheOthersStillList() {
        JsonNode newer = record("sla-service", T0.plusSeconds(5), UUID.randomUUID());
        JsonNode older = record("sla-service", T0, UUID.randomUUID());

        AuditPage page = AuditMerge.merge(List.of(ServicePage.missing("agent-service"),
                new ServicePage("sla-service", List.of(newer, older), null)), 10);

        assertThat(page.items()).containsExactly(newer, older);
        assertThat(page.partial()).containsExactly("agent-service");
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void aServiceWithANextPageKeepsTheListGoingEvenWhenEverythingFitted() {
        JsonNode only = record("agent-service", T0, UUID.randomUUID());

        AuditPage page = AuditMerge.merge(List.of(new ServicePage("agent-service", List.of(only), "more")), 1);

        assertThat(page.nextCursor()).isEqualTo(only.path("cursor").asString());
        assertThat(AuditMerge.merge(List.of(new ServicePage("agent-service", List.of(), null)), 5))
                .isEqualTo(new AuditPage(List.of(), null, List.of()));
    }

    @Test
    void tiesOnTheInstantAreBrokenByTheIdLikePostgresOrdersUuids() {
        // Postgres compares uuids as unsigned bytes: the canonical text compares the same way
        UUID low = UUID.fromString("0193a000-0000-7000-8000-000000000001");
        UUID high = UUID.fromString("0193a000-0000-7000-f000-000000000001");
        List<JsonNode> sorted = new ArrayList<>(List.of(record("a", T0, low), record("b", T0, high)));
        sorted.sort(AuditMerge.NEWEST_FIRST);
        assertThat(sorted.getFirst().path("id").asString()).isEqualTo(high.toString());
    }
}
