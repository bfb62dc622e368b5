package com.quimbi.crm.gateway.session;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

/**
 * Validates a token with the delegate (signature, expiry, issuer) and then rejects it if its session was
 * logged out. A {@link BadJwtException} makes Spring Security answer 401 {@code invalid_token}; any other
 * {@link JwtException} becomes an {@code AuthenticationServiceException}, which the error handler turns
 * into 503.
 */
public class DenyListJwtDecoder implements ReactiveJwtDecoder {

    public static final String SESSION_ENDED = "The session of this token has been logged out";
    public static final String KEYS_UNAVAILABLE = "The token could not be validated: signing keys unavailable";

    private final ReactiveJwtDecoder delegate;
    private final SessionDenyList denyList;

    public DenyListJwtDecoder(ReactiveJwtDecoder delegate, SessionDenyList denyList) {
        this.delegate = delegate;
        this.denyList = denyList;
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        return delegate.decode(token)
                // e.g. the JWK set cannot be fetched: not the token's fault; becomes a 503, not a 401
                .onErrorMap(e -> !(e instanceof JwtException), e -> new JwtException(KEYS_UNAVAILABLE, e))
                .flatMap(jwt -> denyList.isDenied(jwt.getClaimAsString("sid"))
                .flatMap(denied -> denied ? Mono.error(new BadJwtException(SESSION_ENDED)) : Mono.just(jwt)));
    }
}
