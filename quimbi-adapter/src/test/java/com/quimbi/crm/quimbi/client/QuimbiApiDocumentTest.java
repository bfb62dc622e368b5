package com.quimbi.crm.quimbi.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The documented Quimbi API (quimbi/quimbi-api.yaml) names every endpoint the client calls. */
class QuimbiApiDocumentTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyEndpointTheClientCallsIsDocumented() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("quimbi/quimbi-api.yaml")) {
            Map<String, Object> doc = new Yaml().load(in);
            Map<String, Object> paths = (Map<String, Object>) doc.get("paths");

            assertThat(doc.get("openapi")).isEqualTo("3.1.0");
            assertThat(paths).containsOnlyKeys("/api/ml/customers/{customerId}/dna",
                    "/api/ml/customers/{customerId}/churn", "/api/ml/customers/{customerId}/ltv",
                    "/api/ml/tickets/classify", "/api/ml/drafts");
            assertThat((Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas"))
                    .containsKeys("DnaProfile", "ChurnPrediction", "LtvEstimate", "Classification", "Draft");
        }
    }
}
