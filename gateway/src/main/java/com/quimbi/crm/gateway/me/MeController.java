package com.quimbi.crm.gateway.me;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** {@code GET /api/auth/me}: the caller's token identity merged with their agent profile. Token required. */
@RestController
class MeController {

    private final AgentProfileClient profiles;

    MeController(AgentProfileClient profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/api/auth/me")
    Mono<ResponseEntity<MeResponse>> me(@AuthenticationPrincipal Jwt token) {
        return profiles.me(token.getTokenValue())
                .map(profile -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(MeResponse.of(token, profile)));
    }
}
