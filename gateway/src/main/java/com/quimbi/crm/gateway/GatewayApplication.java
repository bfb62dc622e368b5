package com.quimbi.crm.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** The single entry point for the agent SPA and partners. */
@SpringBootApplication
@ConfigurationPropertiesScan
@OpenAPIDefinition(info = @Info(title = "gateway", version = "v1", description = """
        The gateway's own endpoints: login, refresh and logout for the console and scripts (`POST /api/auth/login` \
        answers an access token for the services' `Authorization: Bearer`), who is logged in, and the merged audit \
        trail. Everything else under /api is routed to a service: see the other documents of this Swagger UI. Rate \
        limits, errors and tokens: the integration guide (`docs/api-guide.md`)."""))
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
