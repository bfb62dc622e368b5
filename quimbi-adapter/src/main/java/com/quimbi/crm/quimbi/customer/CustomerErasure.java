package com.quimbi.crm.quimbi.customer;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.quimbi.ticket.TicketContexts;

/**
 * customer.redacted: everything the adapter keeps about the customer goes — its tickets' texts, messages and
 * address (the tickets' enrichment labels stay), its activity, and the cached DNA, churn and drafts.
 */
@Service
public class CustomerErasure {

    private static final Logger log = LoggerFactory.getLogger(CustomerErasure.class);
    /** DraftService.DRAFTS (the draft feature depends on this one, not the other way round). */
    static final String DRAFTS = "drafts";

    private final TicketContexts tickets;
    private final CustomerActivity activity;
    private final CustomerInsights insights;
    private final CacheManager caches;

    CustomerErasure(TicketContexts tickets, CustomerActivity activity, CustomerInsights insights, CacheManager caches) {
        this.tickets = tickets;
        this.activity = activity;
        this.insights = insights;
        this.caches = caches;
    }

    @Transactional
    public void erase(UUID customerId, String emailSha256) {
        String key = customerId.toString();
        List<UUID> erased = tickets.eraseCustomer(key, emailSha256);
        activity.erase(key, emailSha256);
        insights.forget(key);
        // drafts are keyed by ticket, conversation state and tone: a redaction (rare) drops them all
        try {
            Cache drafts = caches.getCache(DRAFTS);
            if (drafts != null) {
                drafts.clear();
            }
        } catch (RuntimeException e) {
            log.warn("Drafts cache not cleared after a redaction (entries expire within the hour): {}", e.toString());
        }
        log.info("Customer redacted: {} tickets erased", erased.size());
    }
}
