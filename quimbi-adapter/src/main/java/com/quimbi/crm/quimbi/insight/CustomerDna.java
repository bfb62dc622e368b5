package com.quimbi.crm.quimbi.insight;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** Who the customer is, as a support agent needs it: an archetype, segments and a few 0..1 traits. */
public record CustomerDna(String customerId, String archetype, List<String> segments, Map<String, Double> traits,
        String preferredChannel, String tier, Source source) implements Serializable {
}
