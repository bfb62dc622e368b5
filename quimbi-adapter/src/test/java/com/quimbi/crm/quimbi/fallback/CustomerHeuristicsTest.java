package com.quimbi.crm.quimbi.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.quimbi.insight.ChurnRisk;
import com.quimbi.crm.quimbi.insight.CustomerDna;
import com.quimbi.crm.quimbi.insight.CustomerHistory;
import com.quimbi.crm.quimbi.insight.Ltv;
import com.quimbi.crm.quimbi.insight.Source;

class CustomerHeuristicsTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    static CustomerHistory history(int orders, String spent, int daysSinceLastOrder, int daysSinceFirstOrder,
            int tickets90, int negative90) {
        return new CustomerHistory("c-1", orders, new BigDecimal(spent),
                orders == 0 ? null : NOW.minus(Duration.ofDays(daysSinceFirstOrder)),
                orders == 0 ? null : NOW.minus(Duration.ofDays(daysSinceLastOrder)), tickets90, tickets90, negative90,
                NOW.minus(Duration.ofDays(400)), null, "email");
    }

    @Test
    void aRecentFrequentHappyBuyerIsLowRiskAndALapsedComplainerHighRisk() {
        ChurnRisk loyal = CustomerHeuristics.churn(history(12, "1400", 10, 700, 0, 0), NOW);
        ChurnRisk lapsed = CustomerHeuristics.churn(history(2, "80", 200, 400, 3, 2), NOW);

        assertThat(loyal.riskLevel()).isEqualTo("low");
        assertThat(lapsed.riskLevel()).isEqualTo("high");
        assertThat(lapsed.probability()).isGreaterThan(loyal.probability());
        assertThat(lapsed.drivers().getFirst().feature()).isEqualTo("days_since_last_order");
        assertThat(lapsed.source()).isEqualTo(Source.FALLBACK);
    }

    @Test
    void everyComplaintRaisesTheRisk() {
        double calm = CustomerHeuristics.churn(history(3, "150", 40, 300, 1, 0), NOW).probability();
        double upset = CustomerHeuristics.churn(history(3, "150", 40, 300, 1, 1), NOW).probability();

        assertThat(upset).isGreaterThan(calm);
    }

    @Test
    void anUnknownCustomerIsNeitherSafeNorLost() {
        ChurnRisk unknown = CustomerHeuristics.churn(CustomerHistory.unknown("c-9"), NOW);

        assertThat(unknown.probability()).isBetween(0.3, 0.6);
        assertThat(CustomerHeuristics.ltv(CustomerHistory.unknown("c-9"), unknown, NOW).predicted12Months())
                .isEqualByComparingTo("0");
    }

    @Test
    void ltvIsSpendSoFarAndTheExpectedNextYear() {
        CustomerHistory h = history(4, "400", 30, 365 * 2, 0, 0);
        ChurnRisk churn = CustomerHeuristics.churn(h, NOW);
        Ltv ltv = CustomerHeuristics.ltv(h, churn, NOW);

        assertThat(ltv.historical()).isEqualByComparingTo("400");
        // 100 per order, 2 orders a year, discounted by the churn probability
        assertThat(ltv.predicted12Months()).isEqualByComparingTo(
                BigDecimal.valueOf(200 * (1 - churn.probability())).setScale(2, java.math.RoundingMode.HALF_UP));
    }

    @Test
    void vipFromSpendOrOrderCount() {
        assertThat(CustomerHeuristics.tier(history(2, "1000", 10, 100, 0, 0))).isEqualTo("vip");
        assertThat(CustomerHeuristics.tier(history(10, "300", 10, 100, 0, 0))).isEqualTo("vip");
        assertThat(CustomerHeuristics.tier(history(3, "300", 10, 100, 0, 0))).isEqualTo("standard");
    }

    @Test
    void dnaNamesTheArchetypeAndSegments() {
        CustomerDna vipAtRisk = CustomerHeuristics.dna(history(11, "2500", 300, 900, 4, 3), NOW);
        CustomerDna newcomer = CustomerHeuristics.dna(history(0, "0", 0, 0, 1, 0), NOW);

        assertThat(vipAtRisk.archetype()).isEqualTo("vip_at_risk");
        assertThat(vipAtRisk.segments()).contains("recent_complainer", "frequent_contact", "high_value", "churn_risk");
        assertThat(vipAtRisk.traits()).containsKeys("loyalty", "value", "support_intensity", "satisfaction");
        assertThat(newcomer.archetype()).isEqualTo("prospect_with_questions");
        assertThat(newcomer.tier()).isEqualTo("standard");
    }
}
