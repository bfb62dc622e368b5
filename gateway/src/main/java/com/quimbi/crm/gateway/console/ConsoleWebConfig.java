package com.quimbi.crm.gateway.console;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the agent console (the {@code console} module) from the classpath:
 * <ul>
 * <li>{@code GET /} (and {@code /index.html}): the page, {@code Cache-Control: no-cache}, with the Keycloak issuer,
 * the client id and the assets' fingerprinted path filled in;</li>
 * <li>{@code GET /assets/<fingerprint>/**}: the ES modules, styles and messages, cached for a year
 * ({@code immutable}); any other fingerprint is a 404;</li>
 * <li>{@code GET /webjars/**}: third-party files from WebJars (their paths carry the version), cached likewise.</li>
 * </ul>
 * Spring Cloud Gateway's routes are consulted before these handlers (its handler mapping has a higher precedence
 * than resource handlers), and no static path overlaps {@code /api/**}, {@code /ws/**} or {@code /webhooks/**}.
 * The Content-Security-Policy and the other security headers are set for every answer in {@code SecurityConfig}.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfig implements WebFluxConfigurer {

    static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final ConsoleAssets assets;
    private final ConsoleProperties properties;

    ConsoleWebConfig(ResourceLoader resourceLoader, OAuth2ResourceServerProperties resourceServer,
            ConsoleProperties properties) {
        this.properties = properties;
        this.assets = ConsoleAssets.load(ResourcePatternUtils.getResourcePatternResolver(resourceLoader), resourceServer.getJwt().getIssuerUri(), properties.clientId());
    }

    @Bean
    RouterFunction<ServerResponse> consolePage() {
        if (assets == null) {
            return RouterFunctions.route(RequestPredicates.GET("/__no-console__"), request -> ServerResponse.notFound().build());
        }
        return RouterFunctions.route(RequestPredicates.GET("/").or(RequestPredicates.GET("/index.html")),
                request -> ServerResponse.ok().contentType(HTML).cacheControl(CacheControl.noCache())
                        .bodyValue(assets.indexHtml()));
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        CacheControl longCache = CacheControl.maxAge(properties.assetMaxAge()).cachePublic().immutable();
        if (assets != null) {
            registry.addResourceHandler("/assets/" + assets.fingerprint() + "/**")
                    .addResourceLocations("classpath:/" + ConsoleAssets.ASSETS)
                    .setCacheControl(longCache);
        }
        registry.addResourceHandler("/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(longCache);
    }
}
