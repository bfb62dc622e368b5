package com.quimbi.crm.quimbi.customer;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

import com.quimbi.crm.quimbi.insight.ChurnRisk;
import com.quimbi.crm.quimbi.insight.Source;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Churn risk (next 90 days) with its drivers, lifetime value and tier. source is \"fallback\" "
        + "unless every part came from Quimbi.")
public record CustomerRisk(String customerId, double churnProbability, String riskLevel, List<ChurnRisk.Driver> drivers,
        BigDecimal ltv, BigDecimal predictedLtv12Months, String currency, String tier, Source source)
        implements Serializable {
}
