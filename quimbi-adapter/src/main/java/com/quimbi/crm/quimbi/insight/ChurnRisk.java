package com.quimbi.crm.quimbi.insight;

import java.io.Serializable;
import java.util.List;

/** Probability that the customer stops buying in the next 90 days, its level, and what drives it. */
public record ChurnRisk(String customerId, double probability, String riskLevel, List<Driver> drivers, Source source)
        implements Serializable {

    public record Driver(String feature, double impact, String description) implements Serializable {
    }

    public static String level(double probability) {
        return probability >= 0.6 ? "high" : probability >= 0.3 ? "medium" : "low";
    }
}
