package com.quimbi.crm.integration.gorgias;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.platform.audit.AuditTrail;
import com.quimbi.crm.platform.crypto.SecretBox;
import com.quimbi.crm.integration.gorgias.internal.GorgiasStore;
import com.quimbi.crm.integration.gorgias.internal.GorgiasStore.SealedAccount;
import com.quimbi.crm.platform.problem.ConflictException;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;

/**
 * Gorgias accounts: credentials checked with one API call, then sealed (AES-GCM, {@link SecretBox}); opened only for
 * a call to Gorgias or a webhook check, never logged or returned. One account at a time: ticket-service keys
 * imported tickets by Gorgias id, which is only unique within an account.
 */
@Service
public class GorgiasAccountService {

    private static final Logger log = LoggerFactory.getLogger(GorgiasAccountService.class);
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final GorgiasStore store;
    private final SecretBox box;
    private final GorgiasClient client;
    private final Clock clock;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;

    GorgiasAccountService(GorgiasStore store, SecretBox box, GorgiasClient client, Clock clock, AuditTrail audit,
            TransactionTemplate transaction) {
        this.audit = audit;
        this.transaction = transaction;
        this.store = store;
        this.box = box;
        this.client = client;
        this.clock = clock;
    }

    public GorgiasAccount connect(String domain, ConnectGorgiasRequest request) {
        if (domain == null || !DOMAIN.matcher(domain).matches()) {
            throw new InvalidInputException("domain", "must be the lower-case Gorgias subdomain (<domain>.gorgias.com)");
        }
        boolean other = store.accounts().stream().anyMatch(a -> !a.domain().equals(domain));
        if (other) {
            throw new ConflictException("Another Gorgias account is connected; disconnect it first.");
        }
        GorgiasCredentials credentials = new GorgiasCredentials(domain, request.email().trim(), request.apiKey());
        try {
            client.account(credentials);
        } catch (GorgiasCredentialsRejectedException e) {
            throw new InvalidInputException("apiKey", "Gorgias refused this e-mail and API key for " + domain + ".");
        }
        // Gorgias was asked outside any transaction; the change and its audit record are one
        transaction.executeWithoutResult(status -> {
            SealedAccount before = store.findAccount(domain).orElse(null);
            store.upsertAccount(domain, credentials.email(), box.encrypt(request.apiKey()),
                    box.encrypt(request.webhookSecret()), clock.instant());
            audit.record("gorgias_account.connected", "gorgias_account", domain, before, store.findAccount(domain).orElseThrow());
        });
        log.info("Gorgias account {} connected", domain);
        return get(domain);
    }

    public List<GorgiasAccount> list() {
        return store.accounts().stream().map(GorgiasAccountService::view).toList();
    }

    public GorgiasAccount get(String domain) {
        return store.findAccount(domain).map(GorgiasAccountService::view)
                .orElseThrow(() -> new NotFoundException("gorgias account", domain));
    }

    @Transactional
    public void disconnect(String domain) {
        SealedAccount before = store.findAccount(domain).orElseThrow(() -> new NotFoundException("gorgias account", domain));
        if (!store.deleteAccount(domain)) {
            throw new NotFoundException("gorgias account", domain);
        }
        audit.record("gorgias_account.disconnected", "gorgias_account", domain, before, null);
        log.info("Gorgias account {} disconnected, credentials deleted", domain);
    }

    /** The account's credentials for one call; 404 when it is not connected. */
    public GorgiasCredentials credentials(String domain) {
        SealedAccount account = store.findAccount(domain).orElseThrow(() -> new NotFoundException("gorgias account", domain));
        return new GorgiasCredentials(account.domain(), account.email(), box.decrypt(account.apiKey()));
    }

    /** The connected account, if any. */
    public Optional<String> connectedDomain() {
        return store.accounts().stream().map(SealedAccount::domain).findFirst();
    }

    /**
     * The account whose webhook secret {@code presented} is, compared in constant time against every account (so the
     * time taken says nothing about which or whether one matched).
     */
    public Optional<String> accountOfSecret(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        String match = null;
        for (SealedAccount account : store.accounts()) {
            if (MessageDigest.isEqual(box.decrypt(account.webhookSecret()).getBytes(StandardCharsets.UTF_8), given)) {
                match = account.domain();
            }
        }
        return Optional.ofNullable(match);
    }

    /** After an encryption key rotation: credentials still under a previous key are sealed again. */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void resealWithCurrentKey() {
        for (SealedAccount account : store.accounts()) {
            if (!box.isCurrent(account.apiKey()) || !box.isCurrent(account.webhookSecret())) {
                store.updateSealed(account.domain(), box.encrypt(box.decrypt(account.apiKey())),
                        box.encrypt(box.decrypt(account.webhookSecret())));
            }
        }
    }

    private static GorgiasAccount view(SealedAccount a) {
        return new GorgiasAccount(a.domain(), a.email(), a.connectedAt(), a.updatedAt());
    }
}
