package com.quimbi.crm.quimbi.customer;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

import com.quimbi.crm.quimbi.fallback.CustomerHeuristics;
import com.quimbi.crm.quimbi.insight.ChurnRisk;
import com.quimbi.crm.quimbi.insight.CustomerDna;
import com.quimbi.crm.quimbi.insight.CustomerHistory;
import com.quimbi.crm.quimbi.insight.Ltv;
import com.quimbi.crm.quimbi.insight.Source;
import com.quimbi.crm.quimbi.intelligence.Intelligence;

/**
 * Customer DNA and churn/LTV, cached in Redis (dna and churn: 15 minutes). Only Quimbi's answers are
 * cached: a fallback answer costs a few milliseconds of local work, and caching it would keep serving it
 * for 15 minutes after Quimbi recovers. A change to the customer (a customer event, a new ticket) evicts
 * both entries.
 */
@Service
public class CustomerInsights {

    public static final String DNA = "dna";
    public static final String CHURN = "churn";

    private final Intelligence intelligence;
    private final CustomerActivity activity;
    private final CacheManager caches;

    CustomerInsights(Intelligence intelligence, CustomerActivity activity, CacheManager caches) {
        this.intelligence = intelligence;
        this.activity = activity;
        this.caches = caches;
    }

    @Cacheable(cacheNames = DNA, unless = "#result.source() == T(com.quimbi.crm.quimbi.insight.Source).FALLBACK")
    public CustomerDna dna(String customerKey) {
        return intelligence.dna(quimbiId(customerKey), activity.history(customerKey));
    }

    @Cacheable(cacheNames = CHURN, unless = "#result.source() == T(com.quimbi.crm.quimbi.insight.Source).FALLBACK")
    public CustomerRisk risk(String customerKey) {
        CustomerHistory history = activity.history(customerKey);
        String id = quimbiId(customerKey);
        ChurnRisk churn = intelligence.churn(id, history);
        Ltv ltv = intelligence.ltv(id, history, churn);
        Source source = churn.source() == Source.QUIMBI && ltv.source() == Source.QUIMBI ? Source.QUIMBI
                : Source.FALLBACK;
        return new CustomerRisk(customerKey, churn.probability(), churn.riskLevel(), churn.drivers(), ltv.historical(),
                ltv.predicted12Months(), ltv.currency(), CustomerHeuristics.tier(history), source);
    }

    /** The customer changed: the next lookup asks again. */
    public void forget(String customerKey) {
        for (String name : new String[] { DNA, CHURN }) {
            Cache cache = caches.getCache(name);
            if (cache != null) {
                cache.evict(customerKey);
            }
        }
    }

    private static String quimbiId(String customerKey) {
        return customerKey.startsWith("email:") ? null : customerKey;
    }
}
