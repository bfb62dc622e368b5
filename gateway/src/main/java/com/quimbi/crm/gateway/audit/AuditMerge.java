package com.quimbi.crm.gateway.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Merges the services' pages of the audit trail into one page. Correct as a keyset merge because every service
 * applies the same condition, {@code (occurredAt, id) < cursor}, and returns its newest {@code limit} records after
 * it: the newest {@code limit} of all services are then among the union, and the cursor of the last one taken
 * continues every service exactly where the merged list stopped.
 */
final class AuditMerge {

    /** Newest first; ids (UUID v7, unique across services) break ties. Canonical UUID text sorts like Postgres. */
    static final Comparator<JsonNode> NEWEST_FIRST = Comparator
            .comparing((JsonNode r) -> Instant.parse(r.path("occurredAt").asString()))
            .thenComparing(r -> r.path("id").asString())
            .reversed();

    private AuditMerge() {
    }

    /** One service's answer: its page, or missing ({@code items} null) when it did not answer. */
    record ServicePage(String service, List<JsonNode> items, String nextCursor) {

        static ServicePage missing(String service) {
            return new ServicePage(service, null, null);
        }

        boolean answered() {
            return items != null;
        }
    }

    /**
     * The merged page: {@code nextCursor} is the last record's cursor when any service has more (a record left out
     * here or a next page of its own), else null; {@code partial} names the services that did not answer.
     */
    record AuditPage(List<JsonNode> items, String nextCursor, List<String> partial) {
    }

    static AuditPage merge(List<ServicePage> pages, int limit) {
        List<JsonNode> all = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        boolean anyNextPage = false;
        for (ServicePage page : pages) {
            if (!page.answered()) {
                missing.add(page.service());
                continue;
            }
            all.addAll(page.items());
            anyNextPage |= page.nextCursor() != null;
        }
        all.sort(NEWEST_FIRST);
        List<JsonNode> items = List.copyOf(all.subList(0, Math.min(limit, all.size())));
        boolean more = all.size() > limit || anyNextPage;
        String next = more && !items.isEmpty() ? items.getLast().path("cursor").asString(null) : null;
        return new AuditPage(items, next, List.copyOf(missing));
    }
}
