package com.quimbi.crm.quimbi.insight;

import java.io.Serializable;
import java.math.BigDecimal;

/** Customer lifetime value: what they spent so far and what we expect over the next 12 months. */
public record Ltv(BigDecimal historical, BigDecimal predicted12Months, String currency, Source source)
        implements Serializable {
}
