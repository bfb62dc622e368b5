package com.quimbi.crm.gateway.session;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

/**
 * Validates a token with the delegate (signature, expiry, issuer) and then rejects it if its session was
 * logged out. A {@link BadJwtException} makes Spring Security answer 401 {@code invalid_token}.
 */
public class DenyListJwtDecoder implements ReactiveJwtDecoder {

    public static final String SESSION_ENDED = "The session of this token has been logged out";

    private final ReactiveJwtDecoder delegate;
    private final SessionDenyList denyList;

    public DenyListJwtDecoder(ReactiveJwtDecoder delegate, SessionDenyList denyList) {
        this.delegate = delegate;
        this.denyList = denyList;
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        return delegate.decode(token).flatMap(jwt -> denyList.isDenied(jwt.getClaimAsString("sid"))
                .flatMap(denied -> denied ? Mono.error(new BadJwtException(SESSION_ENDED)) : Mono.just(jwt)));
    }
}
