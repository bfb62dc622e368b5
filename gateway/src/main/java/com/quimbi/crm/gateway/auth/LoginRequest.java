package com.quimbi.crm.gateway.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/auth/login} body. */
public record LoginRequest(@NotBlank @Size(max = 255) String username, @NotBlank @Size(max = 1024) String password) {

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + ", password=***]";
    }
}
