package com.quimbi.crm.integration.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Money;
import com.quimbi.crm.contracts.integration.CustomerSource;
import com.quimbi.crm.contracts.integration.CustomerSynced;
import com.quimbi.crm.integration.customer.internal.CustomerStore;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shopify customers into the CRM: each applied change becomes {@code integration.customer_synced} (ticket-service
 * upserts the customer). A change applies only when its {@code updated_at} is newer than the last one applied,
 * so replayed or re-ordered deliveries change nothing.
 */
@Service
public class CustomerSync {

    private static final Logger log = LoggerFactory.getLogger(CustomerSync.class);

    private final CustomerStore store;
    private final OutboxWriter outbox;
    private final JsonMapper json;
    private final Clock clock;

    CustomerSync(CustomerStore store, OutboxWriter outbox, JsonMapper json, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** customers/create and customers/update: the REST-shaped webhook body (id, email, first_name, ...). */
    @Transactional
    public void upsertFromWebhook(String shop, byte[] body) {
        JsonNode customer = json.readTree(body);
        ShopifyCustomer parsed = ShopifyCustomer.fromWebhook(customer);
        if (parsed.id() == null) {
            throw new IllegalArgumentException("customer webhook without id");
        }
        Instant updatedAt = parsed.updatedAt() != null ? parsed.updatedAt() : clock.instant();
        if (!store.applyIfNewer(shop, parsed.id(), updatedAt)) {
            log.debug("Customer {} of {}: update of {} is not newer than the stored one, ignored", parsed.id(), shop, updatedAt);
            return;
        }
        CustomerSynced event = CustomerMapper.toEvent(parsed, clock.instant());
        if (event == null) {
            log.info("Customer {} of {} has no usable e-mail address; not synced", parsed.id(), shop);
            return;
        }
        outbox.append(parsed.id(), new Actor("integration", shop), event);
    }

    /**
     * A customer node of the GraphQL Admin API (sync job): {@code defaultEmailAddress}/{@code defaultPhoneNumber}
     * (Customer.email and .phone are deprecated), the numeric id taken from the gid so webhooks and sync agree.
     * Joins the caller's transaction; true when an event was written.
     */
    @Transactional
    public boolean syncFromAdminApi(String shop, JsonNode node) {
        String gid = node.path("id").asString("");
        String id = gid.substring(gid.lastIndexOf('/') + 1);
        if (id.isEmpty()) {
            throw new IllegalArgumentException("customer node without id");
        }
        ShopifyCustomer customer = new ShopifyCustomer(id,
                ShopifyCustomer.text(node.path("defaultEmailAddress"), "emailAddress"), ShopifyCustomer.text(node, "firstName"),
                ShopifyCustomer.text(node, "lastName"), ShopifyCustomer.text(node.path("defaultPhoneNumber"), "phoneNumber"),
                ShopifyCustomer.instant(ShopifyCustomer.text(node, "updatedAt")), ShopifyCustomer.strings(node.path("tags")),
                ShopifyCustomer.text(node, "numberOfOrders"), ShopifyCustomer.text(node.path("amountSpent"), "amount"),
                ShopifyCustomer.text(node.path("amountSpent"), "currencyCode"));
        Instant updatedAt = customer.updatedAt() != null ? customer.updatedAt() : clock.instant();
        if (!store.applyIfNewer(shop, id, updatedAt)) {
            return false;
        }
        CustomerSynced event = CustomerMapper.toEvent(customer, clock.instant());
        if (event == null) {
            return false;
        }
        outbox.append(id, new Actor("integration", shop), event);
        return true;
    }

    /** customers/delete: remembered (newer updates of a deleted customer are not re-created by a late delivery). */
    @Transactional
    public void deleteFromWebhook(String shop, byte[] body) {
        String id = ShopifyCustomer.id(json.readTree(body));
        if (id != null) {
            store.markDeleted(shop, id, clock.instant());
        }
    }

    /**
     * The fields of a Shopify customer the CRM uses, as Shopify sent them. Ids as strings (they exceed 2^53);
     * the order count and the amount stay text until the mapper checks them.
     */
    record ShopifyCustomer(String id, String email, String firstName, String lastName, String phone, Instant updatedAt,
            List<String> tags, String ordersCount, String totalSpent, String currency) {

        /** The REST-shaped webhook body: {@code tags} is one comma-separated string there. */
        static ShopifyCustomer fromWebhook(JsonNode node) {
            String tags = text(node, "tags");
            return new ShopifyCustomer(id(node), text(node, "email"), text(node, "first_name"), text(node, "last_name"),
                    text(node, "phone"), instant(text(node, "updated_at")), tags == null ? List.of() : List.of(tags.split(",")),
                    text(node, "orders_count"), text(node, "total_spent"), text(node, "currency"));
        }

        static List<String> strings(JsonNode array) {
            List<String> values = new ArrayList<>();
            array.forEach(value -> values.add(value.asString()));
            return values;
        }

        static String id(JsonNode node) {
            JsonNode id = node.path("id");
            return id.isMissingNode() || id.isNull() ? null : id.asString();
        }

        static String text(JsonNode node, String field) {
            JsonNode value = node.path(field);
            return value.isMissingNode() || value.isNull() ? null : value.asString();
        }

        static Instant instant(String value) {
            if (value == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /** Shopify customer → contract record, cut to the contract's bounds. */
    static final class CustomerMapper {

        private CustomerMapper() {
        }

        static CustomerSynced toEvent(ShopifyCustomer c, Instant syncedAt) {
            String email = c.email() == null ? null : c.email().trim();
            if (email == null || email.length() > 320 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                return null;
            }
            String name = join(c.firstName(), c.lastName());
            return new CustomerSynced(CustomerSource.SHOPIFY, c.id(), email, cut(name, 200), cut(blankToNull(c.phone()), 40),
                    tags(c.tags()), ordersCount(c.ordersCount()), money(c.totalSpent(), c.currency()), syncedAt);
        }

        private static final int MAX_TAGS = 250;
        private static final int MAX_TAG_LENGTH = 255;

        /** Trimmed, blank ones and repeats dropped, within the contract's 250 × 255 (Shopify's own limits). */
        static List<String> tags(List<String> raw) {
            Set<String> tags = new LinkedHashSet<>();
            for (String tag : raw) {
                String t = blankToNull(tag);
                if (t != null && tags.size() < MAX_TAGS) {
                    tags.add(cutCodePoints(t, MAX_TAG_LENGTH));
                }
            }
            return tags.isEmpty() ? null : List.copyOf(tags);
        }

        /** Shopify sends it as a number (webhook) or as a string (GraphQL UnsignedInt64); left out if not a count. */
        static Integer ordersCount(String raw) {
            try {
                long count = Long.parseLong(raw == null ? "" : raw.trim());
                return count >= 0 && count <= Integer.MAX_VALUE ? (int) count : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** A decimal string with at most 4 decimals and its ISO currency; left out when either is not usable. */
        static Money money(String amount, String currency) {
            return Money.parse(amount, currency);
        }

        private static String cutCodePoints(String value, int max) {
            return value.codePointCount(0, value.length()) <= max ? value
                    : value.substring(0, value.offsetByCodePoints(0, max));
        }

        private static String join(String first, String last) {
            String name = ((first == null ? "" : first.trim()) + " " + (last == null ? "" : last.trim())).trim();
            return name.isEmpty() ? null : name;
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }

        private static String cut(String value, int max) {
            return value == null || value.length() <= max ? value : value.substring(0, max);
        }
    }
}
