package com.quimbi.crm.ticket.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Money;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;
import com.quimbi.crm.platform.pagination.Cursor;
import com.quimbi.crm.platform.pagination.CursorPage;
import com.quimbi.crm.platform.problem.ConflictException;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.contracts.customer.CustomerTier;
import com.quimbi.crm.ticket.activity.Changes;
import com.quimbi.crm.platform.web.ETags;
import com.quimbi.crm.ticket.customer.CustomerRequests.CreateCustomer;
import com.quimbi.crm.ticket.customer.CustomerRequests.UpdateCustomer;
import com.quimbi.crm.ticket.customer.internal.CustomerStore;

/** Customer use cases; each change and its event are one transaction. */
@Service
public class CustomerService {

    private final CustomerStore customers;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final VipRule vip;

    CustomerService(CustomerStore customers, OutboxWriter outbox, Clock clock, VipRule vip) {
        this.customers = customers;
        this.outbox = outbox;
        this.clock = clock;
        this.vip = vip;
    }

    Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    public static String normalizeEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    @Transactional
    public Customer create(CreateCustomer request, Actor actor) {
        String email = normalizeEmail(request.email());
        Instant now = now();
        var refs = request.externalRefs();
        var prefs = request.preferences();
        Customer customer = new Customer(Ids.newId(), email, blankToNull(request.name()), blankToNull(request.phone()),
                refs == null ? null : blankToNull(refs.shopifyCustomerId()),
                refs == null ? null : blankToNull(refs.gorgiasCustomerId()),
                prefs == null ? null : blankToNull(prefs.language()), prefs == null ? null : blankToNull(prefs.timezone()),
                prefs == null ? null : blankToNull(prefs.preferredChannel()), CustomerTier.STANDARD, null, now, now, null, 0, ShopProfile.NONE);
        if (customer.shopifyCustomerId() != null) {
            customers.findByShopifyId(customer.shopifyCustomerId()).ifPresent(other -> {
                throw new ConflictException("Shopify customer " + other.shopifyCustomerId() + " is already customer "
                        + other.id());
            });
        }
        if (!customers.insertIfEmailFree(customer)) {
            Customer existing = customers.findByEmail(email).orElseThrow();
            throw new ConflictException("A customer with email " + email + " already exists: " + existing.id());
        }
        outbox.append(customer.id().toString(), actor, CustomerEventMapper.created(customer));
        return customer;
    }

    /**
     * The live customer an address belongs to, created (with {@code customer.created}) when there is none. A
     * merged-away address resolves to the survivor. Safe under concurrent calls for the same address.
     */
    @Transactional
    public Customer findOrCreate(String rawEmail, String name, Actor actor) {
        String email = normalizeEmail(rawEmail);
        var existing = customers.findByEmail(email);
        if (existing.isPresent()) {
            return live(existing.get());
        }
        Instant now = now();
        Customer customer = new Customer(Ids.newId(), email, blankToNull(name), null, null, null, null, null, null,
                CustomerTier.STANDARD, null, now, now, null, 0, ShopProfile.NONE);
        if (customers.insertIfEmailFree(customer)) {
            outbox.append(customer.id().toString(), actor, CustomerEventMapper.created(customer));
            return customer;
        }
        return live(customers.findByEmail(email).orElseThrow());
    }

    @Transactional(readOnly = true)
    public Customer get(UUID id) {
        return customers.find(id).orElseThrow(() -> new NotFoundException("Customer", id));
    }

    @Transactional
    public Customer update(UUID id, UpdateCustomer request, Long ifMatch, Actor actor) {
        Customer current = customers.lock(id).orElseThrow(() -> new NotFoundException("Customer", id));
        ETags.check(ifMatch, current.version(), "Customer " + id);
        if (current.mergedInto() != null) {
            throw new ConflictException("Customer " + id + " was merged into " + current.mergedInto());
        }
        Changes changes = new Changes();
        String email = changes.compare("email", current.email(),
                request.email() == null ? current.email() : normalizeEmail(request.email()));
        String name = changes.compare("name", current.name(), or(request.name(), current.name()));
        String phone = changes.compare("phone", current.phone(), or(request.phone(), current.phone()));
        var refs = request.externalRefs();
        String shopify = changes.compare("shopifyCustomerId", current.shopifyCustomerId(),
                refs == null ? current.shopifyCustomerId() : or(refs.shopifyCustomerId(), current.shopifyCustomerId()));
        String gorgias = changes.compare("gorgiasCustomerId", current.gorgiasCustomerId(),
                refs == null ? current.gorgiasCustomerId() : or(refs.gorgiasCustomerId(), current.gorgiasCustomerId()));
        var prefs = request.preferences();
        String language = changes.compare("language", current.language(),
                prefs == null ? current.language() : or(prefs.language(), current.language()));
        String timezone = changes.compare("timezone", current.timezone(),
                prefs == null ? current.timezone() : or(prefs.timezone(), current.timezone()));
        String channel = changes.compare("preferredChannel", current.preferredChannel(),
                prefs == null ? current.preferredChannel() : or(prefs.preferredChannel(), current.preferredChannel()));
        if (changes.has("email")) {
            customers.findByEmail(email).filter(other -> !other.id().equals(id) && other.mergedInto() == null)
                    .ifPresent(other -> {
                        throw new ConflictException("Email " + email + " belongs to customer " + other.id());
                    });
        }
        if (changes.isEmpty()) {
            return current;
        }
        return save(current.withUpdate(email, name, phone, shopify, gorgias, language, timezone, channel,
                current.tier(), now()), changes, actor);
    }

    /** Applies enrichment's view of the customer (tier); emits customer.updated only when something changed. */
    @Transactional
    public void applyTier(UUID id, CustomerTier tier, Actor actor) {
        customers.lock(id).filter(c -> c.mergedInto() == null).ifPresent(current -> {
            Changes changes = new Changes();
            changes.compare("tier", current.tier(), tier);
            if (!changes.isEmpty()) {
                save(current.withUpdate(current.email(), current.name(), current.phone(), current.shopifyCustomerId(),
                        current.gorgiasCustomerId(), current.language(), current.timezone(),
                        current.preferredChannel(), tier, now()), changes, actor);
            }
        });
    }

    /**
     * A customer synced from a shop (Shopify): matched by shop id, else by email (case-insensitive, deduplicated),
     * else created. Only blank fields are filled from the shop, so an agent's edits are never overwritten; the
     * shop's own facts (tags, order count, total spent) are replaced by what it sends. A customer the VIP rule
     * matches becomes VIP; the sync never demotes (enrichment or an earlier sync may have promoted them).
     */
    @Transactional
    public Customer upsertSynced(SyncedCustomer synced, Actor actor) {
        String shopifyId = synced.shopifyId();
        Customer current = shopifyId == null ? null : customers.findByShopifyId(shopifyId).orElse(null);
        if (current == null) {
            current = findOrCreate(synced.email(), synced.name(), actor);
        }
        current = customers.lock(current.id()).orElseThrow();
        Changes changes = new Changes();
        String newName = changes.compare("name", current.name(),
                current.name() == null ? blankToNull(synced.name()) : current.name());
        String newPhone = changes.compare("phone", current.phone(),
                current.phone() == null ? blankToNull(synced.phone()) : current.phone());
        String newShopify = changes.compare("shopifyCustomerId", current.shopifyCustomerId(),
                current.shopifyCustomerId() == null ? shopifyId : current.shopifyCustomerId());
        ShopProfile shop = current.shop().with(synced.tags(), synced.ordersCount(), synced.totalSpent());
        changes.compare("tags", current.shop().tags(), shop.tags());
        changes.compare("ordersCount", current.shop().ordersCount(), shop.ordersCount());
        changes.compare("totalSpent", current.shop().totalSpent(), shop.totalSpent());
        CustomerTier tier = changes.compare("tier", current.tier(), vip.isVip(shop) ? CustomerTier.VIP : current.tier());
        if (changes.isEmpty()) {
            return current;
        }
        return save(current.withUpdate(current.email(), newName, newPhone, newShopify, current.gorgiasCustomerId(),
                current.language(), current.timezone(), current.preferredChannel(), tier, now()).withShop(shop), changes,
                actor);
    }

    /** A customer as a shop sync describes it ({@code integration.customer_synced}); absent values are null. */
    public record SyncedCustomer(String shopifyId, String email, String name, String phone, List<String> tags,
            Integer ordersCount, Money totalSpent) {
    }

    @Transactional
    public void touchLastContact(UUID id, Instant at) {
        customers.touchLastContact(id, at);
    }

    private static final String CUSTOMERS = "customers";

    @Transactional(readOnly = true)
    public CursorPage<Customer> search(String email, String q, String cursor, Integer limit) {
        int size = Cursor.limit(limit);
        Cursor.Keys after = Cursor.decode(cursor, CUSTOMERS, 2);
        List<Customer> rows = customers.search(email == null ? null : normalizeEmail(email),
                q == null || q.isBlank() ? null : q.strip(), after == null ? null : after.instant(0),
                after == null ? null : after.uuid(1), size + 1);
        return CursorPage.of(rows, size, last -> Cursor.encode(CUSTOMERS, last.createdAt(), last.id()));
    }

    /** Locks a live customer for a merge; the merge itself lives in {@link CustomerMerge}. */
    Customer lockLive(UUID id) {
        Customer c = customers.lock(id).orElseThrow(() -> new NotFoundException("Customer", id));
        if (c.mergedInto() != null) {
            throw new ConflictException("Customer " + id + " was already merged into " + c.mergedInto());
        }
        return c;
    }

    Customer saveMerged(Customer c) {
        long version = customers.update(c);
        return copyWithVersion(c, version);
    }

    private Customer save(Customer next, Changes changes, Actor actor) {
        long version = customers.update(next);
        Customer saved = copyWithVersion(next, version);
        outbox.append(saved.id().toString(), actor, CustomerEventMapper.updated(saved, changes.asMap()));
        return saved;
    }

    private Customer live(Customer c) {
        // merges never chain deeper than a few hops; the bound guards against a cycle written by hand
        for (int hops = 0; c.mergedInto() != null && hops < 10; hops++) {
            c = customers.find(c.mergedInto()).orElseThrow();
        }
        return c;
    }

    private static Customer copyWithVersion(Customer c, long version) {
        return new Customer(c.id(), c.email(), c.name(), c.phone(), c.shopifyCustomerId(), c.gorgiasCustomerId(),
                c.language(), c.timezone(), c.preferredChannel(), c.tier(), c.mergedInto(), c.createdAt(),
                c.updatedAt(), c.lastContactAt(), version, c.shop());
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : blankToNull(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
