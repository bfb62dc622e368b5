package com.quimbi.crm.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

class ApiDocumentationTest {

    final ApiDocumentation documentation = new ApiDocumentation(new ApiDocumentation.Settings(
            "http://localhost:18080/realms/crm", "/api/auth/token", "crm-console", 50, 100, 1_048_576));

    @Test
    void eachOperationGetsTheProblemAnswersThatCanHappenToIt() {
        Operation read = new Operation().responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("ok")));
        Operation patch = new Operation().requestBody(new RequestBody())
                .addParametersItem(new HeaderParameter().name("If-Match"))
                .responses(new ApiResponses().addApiResponse("409", new ApiResponse().description("Illegal transition")
                        .content(new Content().addMediaType("application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail"))))));
        // a webhook: open (no token), its signature is its authentication
        Operation webhook = new Operation().requestBody(new RequestBody()).security(List.of());
        OpenAPI api = new OpenAPI().info(new Info().title("ticket-service").description("Tickets."))
                .paths(new Paths().addPathItem("/api/tickets", new PathItem().get(read))
                        .addPathItem("/api/tickets/{id}", new PathItem().patch(patch))
                        .addPathItem("/webhooks/shopify", new PathItem().post(webhook)));

        documentation.customise(api);

        assertThat(read.getResponses().keySet()).containsExactly("200", "400", "401", "403", "429", "503");
        assertThat(read.getResponses().get("401").get$ref()).isEqualTo("#/components/responses/Unauthorized");
        assertThat(patch.getResponses().keySet())
                .containsExactlyInAnyOrder("400", "401", "403", "404", "409", "412", "413", "415", "429", "503");
        ApiResponse conflict = patch.getResponses().get("409");
        assertThat(conflict.getDescription()).isEqualTo("Illegal transition");
        assertThat(conflict.getContent().get("application/problem+json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(webhook.getResponses().keySet()).doesNotContain("401", "403").contains("400", "409", "413", "415");

        assertThat(api.getComponents().getSecuritySchemes()).containsKeys("keycloak", "keycloak-login");
        assertThat(api.getComponents().getSecuritySchemes().get("keycloak-login").getFlows().getAuthorizationCode()
                .getAuthorizationUrl()).isEqualTo("http://localhost:18080/realms/crm/protocol/openid-connect/auth");
        assertThat(api.getSecurity()).hasSize(2);
        assertThat(api.getServers()).singleElement().satisfies(server -> assertThat(server.getUrl()).isEqualTo("/"));
        assertThat(api.getInfo().getDescription()).startsWith("Tickets.").contains("50 requests per second",
                "bursts up to 100", "https://supportcrm.dev/problems/");
        assertThat(api.getComponents().getResponses().get("TooManyRequests").getHeaders()).containsKey("Retry-After");
    }
}
