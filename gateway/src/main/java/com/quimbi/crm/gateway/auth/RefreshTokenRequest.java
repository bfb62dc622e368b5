package com.quimbi.crm.gateway.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/auth/refresh} and {@code POST /api/auth/logout} body. */
public record RefreshTokenRequest(@NotBlank @Size(max = 16384) String refreshToken) {

    @Override
    public String toString() {
        return "RefreshTokenRequest[refreshToken=***]";
    }
}
