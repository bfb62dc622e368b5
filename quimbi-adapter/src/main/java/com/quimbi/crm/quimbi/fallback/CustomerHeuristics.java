package com.quimbi.crm.quimbi.fallback;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.quimbi.crm.quimbi.insight.ChurnRisk;
import com.quimbi.crm.quimbi.insight.CustomerDna;
import com.quimbi.crm.quimbi.insight.CustomerHistory;
import com.quimbi.crm.quimbi.insight.Ltv;
import com.quimbi.crm.quimbi.insight.Source;

/**
 * RFM-style churn, LTV, tier and DNA from what the adapter has seen of a customer (orders and tickets).
 * Documented in the module README; every weight is here, in one place, with its reason.
 *
 * <p>Churn probability = logistic(z) with
 * {@code z = -1.5 + R - 0.5·ln(1 + orders) + 0.45·negativeTickets90d + 0.15·tickets90d - 0.4·[spent ≥ 500]}
 * where R = min(days since last order, 365) / 90 (recency in quarters: a customer silent for a quarter
 * is markedly more at risk). No order at all counts as a 120-day recency, which puts an unknown buyer
 * near 0.45: neither safe nor lost.
 */
public final class CustomerHeuristics {

    static final BigDecimal VIP_SPEND = new BigDecimal("1000");
    static final int VIP_ORDERS = 10;
    static final String CURRENCY = "USD";

    private CustomerHeuristics() {
    }

    public static ChurnRisk churn(CustomerHistory h, Instant now) {
        double recencyDays = h.lastOrderAt() == null ? 120 : Math.min(365, days(h.lastOrderAt(), now));
        double recency = recencyDays / 90.0;
        double frequency = -0.5 * Math.log1p(h.orderCount());
        double complaints = 0.45 * h.negativeTicketsLast90Days();
        double contact = 0.15 * h.ticketsLast90Days();
        double monetary = h.totalSpent().compareTo(new BigDecimal("500")) >= 0 ? -0.4 : 0;
        double z = -1.5 + recency + frequency + complaints + contact + monetary;
        double p = round(1 / (1 + Math.exp(-z)));

        List<ChurnRisk.Driver> drivers = new ArrayList<>();
        drivers.add(new ChurnRisk.Driver("days_since_last_order", round(recency),
                h.lastOrderAt() == null ? "no order seen yet" : (long) recencyDays + " days since the last order"));
        drivers.add(new ChurnRisk.Driver("order_count", round(frequency), h.orderCount() + " orders"));
        if (h.negativeTicketsLast90Days() > 0) {
            drivers.add(new ChurnRisk.Driver("negative_tickets_90d", round(complaints),
                    h.negativeTicketsLast90Days() + " unhappy tickets in 90 days"));
        }
        if (h.ticketsLast90Days() > 0) {
            drivers.add(new ChurnRisk.Driver("tickets_90d", round(contact), h.ticketsLast90Days()
                    + " tickets in 90 days"));
        }
        if (monetary != 0) {
            drivers.add(new ChurnRisk.Driver("total_spent", monetary, "spent 500 or more"));
        }
        drivers.sort((a, b) -> Double.compare(Math.abs(b.impact()), Math.abs(a.impact())));
        return new ChurnRisk(h.customerId(), p, ChurnRisk.level(p), List.copyOf(drivers), Source.FALLBACK);
    }

    /**
     * Historical LTV = total spent. Predicted 12-month value = average order value × expected orders in the
     * next year (the observed yearly rate, at least one order a year once a customer has bought) × (1 − churn).
     */
    public static Ltv ltv(CustomerHistory h, ChurnRisk churn, Instant now) {
        if (h.orderCount() == 0) {
            return new Ltv(BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), CURRENCY, Source.FALLBACK);
        }
        BigDecimal average = h.totalSpent().divide(BigDecimal.valueOf(h.orderCount()), 2, RoundingMode.HALF_UP);
        double years = Math.max(1.0, days(h.firstOrderAt() == null ? now : h.firstOrderAt(), now) / 365.0);
        double perYear = Math.max(1.0, h.orderCount() / years);
        BigDecimal predicted = average.multiply(BigDecimal.valueOf(perYear * (1 - churn.probability())))
                .setScale(2, RoundingMode.HALF_UP);
        return new Ltv(h.totalSpent().setScale(2, RoundingMode.HALF_UP), predicted, CURRENCY, Source.FALLBACK);
    }

    /** vip from 1,000 spent or 10 orders (the tier ticket-service stores on the customer), else standard. */
    public static String tier(CustomerHistory h) {
        return h.totalSpent().compareTo(VIP_SPEND) >= 0 || h.orderCount() >= VIP_ORDERS ? "vip" : "standard";
    }

    /** An archetype from the RFM cell, segments from the signals, traits scaled to 0..1. */
    public static CustomerDna dna(CustomerHistory h, Instant now) {
        ChurnRisk churn = churn(h, now);
        String tier = tier(h);
        String archetype;
        if (h.orderCount() == 0) {
            archetype = h.ticketCount() > 0 ? "prospect_with_questions" : "unknown";
        } else if ("vip".equals(tier)) {
            archetype = churn.probability() >= 0.6 ? "vip_at_risk" : "loyal_vip";
        } else if (h.orderCount() == 1) {
            archetype = "one_time_buyer";
        } else {
            archetype = churn.probability() >= 0.6 ? "lapsing_regular" : "regular";
        }
        List<String> segments = new ArrayList<>();
        if (h.negativeTicketsLast90Days() > 0) {
            segments.add("recent_complainer");
        }
        if (h.ticketsLast90Days() >= 3) {
            segments.add("frequent_contact");
        }
        if ("vip".equals(tier)) {
            segments.add("high_value");
        }
        if ("high".equals(churn.riskLevel())) {
            segments.add("churn_risk");
        }
        Map<String, Double> traits = new LinkedHashMap<>();
        traits.put("loyalty", round(Math.min(1.0, h.orderCount() / 10.0)));
        traits.put("value", round(Math.min(1.0, h.totalSpent().doubleValue() / VIP_SPEND.doubleValue())));
        traits.put("support_intensity", round(Math.min(1.0, h.ticketsLast90Days() / 5.0)));
        traits.put("satisfaction", round(h.ticketsLast90Days() == 0 ? 0.5
                : 1.0 - (double) h.negativeTicketsLast90Days() / h.ticketsLast90Days()));
        return new CustomerDna(h.customerId(), archetype, List.copyOf(segments), traits, h.lastChannel(), tier,
                Source.FALLBACK);
    }

    private static double days(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toHours() / 24.0);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
