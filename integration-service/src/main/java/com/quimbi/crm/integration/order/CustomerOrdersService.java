package com.quimbi.crm.integration.order;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.quimbi.crm.contracts.Money;
import com.quimbi.crm.contracts.integration.OrderSynced;
import com.quimbi.crm.integration.crmcustomer.CrmCustomers;
import com.quimbi.crm.integration.crmcustomer.CrmCustomers.Link;
import com.quimbi.crm.integration.order.internal.OrderStore;
import com.quimbi.crm.integration.product.Product;
import com.quimbi.crm.integration.product.ProductCatalog;
import com.quimbi.crm.integration.shop.ShopService;
import com.quimbi.crm.integration.shopify.ShopifyClient;
import com.quimbi.crm.platform.problem.NotFoundException;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A CRM customer's recent Shopify orders: from the Redis cache (5 min), else from the GraphQL Admin API
 * ({@code customer(id:){ orders(first: 20, sortKey: CREATED_AT, reverse: true) }}), line items named from the
 * product cache. When Shopify cannot answer (down, circuit open, token refused, shop disconnected) the last
 * stored copy is served, marked {@code stale}: the last fetched answer, else the webhook-fed orders. Never a 500.
 */
@Service
public class CustomerOrdersService {

    private static final Logger log = LoggerFactory.getLogger(CustomerOrdersService.class);
    static final int RECENT = 20;
    static final String ORDERS_QUERY = """
            query CustomerOrders($id: ID!) {
              customer(id: $id) {
                id
                orders(first: 20, sortKey: CREATED_AT, reverse: true) {
                  nodes {
                    id name createdAt updatedAt cancelledAt
                    displayFinancialStatus displayFulfillmentStatus
                    totalPriceSet { shopMoney { amount currencyCode } }
                    lineItems(first: 50) {
                      nodes {
                        title variantTitle sku quantity
                        originalUnitPriceSet { shopMoney { amount currencyCode } }
                        product { id }
                        variant { id }
                      }
                    }
                    fulfillments(first: 10) { status trackingInfo(first: 1) { company number url } }
                  }
                }
              }
            }""";

    private final CrmCustomers customers;
    private final CustomerOrdersCache cache;
    private final OrderStore store;
    private final ShopService shops;
    private final ShopifyClient shopify;
    private final ProductCatalog products;
    private final JsonMapper json;
    private final Clock clock;

    CustomerOrdersService(CrmCustomers customers, CustomerOrdersCache cache, OrderStore store, ShopService shops,
            ShopifyClient shopify, ProductCatalog products, JsonMapper json, Clock clock) {
        this.customers = customers;
        this.cache = cache;
        this.store = store;
        this.shops = shops;
        this.shopify = shopify;
        this.products = products;
        this.json = json;
        this.clock = clock;
    }

    public CustomerOrders ordersOf(UUID customerId) {
        Link link = customers.find(customerId).orElseThrow(() -> new NotFoundException("Customer", customerId));
        if (link.shopifyCustomerId() == null) {
            return new CustomerOrders(customerId, null, null, false, CustomerOrders.NONE, null,
                    "The customer has no Shopify customer id (not synced from a shop).", List.of());
        }
        if (link.shop() == null) {
            return new CustomerOrders(customerId, null, link.shopifyCustomerId(), false, CustomerOrders.NONE, null,
                    "No connected shop is known for this Shopify customer.", List.of());
        }
        Optional<CustomerOrders> cached = cache.get(customerId);
        if (cached.isPresent()) {
            return cached.get();
        }
        try {
            CustomerOrders fresh = fetch(customerId, link);
            cache.put(customerId, fresh);
            return fresh;
        } catch (RuntimeException e) {
            // Shopify down, circuit open, token refused or shop disconnected: the last copy, marked stale
            log.warn("Orders of Shopify customer {} of {} could not be fetched, serving the stored copy: {}",
                    link.shopifyCustomerId(), link.shop(), e.toString());
            return stored(customerId, link, "Shopify could not be asked (" + e.getClass().getSimpleName() + ").");
        }
    }

    private CustomerOrders fetch(UUID customerId, Link link) {
        String token = shops.accessToken(link.shop());
        JsonNode customer = shopify.query(link.shop(), token, ORDERS_QUERY,
                Map.of("id", "gid://shopify/Customer/" + link.shopifyCustomerId())).data().path("customer");
        Instant now = clock.instant();
        if (customer.isMissingNode() || customer.isNull()) {
            return new CustomerOrders(customerId, link.shop(), link.shopifyCustomerId(), false, CustomerOrders.SHOPIFY,
                    now, "Shopify does not know this customer (any more).", List.of());
        }
        List<JsonNode> nodes = new ArrayList<>();
        customer.path("orders").path("nodes").forEach(nodes::add);
        List<String> productIds = new ArrayList<>();
        nodes.forEach(order -> order.path("lineItems").path("nodes")
                .forEach(line -> productIds.add(ShopifyValues.id(line.path("product"), "id"))));
        Map<String, Product> catalog = products.products(link.shop(), token, productIds, true);
        List<CustomerOrders.Order> orders = new ArrayList<>();
        for (JsonNode order : nodes) {
            List<CustomerOrders.LineItem> lines = new ArrayList<>();
            order.path("lineItems").path("nodes").forEach(line -> {
                String productId = ShopifyValues.id(line.path("product"), "id");
                Product product = productId == null ? null : catalog.get(productId);
                lines.add(new CustomerOrders.LineItem(ShopifyValues.text(line, "title"),
                        ShopifyValues.text(line, "variantTitle"), ShopifyValues.text(line, "sku"),
                        line.path("quantity").asInt(0), money(line.path("originalUnitPriceSet")), productId,
                        product == null ? null : product.title(), product == null ? null : product.imageUrl()));
            });
            List<CustomerOrders.Tracking> tracking = new ArrayList<>();
            order.path("fulfillments").forEach(f -> {
                JsonNode info = f.path("trackingInfo").path(0);
                tracking.add(new CustomerOrders.Tracking(ShopifyValues.status(ShopifyValues.text(f, "status")),
                        ShopifyValues.text(info, "company"), ShopifyValues.text(info, "number"), ShopifyValues.text(info, "url")));
            });
            orders.add(new CustomerOrders.Order(ShopifyValues.id(order, "id"), ShopifyValues.text(order, "name"),
                    ShopifyValues.instant(ShopifyValues.text(order, "createdAt")),
                    ShopifyValues.instant(ShopifyValues.text(order, "updatedAt")),
                    ShopifyValues.instant(ShopifyValues.text(order, "cancelledAt")),
                    ShopifyValues.status(ShopifyValues.text(order, "displayFinancialStatus")),
                    ShopifyValues.status(ShopifyValues.text(order, "displayFulfillmentStatus")),
                    money(order.path("totalPriceSet")), lines, tracking));
        }
        store.saveSnapshot(link.shop(), link.shopifyCustomerId(), json.writeValueAsString(orders), now);
        return new CustomerOrders(customerId, link.shop(), link.shopifyCustomerId(), false, CustomerOrders.SHOPIFY, now,
                orders.isEmpty() ? "The customer has no orders in the shop." : null, orders);
    }

    /** The last fetched answer, else the orders webhooks told us about; both marked stale. */
    private CustomerOrders stored(UUID customerId, Link link, String reason) {
        try {
            Optional<OrderStore.Snapshot> snapshot = store.snapshot(link.shop(), link.shopifyCustomerId());
            if (snapshot.isPresent()) {
                List<CustomerOrders.Order> orders = json.readValue(snapshot.get().ordersJson(),
                        new TypeReference<List<CustomerOrders.Order>>() { });
                return new CustomerOrders(customerId, link.shop(), link.shopifyCustomerId(), true,
                        CustomerOrders.SNAPSHOT, snapshot.get().fetchedAt(), reason, orders);
            }
            List<OrderSynced> synced = store.ordersOfCustomer(link.shop(), link.shopifyCustomerId(), RECENT).stream()
                    .map(text -> json.readValue(text, OrderSynced.class)).toList();
            List<String> ids = synced.stream().filter(o -> o.lineItems() != null)
                    .flatMap(o -> o.lineItems().stream().map(l -> l.productId())).toList();
            Map<String, Product> catalog = products.products(link.shop(), null, ids, false);
            List<CustomerOrders.Order> orders = synced.stream().map(o -> toView(o, catalog)).toList();
            Instant asOf = synced.stream().map(OrderSynced::syncedAt).max(Instant::compareTo).orElse(null);
            return new CustomerOrders(customerId, link.shop(), link.shopifyCustomerId(), true, CustomerOrders.WEBHOOKS,
                    asOf, reason, orders);
        } catch (RuntimeException e) {
            log.warn("The stored orders of {} could not be read either: {}", customerId, e.toString());
            return new CustomerOrders(customerId, link.shop(), link.shopifyCustomerId(), true, CustomerOrders.NONE, null,
                    reason, List.of());
        }
    }

    private static CustomerOrders.Order toView(OrderSynced o, Map<String, Product> catalog) {
        List<CustomerOrders.LineItem> lines = o.lineItems() == null ? List.of() : o.lineItems().stream().map(l -> {
            Product p = l.productId() == null ? null : catalog.get(l.productId());
            return new CustomerOrders.LineItem(l.title(), l.variantTitle(), l.sku(), l.quantity(), l.price(), l.productId(),
                    p == null ? null : p.title(), p == null ? null : p.imageUrl());
        }).toList();
        List<CustomerOrders.Tracking> tracking = o.fulfillments() == null ? List.of() : o.fulfillments().stream()
                .map(f -> new CustomerOrders.Tracking(f.status(), f.trackingCompany(), f.trackingNumber(), f.trackingUrl()))
                .toList();
        return new CustomerOrders.Order(o.orderId(), o.name(), o.createdAt(), o.updatedAt(), o.cancelledAt(),
                o.financialStatus(), o.fulfillmentStatus(), o.totalPrice(), lines, tracking);
    }

    private static Money money(JsonNode set) {
        JsonNode shopMoney = set.path("shopMoney");
        return ShopifyValues.money(ShopifyValues.text(shopMoney, "amount"), ShopifyValues.text(shopMoney, "currencyCode"));
    }
}
