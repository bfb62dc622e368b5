package com.quimbi.crm.integration.shop;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.integration.config.IntegrationProperties;
import com.quimbi.crm.platform.audit.AuditTrail;
import com.quimbi.crm.platform.crypto.SecretBox;
import com.quimbi.crm.integration.shop.internal.ShopStore;
import com.quimbi.crm.integration.shop.internal.ShopStore.SealedShop;
import com.quimbi.crm.integration.shopify.ShopifyClient;
import com.quimbi.crm.integration.shopify.ShopifyCredentialsRejectedException;
import com.quimbi.crm.integration.shopify.TokenGrant;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;

/** Shops and their credentials: sealed on the way in, opened only for a call to Shopify or a signature check. */
@Service
public class ShopService {

    private static final Logger log = LoggerFactory.getLogger(ShopService.class);

    private final ShopStore store;
    private final SecretBox box;
    private final ShopifyClient shopify;
    private final IntegrationProperties properties;
    private final Clock clock;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;

    ShopService(ShopStore store, SecretBox box, ShopifyClient shopify, IntegrationProperties properties, Clock clock,
            AuditTrail audit, TransactionTemplate transaction) {
        this.audit = audit;
        this.transaction = transaction;
        this.store = store;
        this.box = box;
        this.shopify = shopify;
        this.properties = properties;
        this.clock = clock;
    }

    public Shop connectCustomApp(String domain, String accessToken, String apiSecret) {
        requireValidDomain(domain);
        String name;
        try {
            name = shopify.shopName(domain, accessToken);
        } catch (ShopifyCredentialsRejectedException e) {
            throw new InvalidInputException("accessToken", "Shopify refused this access token for " + domain + ".");
        }
        // Shopify was asked outside any transaction; the change and its audit record are one
        return transaction.execute(status -> save(domain, name, accessToken, apiSecret));
    }

    private Shop save(String domain, String name, String accessToken, String apiSecret) {
        Instant now = clock.instant();
        SealedShop existing = store.find(domain).orElse(null);
        String previousSecret = null;
        Instant previousUntil = null;
        if (existing != null && existing.apiSecret() != null && !apiSecret.equals(box.decrypt(existing.apiSecret()))) {
            // a rotation: deliveries signed with the old secret keep being accepted for the overlap
            previousSecret = existing.apiSecret();
            previousUntil = now.plus(properties.webhooks().secretOverlap());
        }
        store.upsertCustom(domain, name, box.encrypt(accessToken), box.encrypt(apiSecret), previousSecret,
                previousUntil, now);
        log.info("Shop {} connected (custom app)", domain);
        return audited("shop.connected", domain, existing);
    }

    /** A public-app install: the expiring offline token and its refresh token, sealed. */
    @Transactional
    public Shop connectOAuth(String domain, TokenGrant grant) {
        requireValidDomain(domain);
        SealedShop existing = store.find(domain).orElse(null);
        store.upsertOAuth(domain, box.encrypt(grant.accessToken()), box.encrypt(grant.refreshToken()), grant.expiresAt(),
                grant.scopes(), clock.instant());
        log.info("Shop {} installed the app (OAuth), token expires {}", domain, grant.expiresAt());
        return audited("shop.installed", domain, existing);
    }

    /** Records a connection change: the shop's view and its sealed credentials (masked: the trail says they changed). */
    private Shop audited(String action, String domain, SealedShop before) {
        SealedShop after = store.find(domain).orElseThrow();
        audit.record(action, "shop", domain, before == null ? null : fields(before), fields(after));
        return after.shop();
    }

    private Map<String, Object> fields(SealedShop shop) {
        Map<String, Object> fields = audit.fields(shop.shop());
        fields.put("accessToken", shop.accessToken());
        fields.put("apiSecret", shop.apiSecret());
        return fields;
    }

    /** Refreshes every OAuth token that expires within {@code refresh-ahead}, one shop at a time. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT30S")
    public void refreshExpiringTokens() {
        Instant horizon = clock.instant().plus(properties.shopify().refreshAhead());
        for (SealedShop shop : store.findExpiringOAuth(horizon)) {
            try {
                TokenGrant grant = shopify.refresh(shop.shop().domain(), box.decrypt(shop.refreshToken()));
                store.updateTokens(shop.shop().domain(), box.encrypt(grant.accessToken()),
                        box.encrypt(grant.refreshToken() != null ? grant.refreshToken() : box.decrypt(shop.refreshToken())),
                        grant.expiresAt(), clock.instant());
                log.info("Refreshed the access token of {}, now expires {}", shop.shop().domain(), grant.expiresAt());
            } catch (RuntimeException e) {
                log.warn("Could not refresh the access token of {}: {}", shop.shop().domain(), e.getMessage());
            }
        }
    }

    /** The connected shop's Admin API token, for one call; never logged or returned. */
    public String accessToken(String domain) {
        SealedShop shop = store.find(domain).orElseThrow(() -> new NotFoundException("shop", domain));
        if (!Shop.CONNECTED.equals(shop.shop().status()) || shop.accessToken() == null) {
            throw new InvalidInputException("shop", domain + " is not connected.");
        }
        return box.decrypt(shop.accessToken());
    }

    public List<Shop> list() {
        return store.list();
    }

    public Shop get(String domain) {
        return store.find(domain).map(SealedShop::shop).orElseThrow(() -> new NotFoundException("shop", domain));
    }

    /**
     * The secrets a webhook of this shop may be signed with right now: the shop's (custom app) or the public
     * app's, plus the previous one during a rotation overlap. Empty for an unknown shop.
     */
    public List<String> webhookSecrets(String domain) {
        List<String> secrets = new ArrayList<>();
        SealedShop shop = store.find(domain).orElse(null);
        if (shop == null) {
            return secrets;
        }
        if (Shop.CUSTOM.equals(shop.shop().kind())) {
            if (shop.apiSecret() != null) {
                secrets.add(box.decrypt(shop.apiSecret()));
            }
            if (shop.previousApiSecret() != null && shop.previousSecretUntil() != null
                    && clock.instant().isBefore(shop.previousSecretUntil())) {
                secrets.add(box.decrypt(shop.previousApiSecret()));
            }
        } else {
            IntegrationProperties.Shopify app = properties.shopify();
            if (app.apiSecret() != null && !app.apiSecret().isBlank()) {
                secrets.add(app.apiSecret());
            }
        }
        return secrets;
    }

    /** app/uninstalled: the tokens are worthless now; delete them and mark the shop disconnected. */
    @Transactional
    public void disconnect(String domain) {
        SealedShop existing = store.find(domain).orElse(null);
        store.disconnect(domain, clock.instant());
        if (existing != null) {
            audited("shop.disconnected", domain, existing);
        }
        log.info("Shop {} uninstalled the app: tokens deleted, shop disconnected", domain);
    }

    /** After a key rotation: every credential still sealed with a previous key is sealed again with the current one. */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void resealWithCurrentKey() {
        int resealed = 0;
        for (SealedShop shop : store.findAllSealed()) {
            if (box.isCurrent(shop.accessToken()) && box.isCurrent(shop.refreshToken()) && box.isCurrent(shop.apiSecret())
                    && box.isCurrent(shop.previousApiSecret())) {
                continue;
            }
            store.updateCredentials(shop.shop().domain(), reseal(shop.accessToken()), reseal(shop.refreshToken()),
                    reseal(shop.apiSecret()), reseal(shop.previousApiSecret()));
            resealed++;
        }
        if (resealed > 0) {
            log.info("Re-encrypted the credentials of {} shops with the current key", resealed);
        }
    }

    private String reseal(String sealed) {
        return sealed == null ? null : box.encrypt(box.decrypt(sealed));
    }

    private static void requireValidDomain(String domain) {
        if (!ShopDomain.isValid(domain)) {
            throw new InvalidInputException("domain", "must be a lower-case <name>.myshopify.com shop domain");
        }
    }
}
