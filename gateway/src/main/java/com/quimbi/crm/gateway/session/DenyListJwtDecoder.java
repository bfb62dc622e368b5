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

    public static final String USER_DEACTIVATED = "The user of this token has been deactivated";

    private final ReactiveJwtDecoder delegate;
    private final SessionDenyList denyList;
    private final DeactivatedSubjects deactivated;

    public DenyListJwtDecoder(ReactiveJwtDecoder delegate, SessionDenyList denyList) {
        this(delegate, denyList, null);
    }

    /** Also rejects tokens of deactivated agents ({@code sub} listed in {@code deactivated}). */
    public DenyListJwtDecoder(ReactiveJwtDecoder delegate, SessionDenyList denyList, DeactivatedSubjects deactivated) {
        this.delegate = delegate;
        this.denyList = denyList;
        this.deactivated = deactivated;
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        return delegate.decode(token)
                // e.g. the JWK set cannot be fetched: not the token's fault; becomes a 503, not a 401
                .onErrorMap(e -> !(e instanceof JwtException), e -> new JwtException(KEYS_UNAVAILABLE, e))
                .flatMap(jwt -> denyList.isDenied(jwt.getClaimAsString("sid"))
                .flatMap(denied -> denied ? Mono.error(new BadJwtException(SESSION_ENDED)) : Mono.just(jwt)))
                .flatMap(jwt -> deactivated == null ? Mono.just(jwt) : deactivated.isDenied(jwt.getSubject())
                .flatMap(denied -> denied ? Mono.<Jwt>error(new BadJwtException(USER_DEACTIVATED)) : Mono.just(jwt)));
    }
}
