package com.quimbi.crm.platform.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Rejects a revoked token while it is decoded, after signature, expiry and issuer: Spring Security then
 * answers the same 401 problem as for any other invalid token. Boot adds every {@code OAuth2TokenValidator<Jwt>}
 * bean to the decoder it auto-configures.
 */
class DenyListTokenValidator implements OAuth2TokenValidator<Jwt> {

    private final TokenDenyList denyList;

    DenyListTokenValidator(TokenDenyList denyList) {
        this.denyList = denyList;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        return denyList.rejection(token)
                .map(reason -> OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, reason, null)))
                .orElseGet(OAuth2TokenValidatorResult::success);
    }
}
