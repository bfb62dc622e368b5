package com.quimbi.crm.gateway.auth;

import java.util.LinkedHashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;

import com.quimbi.crm.gateway.session.SessionDenyList;
import com.quimbi.crm.gateway.session.TokenClaims;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Login, refresh and logout against Keycloak on behalf of the SPA. */
@Service
public class AuthService {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    private final KeycloakTokenClient keycloak;
    private final SessionDenyList denyList;
    private final JsonMapper json;

    public AuthService(KeycloakTokenClient keycloak, SessionDenyList denyList, JsonMapper json) {
        this.keycloak = keycloak;
        this.denyList = denyList;
        this.json = json;
    }

    public Mono<TokenResponse> login(LoginRequest request) {
        return keycloak.passwordGrant(request.username(), request.password())
                .map(TokenResponse::from)
                .doOnNext(tokens -> log.info("Login of {}", LogPseudonym.of(request.username())))
                .doOnError(AuthExceptions.InvalidGrant.class,
                        e -> log.info("Login of {} refused: {}", LogPseudonym.of(request.username()), e.getMessage()));
    }

    public Mono<TokenResponse> refresh(RefreshTokenRequest request) {
        return keycloak.refresh(request.refreshToken()).map(TokenResponse::from);
    }

    /**
     * Ends the Keycloak session, then denies its {@code sid} at the gateway so that access tokens already
     * issued stop working at once. The sid comes from the caller's (validated) access token; if that has
     * none, from the refresh token Keycloak just accepted. A refresh token Keycloak no longer accepts
     * (session already ended) still denies the caller's session: logging out twice is not an error.
     * If Keycloak is unreachable nothing is denied and the caller gets 503, so it can simply retry.
     */
    public Mono<Void> logout(Jwt accessToken, RefreshTokenRequest request) {
        String accessSid = accessToken.getClaimAsString("sid");
        return keycloak.logout(request.refreshToken())
                .then(Mono.fromSupplier(() -> sessionsToDeny(accessSid, request.refreshToken(), true)))
                .onErrorResume(AuthExceptions.InvalidGrant.class, e -> {
                    log.info("Logout: Keycloak no longer accepts the refresh token ({})", e.getMessage());
                    return Mono.just(sessionsToDeny(accessSid, request.refreshToken(), false));
                })
                .flatMapMany(Flux::fromIterable)
                .flatMap(sid -> denyList.deny(sid, denyList.ttlFor(accessToken)))
                .then();
    }

    private Set<String> sessionsToDeny(String accessSid, String refreshToken, boolean refreshTokenAccepted) {
        Set<String> sids = new LinkedHashSet<>();
        if (accessSid != null && !accessSid.isBlank()) {
            sids.add(accessSid);
        }
        // the refresh token is not verifiable here: trust its sid only once Keycloak accepted the token
        if (refreshTokenAccepted) {
            TokenClaims.unverifiedSid(refreshToken, json).ifPresent(sids::add);
        }
        if (sids.isEmpty()) {
            log.warn("Logout: no session id in the access or refresh token, nothing denied at the gateway");
        }
        return sids;
    }

}
