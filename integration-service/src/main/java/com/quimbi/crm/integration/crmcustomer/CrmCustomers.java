package com.quimbi.crm.integration.crmcustomer;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.FieldChange;
import com.quimbi.crm.integration.crmcustomer.internal.CrmCustomerStore;
import com.quimbi.crm.integration.crmcustomer.internal.CrmCustomerStore.Row;

/**
 * What integration-service knows of ticket-service's customers (learnt from crm.customer.events; it never asks
 * ticket-service): which Shopify customer a CRM customer is, in which shop.
 */
@Service
public class CrmCustomers {

    private final CrmCustomerStore store;
    private final Clock clock;

    CrmCustomers(CrmCustomerStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A CRM customer and its Shopify identity; {@code shop}/{@code shopifyCustomerId} null when not linked. */
    public record Link(UUID customerId, String email, String shop, String shopifyCustomerId) {

        public boolean linked() {
            return shop != null && shopifyCustomerId != null;
        }
    }

    @Transactional
    public void created(UUID customerId, String email, String shopifyCustomerId) {
        store.upsert(customerId, email, shopifyCustomerId, clock.instant());
    }

    @Transactional
    public void updated(UUID customerId, Map<String, FieldChange> changes) {
        String email = newText(changes, "email");
        String shopify = newText(changes, "shopifyCustomerId");
        store.upsert(customerId, email, shopify, clock.instant());
    }

    @Transactional
    public void redacted(UUID customerId) {
        store.erase(customerId, clock.instant());
    }

    @Transactional
    public void merged(UUID survivor, UUID source) {
        store.markMerged(source, survivor, clock.instant());
    }

    /** Empty: the CRM has not told us about this customer. A merged customer answers for its survivor. */
    @Transactional(readOnly = true)
    public Optional<Link> find(UUID customerId) {
        Optional<Row> row = store.find(customerId);
        for (int hops = 0; row.isPresent() && row.get().mergedInto() != null && hops < 5; hops++) {
            row = store.find(row.get().mergedInto());
        }
        return row.map(r -> {
            if (r.shopifyCustomerId() == null) {
                return new Link(customerId, r.email(), null, null);
            }
            String shop = store.shopOfShopifyCustomer(r.shopifyCustomerId()).orElseGet(() -> {
                List<String> shops = store.connectedShops();
                return shops.size() == 1 ? shops.getFirst() : null;
            });
            return new Link(customerId, r.email(), shop, r.shopifyCustomerId());
        });
    }

    /** The CRM customers that are this Shopify customer (whose cached orders a webhook makes stale). */
    @Transactional(readOnly = true)
    public List<UUID> idsOf(String shopifyCustomerId, String email) {
        return store.idsOf(shopifyCustomerId, email);
    }

    private static String newText(Map<String, FieldChange> changes, String field) {
        FieldChange change = changes == null ? null : changes.get(field);
        return change == null || change.value() == null ? null : change.value().toString();
    }
}
