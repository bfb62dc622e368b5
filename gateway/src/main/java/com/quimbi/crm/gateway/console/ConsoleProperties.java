package com.quimbi.crm.gateway.console;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agent console the gateway serves at {@code /} ({@code crm.gateway.console.*}): the static files come from the
 * {@code console} module's jar ({@code classpath:/console/}).
 *
 * @param clientId the public Keycloak client the console logs in with (authorization code + PKCE)
 * @param assetMaxAge how long browsers keep the fingerprinted assets ({@code /assets/<fingerprint>/**}, WebJars)
 * @param contentSecurityPolicy the {@code Content-Security-Policy} of every gateway answer: no inline scripts or
 *        styles, nothing from other origins (the login page is a navigation to Keycloak, the code exchange goes
 *        through the gateway's {@code POST /api/auth/token})
 */
@ConfigurationProperties("crm.gateway.console")
public record ConsoleProperties(@DefaultValue("crm-console") String clientId,
        @DefaultValue("365d") Duration assetMaxAge,
        @DefaultValue(DEFAULT_CSP) String contentSecurityPolicy) {

    public static final String DEFAULT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
}
