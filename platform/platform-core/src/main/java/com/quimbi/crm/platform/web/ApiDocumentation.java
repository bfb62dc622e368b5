package com.quimbi.crm.platform.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springdoc.core.customizers.OpenApiCustomizer;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * What every service's OpenAPI document says the same way, written once: how to authenticate (a Keycloak bearer
 * JWT, or the Authorization Code + PKCE flow of the console's public client in the gateway's Swagger UI), the
 * roles, the RFC 9457 problem answers of each operation, the gateway's rate limit and the server (relative, so
 * "Try it out" goes through whichever origin served the document: the gateway's {@code /swagger-ui} or the
 * service's own). Operations declare only what is theirs (summary, role, examples); this fills in the rest.
 */
public final class ApiDocumentation implements OpenApiCustomizer {

    /** HTTP bearer: paste an access token (any Swagger UI, curl). */
    public static final String BEARER = "keycloak";
    /** OAuth2 Authorization Code + PKCE against Keycloak (the gateway's Swagger UI: "Authorize", then log in). */
    public static final String LOGIN = "keycloak-login";

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM = "Problem";
    static final String PROBLEMS = "https://supportcrm.dev/problems/";

    /**
     * @param issuerUri the realm's issuer as browsers reach it (the login page is under it)
     * @param tokenUrl where Swagger UI exchanges the code: relative, the gateway's {@code /api/auth/token}, so it
     *        stays same-origin (the gateway's Content-Security-Policy keeps {@code connect-src 'self'})
     * @param clientId the public client the login uses (PKCE S256), shown in the scheme's description
     * @param replenishRate the gateway's tokens per second per caller ({@code CRM_RATE_LIMIT_REPLENISH})
     * @param burstCapacity the gateway's bucket size ({@code CRM_RATE_LIMIT_BURST})
     * @param maxRequestBytes this service's body limit ({@code crm.web.max-request-bytes})
     */
    public record Settings(String issuerUri, String tokenUrl, String clientId, int replenishRate, int burstCapacity,
            long maxRequestBytes) {
    }

    private final Settings settings;

    public ApiDocumentation(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents() != null ? api.getComponents() : new Components();
        api.setComponents(components);
        describeAuthentication(api, components);
        describeProblems(components);
        api.setInfo(withConventions(api.getInfo()));
        // relative: resolved against the document's URL, so the gateway's UI calls the gateway, a service's UI the service
        api.setServers(new ArrayList<>(List.of(new Server().url("/")
                .description("where this document was served from: the gateway (/v3/api-docs/<service>) or the service"))));
        Map<String, Answer> answers = answers();
        answers.forEach((status, answer) -> components.addResponses(answer.name(), answer.response()));
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> addProblemAnswers(answers, path, method, operation)));
        }
    }

    private void describeAuthentication(OpenAPI api, Components components) {
        components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT")
                .description("A Keycloak access token of realm `crm` (issuer `" + settings.issuerUri() + "`), valid "
                        + "5 minutes: `POST /api/auth/login` at the gateway, or the token endpoint of Keycloak "
                        + "(password grant of client `" + settings.clientId() + "`, or client credentials of a "
                        + "confidential client). Roles come from `realm_access.roles`."));
        String base = settings.issuerUri().endsWith("/") ? settings.issuerUri().substring(0, settings.issuerUri().length() - 1)
                : settings.issuerUri();
        components.addSecuritySchemes(LOGIN, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                .description("Log in with Keycloak (Authorization Code + PKCE, public client `" + settings.clientId()
                        + "`; leave the secret empty). Works in the gateway's Swagger UI (`/swagger-ui`): the code is "
                        + "exchanged at the gateway's `" + settings.tokenUrl() + "`.")
                .flows(new OAuthFlows().authorizationCode(new OAuthFlow()
                        .authorizationUrl(base + "/protocol/openid-connect/auth")
                        .tokenUrl(settings.tokenUrl())
                        .refreshUrl(settings.tokenUrl())
                        .scopes(new Scopes().addString("openid", "OpenID Connect: the token carries the user's roles")))));
        if (api.getSecurity() == null || api.getSecurity().isEmpty()) {
            // either scheme: the same token, obtained two ways
            api.setSecurity(new ArrayList<>(List.of(new SecurityRequirement().addList(BEARER),
                    new SecurityRequirement().addList(LOGIN, "openid"))));
        }
    }

    private Info withConventions(Info info) {
        Info result = info != null ? info : new Info().title("API").version("v1");
        String own = result.getDescription() == null ? "" : result.getDescription().strip() + "\n\n";
        result.setDescription(own + """
                ## Authentication and roles
                Every operation needs a Keycloak access token (bearer JWT, realm `crm`) unless it is marked without a \
                lock. The roles are `agent` < `supervisor` < `admin`: a higher role may do everything a lower one may; \
                each operation names the role it needs. No token or a bad, expired or logged-out one: 401; a role too \
                low: 403. In the gateway's Swagger UI (`/swagger-ui`) press **Authorize** and use `%s` to log in; \
                here or with curl, paste a token into `%s`.

                ## Errors
                Every error is an RFC 9457 problem (`application/problem+json`, schema `Problem`): `type` is a URI \
                under `%s` (`validation`, `not-found`, `conflict`, `precondition-failed`, `too-large`, \
                `unavailable`, `overloaded`, or `about:blank`), `status`, `title`, `detail`, and for bad input \
                `errors: [{field, message}]`. Bad input is never a 5xx.

                ## Rate limits and overload
                Through the gateway every caller (the token's user, or the client IP without one) has a token bucket \
                over all of `/api/**`: %d requests per second, bursts up to %d. Past it: 429 with `Retry-After` \
                (seconds) and the `X-RateLimit-Remaining`, `X-RateLimit-Replenish-Rate`, `X-RateLimit-Burst-Capacity`, \
                `X-RateLimit-Requested-Tokens` headers (on every answer). A service that is overloaded or has lost \
                its database answers 503 with `Retry-After`: wait that long, then retry. Bodies above %d bytes: 413.

                ## Lists, writes
                Lists are keyset-paged: `{"items": [...], "nextCursor": "..."}`; pass `nextCursor` back as `cursor` \
                with the same filters, `limit` 1-200 (default 50). Versioned resources answer with an `ETag`; send it \
                back as `If-Match` to make a concurrent change a 412. Opening or changing a ticket and adding a message take an `Idempotency-Key`. \
                The integration guide (`docs/api-guide.md` in the repository) has the details.
                """.formatted(LOGIN, BEARER, PROBLEMS, settings.replenishRate(), settings.burstCapacity(),
                settings.maxRequestBytes()));
        return result;
    }

    private void describeProblems(Components components) {
        Schema<Object> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().description("the field, query parameter or header, with its path"))
                .addProperty("message", new StringSchema());
        fieldError.setRequired(List.of("field", "message"));
        components.addSchemas("FieldError", fieldError);
        Schema<Object> problem = new ObjectSchema()
                .description("An RFC 9457 problem. Other members may be added; clients ignore those they do not know.")
                .addProperty("type", new StringSchema().format("uri").description("the problem type: a URI under "
                        + PROBLEMS + ", or about:blank when the status says it all")._default("about:blank"))
                .addProperty("title", new StringSchema().description("short, the same for every problem of the type"))
                .addProperty("status", new IntegerSchema().description("the HTTP status"))
                .addProperty("detail", new StringSchema().description("what went wrong with this request, for a person"))
                .addProperty("instance", new StringSchema().format("uri-reference").description("the request path"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
                        .description("bad input: one entry per field"));
        problem.setAdditionalProperties(Boolean.TRUE);
        components.addSchemas(PROBLEM, problem);

        components.addHeaders("Retry-After", new Header().description("seconds to wait before retrying")
                .schema(new IntegerSchema()));
        components.addHeaders("X-RateLimit-Remaining", new Header()
                .description("requests left in the caller's bucket (gateway)").schema(new IntegerSchema()));
        components.addHeaders("WWW-Authenticate", new Header().description("`Bearer`, with `error=\"invalid_token\"` "
                + "for a bad, expired or logged-out token").schema(new StringSchema()));
    }

    /** The reusable problem answers, by status. */
    private Map<String, Answer> answers() {
        Map<String, Answer> answers = new LinkedHashMap<>();
        answers.put("400", answer("BadRequest", "Bad input: a field, parameter, header or cursor; `errors` names each",
                problem(PROBLEMS + "validation", "Validation failed", 400, "priority: must be one of low, normal, high, urgent",
                        List.of(Map.of("field", "priority", "message", "must be one of low, normal, high, urgent")))));
        answers.put("401", answer("Unauthorized", "No token, or a bad, expired or logged-out one",
                problem("about:blank", "Unauthorized", 401, "A valid bearer token is required.", null))
                .withHeader("WWW-Authenticate"));
        answers.put("403", answer("Forbidden", "The token's roles do not allow this operation",
                problem("about:blank", "Forbidden", 403, "This operation needs a higher role.", null)));
        answers.put("404", answer("NotFound", "No such resource, or not visible to the caller",
                problem(PROBLEMS + "not-found", "Not found", 404, "Ticket 0193a0c4-8000-7000-8000-000000000001 not found.", null)));
        answers.put("409", answer("Conflict", "An illegal state change or a concurrent write; nothing was written: reload and retry",
                problem(PROBLEMS + "conflict", "Conflict", 409, "A closed ticket cannot change status.", null)));
        answers.put("412", answer("PreconditionFailed", "`If-Match` does not name the current version",
                problem(PROBLEMS + "precondition-failed", "Precondition failed", 412,
                        "Ticket #1042 is at version 4, not 3: reload it and try again.", null)));
        answers.put("413", answer("TooLarge", "The body is larger than the service's limit",
                problem(PROBLEMS + "too-large", "Request too large", 413,
                        "The body is larger than " + settings.maxRequestBytes() + " bytes.", null)));
        answers.put("415", answer("UnsupportedMediaType", "The body's content type is not one this operation reads",
                problem("about:blank", "Unsupported Media Type", 415, "Content-Type 'text/plain' is not supported.", null)));
        answers.put("429", answer("TooManyRequests", "The caller's rate limit at the gateway (" + settings.replenishRate()
                + "/s, bursts of " + settings.burstCapacity() + "): wait `Retry-After` seconds",
                problem("about:blank", "Too Many Requests", 429, "Too many requests. Retry after 1 s.", null))
                .withHeader("Retry-After").withHeader("X-RateLimit-Remaining"));
        answers.put("503", answer("Unavailable", "Overloaded, or a dependency (database, Keycloak) is down: wait "
                + "`Retry-After` seconds and retry",
                problem(PROBLEMS + "overloaded", "Service overloaded", 503, "Too many requests in flight. Retry after 1 s.", null))
                .withHeader("Retry-After"));
        return answers;
    }

    private void addProblemAnswers(Map<String, Answer> answers, String path, PathItem.HttpMethod method,
            Operation operation) {
        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        operation.setResponses(responses);
        boolean open = operation.getSecurity() != null && operation.getSecurity().isEmpty();
        boolean writes = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH,
                PathItem.HttpMethod.DELETE).contains(method);
        boolean hasBody = operation.getRequestBody() != null;
        boolean conditional = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "header".equals(p.getIn()) && "If-Match".equalsIgnoreCase(p.getName()));
        List<String> statuses = new ArrayList<>(List.of("400"));
        if (!open) {
            statuses.addAll(List.of("401", "403"));
        }
        if (path.contains("{")) {
            statuses.add("404");
        }
        if (writes) {
            statuses.add("409");
        }
        if (conditional) {
            statuses.add("412");
        }
        if (hasBody) {
            statuses.addAll(List.of("413", "415"));
        }
        statuses.addAll(List.of("429", "503"));
        for (String status : statuses) {
            ApiResponse declared = responses.get(status);
            if (declared == null) {
                responses.addApiResponse(status, new ApiResponse().$ref(answers.get(status).name()));
            } else {
                // the operation's own words for its case, the shared problem body
                asProblem(declared);
            }
        }
        // every other 4xx/5xx an operation declared itself (422, 502, ...) is a problem too
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                asProblem(response);
            }
        });
    }

    /** A declared error answer without a body, or with Spring's {@code ProblemDetail}, gets the {@code Problem} schema. */
    private static void asProblem(ApiResponse response) {
        if (response.get$ref() != null) {
            return;
        }
        Content content = response.getContent();
        boolean springProblem = content != null && content.values().stream().anyMatch(media -> media.getSchema() != null
                && String.valueOf(media.getSchema().get$ref()).endsWith("/ProblemDetail"));
        if (content == null || content.isEmpty() || springProblem) {
            response.setContent(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                    .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
        }
    }

    private record Answer(String name, ApiResponse response) {

        Answer withHeader(String header) {
            response.addHeaderObject(header, new Header().$ref("#/components/headers/" + header));
            return this;
        }
    }

    private static Answer answer(String name, String description, Map<String, Object> example) {
        return new Answer(name, new ApiResponse().description(description).content(new Content()
                .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                        .example(example))));
    }

    private static Map<String, Object> problem(String type, String title, int status, String detail,
            List<Map<String, String>> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", "/api/tickets");
        if (errors != null) {
            body.put("errors", errors);
        }
        return body;
    }
}
