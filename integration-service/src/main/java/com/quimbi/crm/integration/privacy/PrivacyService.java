package com.quimbi.crm.integration.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.integration.CustomerDataRequested;
import com.quimbi.crm.contracts.integration.CustomerRedactionRequested;
import com.quimbi.crm.contracts.integration.CustomerSource;
import com.quimbi.crm.contracts.integration.RedactionReason;
import com.quimbi.crm.integration.order.CustomerOrdersCache;
import com.quimbi.crm.integration.privacy.internal.PrivacyStore;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shopify's mandatory privacy topics, worked off the stored receipt inside the webhook processor's transaction:
 * each request is recorded, integration-service's own data is erased ({@link PrivacyStore#eraseCustomer},
 * {@link PrivacyStore#eraseShop}) and the request is passed on through the outbox, all in one transaction.
 * ticket-service erases (and announces {@code customer.redacted} to every other holder) or builds the export.
 */
@Service
public class PrivacyService {

    private static final Logger log = LoggerFactory.getLogger(PrivacyService.class);

    static final String DATA_REQUEST = "customers/data_request";
    static final String CUSTOMER_REDACT = "customers/redact";
    static final String SHOP_REDACT = "shop/redact";

    private final PrivacyStore store;
    private final CustomerOrdersCache ordersCache;
    private final OutboxWriter outbox;
    private final JsonMapper json;
    private final Clock clock;

    PrivacyService(PrivacyStore store, CustomerOrdersCache ordersCache, OutboxWriter outbox, JsonMapper json, Clock clock) {
        this.store = store;
        this.ordersCache = ordersCache;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** customers/data_request: {shop_id, shop_domain, orders_requested, customer {id, email, phone}, data_request {id}}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void dataRequest(String shop, UUID receiptId, byte[] body) {
        JsonNode root = json.readTree(body);
        Identity customer = Identity.of(root.path("customer"));
        String externalRequestId = cut(text(root.path("data_request"), "id"), 64);
        UUID id = Ids.newId();
        Instant now = clock.instant();
        if (!store.record(id, receiptId, shop, DATA_REQUEST, customer.id(), externalRequestId, now)) {
            return;
        }
        outbox.append(customer.id(), new Actor("integration", shop), new CustomerDataRequested(CustomerSource.SHOPIFY, shop,
                customer.id(), customer.email(), customer.phone(), id.toString(), externalRequestId, now));
        store.countCustomers(id, 1);
        log.info("Privacy: data request {} of {} passed on", id, shop);
    }

    /** customers/redact: {shop_id, shop_domain, customer {id, email, phone}, orders_to_redact}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void customerRedact(String shop, UUID receiptId, byte[] body) {
        Identity customer = Identity.of(json.readTree(body).path("customer"));
        UUID id = Ids.newId();
        Instant now = clock.instant();
        if (!store.record(id, receiptId, shop, CUSTOMER_REDACT, customer.id(), null, now)) {
            return;
        }
        ordersCache.evictShopifyCustomer(customer.id(), customer.email()); // its cached orders go after the commit
        store.eraseCustomer(shop, customer.id());
        outbox.append(customer.id(), new Actor("integration", shop), new CustomerRedactionRequested(CustomerSource.SHOPIFY,
                shop, customer.id(), customer.email(), customer.phone(), id.toString(), RedactionReason.CUSTOMER_REDACT, now));
        store.countCustomers(id, 1);
        log.info("Privacy: redaction {} of a customer of {} passed on, own data erased", id, shop);
    }

    /** shop/redact: {shop_id, shop_domain}. Every known customer's redaction is requested, then the shop is erased. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void shopRedact(String shop, UUID receiptId) {
        UUID id = Ids.newId();
        Instant now = clock.instant();
        if (!store.record(id, receiptId, shop, SHOP_REDACT, null, null, now)) {
            return;
        }
        List<String> customers = store.customersOf(shop);
        for (String customer : customers) {
            outbox.append(customer, new Actor("integration", shop), new CustomerRedactionRequested(CustomerSource.SHOPIFY,
                    shop, customer, null, null, id.toString(), RedactionReason.SHOP_REDACT, now));
        }
        store.eraseShop(shop, now);
        store.countCustomers(id, customers.size());
        log.info("Privacy: shop {} erased, redaction of {} customers requested ({})", shop, customers.size(), id);
    }

    /**
     * customer.redacted (ticket-service erased the customer): the customer's mail here — found by the announced
     * {@code emailSha256} and by the address integration-service learnt for that customer id — is erased
     * ({@link PrivacyStore#eraseMail}). Runs in the consumer's transaction, before the address itself is forgotten.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void customerRedacted(UUID customerId, String emailSha256) {
        java.util.Set<String> hashes = new java.util.LinkedHashSet<>();
        if (emailSha256 != null && !emailSha256.isBlank()) {
            hashes.add(emailSha256.trim().toLowerCase(java.util.Locale.ROOT));
        }
        String email = store.crmCustomerEmail(customerId);
        if (email != null && !email.isBlank()) {
            hashes.add(sha256(email));
        }
        int mails = store.eraseMail(hashes);
        log.info("Privacy: customer {} redacted, {} mails erased", customerId, mails);
    }

    /** As ticket-service announces it: SHA-256 hex of the trimmed, lower-case address. */
    static String sha256(String email) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(email.trim().toLowerCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The customer as a privacy payload names it, cut to the contracts' bounds; an id is required. */
    record Identity(String id, String email, String phone) {

        static Identity of(JsonNode customer) {
            String id = text(customer, "id");
            if (id == null || id.isBlank() || id.length() > 64) {
                throw new IllegalArgumentException("privacy request without a usable customer id");
            }
            String email = text(customer, "email");
            return new Identity(id.trim(), email == null || email.isBlank() || email.length() > 320 ? null : email.trim(),
                    blankToNull(cut(text(customer, "phone"), 40)));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
