package com.quimbi.crm.integration.oauth;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

import com.quimbi.crm.integration.config.IntegrationProperties;
import com.quimbi.crm.integration.oauth.internal.StateStore;
import com.quimbi.crm.integration.shop.Shop;
import com.quimbi.crm.integration.shop.ShopDomain;
import com.quimbi.crm.integration.shop.ShopService;
import com.quimbi.crm.integration.shopify.ShopifyClient;
import com.quimbi.crm.integration.shopify.ShopifyCredentialsRejectedException;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;

/** The public app's install: authorize redirect with a single-use state, then the verified callback. */
@Service
class OAuthService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final StateStore states;
    private final ShopService shops;
    private final ShopifyClient shopify;
    private final IntegrationProperties.Shopify settings;
    private final Clock clock;

    OAuthService(StateStore states, ShopService shops, ShopifyClient shopify, IntegrationProperties properties, Clock clock) {
        this.states = states;
        this.shops = shops;
        this.shopify = shopify;
        this.settings = properties.shopify();
        this.clock = clock;
    }

    /** Where the merchant's browser goes to approve the app: Shopify's authorize page for this shop. */
    URI authorizeUrl(String shop) {
        requireConfigured();
        if (!ShopDomain.isValid(shop)) {
            throw new InvalidInputException("shop", "must be a lower-case <name>.myshopify.com shop domain");
        }
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        states.save(state, shop, clock.instant().plus(settings.oauthStateTtl()));
        // no grant_options[]=per-user: an offline token, the kind that works without a logged-in merchant
        return UriComponentsBuilder.fromUriString("https://" + shop + "/admin/oauth/authorize")
                .queryParam("client_id", settings.apiKey()).queryParam("scope", settings.scopes())
                .queryParam("redirect_uri", settings.redirectUri().toString()).queryParam("state", state)
                .encode().build().toUri();
    }

    /** Shopify's redirect back: hmac, shop, timestamp and state checked before the code is exchanged. */
    Shop callback(String rawQuery) {
        requireConfigured();
        Map<String, List<String>> params = QueryHmac.parse(rawQuery);
        if (!QueryHmac.verify(settings.apiSecret(), params)) {
            throw new OAuthRejectedException(HttpStatus.UNAUTHORIZED, "The request's hmac is not valid.");
        }
        String shop = single(params, "shop");
        if (!ShopDomain.isValid(shop)) {
            throw new OAuthRejectedException(HttpStatus.BAD_REQUEST, "shop must be a lower-case <name>.myshopify.com domain.");
        }
        Instant now = clock.instant();
        long timestamp;
        try {
            timestamp = Long.parseLong(single(params, "timestamp"));
        } catch (NumberFormatException e) {
            throw new OAuthRejectedException(HttpStatus.BAD_REQUEST, "timestamp is missing or not a number.");
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > settings.oauthClockSkew().toSeconds()) {
            throw new OAuthRejectedException(HttpStatus.BAD_REQUEST, "timestamp is too far from now.");
        }
        String state = single(params, "state");
        if (state == null || !states.take(state, shop, now)) {
            throw new OAuthRejectedException(HttpStatus.BAD_REQUEST, "state is unknown, used or expired.");
        }
        String code = single(params, "code");
        if (code == null || code.isBlank()) {
            throw new OAuthRejectedException(HttpStatus.BAD_REQUEST, "code is missing.");
        }
        try {
            return shops.connectOAuth(shop, shopify.exchangeCode(shop, code));
        } catch (ShopifyCredentialsRejectedException e) {
            throw new OAuthRejectedException(HttpStatus.BAD_REQUEST, "Shopify refused the authorization code.");
        }
    }

    private void requireConfigured() {
        if (settings.apiKey() == null || settings.apiKey().isBlank() || settings.apiSecret() == null
                || settings.apiSecret().isBlank()) {
            throw new NotFoundException("public app", "(CRM_SHOPIFY_API_KEY / CRM_SHOPIFY_API_SECRET not set)");
        }
    }

    private static String single(Map<String, List<String>> params, String key) {
        List<String> values = params.get(key);
        return values == null || values.size() != 1 ? null : values.getFirst();
    }
}
