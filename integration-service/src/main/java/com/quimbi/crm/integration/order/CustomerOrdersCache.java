package com.quimbi.crm.integration.order;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.quimbi.crm.integration.crmcustomer.CrmCustomers;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The orders answer per CRM customer in Redis ({@code integration-service::customer-orders::<id>}, TTL
 * {@code crm.integration.orders.cache-ttl}, 5 min). Only fresh answers from Shopify are cached; order webhooks
 * evict after their transaction commits. A Redis error is logged and counts as a miss, never a failed request.
 * Hits and misses: {@code integration_orders_cache_total{result}}.
 */
@Component
public class CustomerOrdersCache {

    private static final Logger log = LoggerFactory.getLogger(CustomerOrdersCache.class);
    private static final String PREFIX = "integration-service::customer-orders::";

    private final StringRedisTemplate redis;
    private final CrmCustomers customers;
    private final JsonMapper json;
    private final Duration ttl;
    private final MeterRegistry meters;

    CustomerOrdersCache(StringRedisTemplate redis, CrmCustomers customers, JsonMapper json, MeterRegistry meters,
            @Value("${crm.integration.orders.cache-ttl:5m}") Duration ttl) {
        this.redis = redis;
        this.customers = customers;
        this.json = json;
        this.meters = meters;
        this.ttl = ttl;
    }

    Optional<CustomerOrders> get(UUID customerId) {
        try {
            String cached = redis.opsForValue().get(PREFIX + customerId);
            meters.counter("integration_orders_cache_total", "result", cached == null ? "miss" : "hit").increment();
            return cached == null ? Optional.empty() : Optional.of(json.readValue(cached, CustomerOrders.class));
        } catch (RuntimeException e) {
            log.warn("Orders cache read failed, computing the answer: {}", e.toString());
            return Optional.empty();
        }
    }

    void put(UUID customerId, CustomerOrders answer) {
        try {
            redis.opsForValue().set(PREFIX + customerId, json.writeValueAsString(answer), ttl);
        } catch (RuntimeException e) {
            log.warn("Orders cache write failed: {}", e.toString());
        }
    }

    /** Drops the cached answer (after the current transaction commits, if there is one). */
    public void evict(UUID customerId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delete(customerId);
                }
            });
        } else {
            delete(customerId);
        }
    }

    /** Every CRM customer that is this Shopify customer (by id, else e-mail). */
    public void evictShopifyCustomer(String shopifyCustomerId, String email) {
        if (shopifyCustomerId == null && email == null) {
            return;
        }
        customers.idsOf(shopifyCustomerId, email).forEach(this::evict);
    }

    private void delete(UUID customerId) {
        try {
            redis.delete(PREFIX + customerId);
        } catch (RuntimeException e) {
            log.warn("Orders cache eviction of {} failed: {}", customerId, e.toString());
        }
    }
}
