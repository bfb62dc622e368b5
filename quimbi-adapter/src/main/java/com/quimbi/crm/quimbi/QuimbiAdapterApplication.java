package com.quimbi.crm.quimbi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@SpringBootApplication
@ConfigurationPropertiesScan
@OpenAPIDefinition(info = @Info(title = "quimbi-adapter", version = "v1",
        description = "AI enrichment: reply drafts, customer DNA and churn, from Quimbi or deterministic fallbacks."))
public class QuimbiAdapterApplication {

    public static void main(String[] args) {
        SpringApplication.run(QuimbiAdapterApplication.class, args);
    }
}
