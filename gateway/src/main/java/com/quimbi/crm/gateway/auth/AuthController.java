package com.quimbi.crm.gateway.auth;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * {@code /api/auth/*}: the SPA's login, token refresh and logout. Login and refresh are open; logout needs
 * a valid access token. Token responses are never cached.
 */
@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final AuthService auth;

    AuthController(AuthService auth) {
        this.auth = auth;
    }

    @PostMapping("/login")
    Mono<ResponseEntity<TokenResponse>> login(@Validated @RequestBody LoginRequest request) {
        return auth.login(request).map(AuthController::noStore);
    }

    @PostMapping("/refresh")
    Mono<ResponseEntity<TokenResponse>> refresh(@Validated @RequestBody RefreshTokenRequest request) {
        return auth.refresh(request).map(AuthController::noStore);
    }

    @PostMapping("/logout")
    Mono<ResponseEntity<Void>> logout(@AuthenticationPrincipal Jwt accessToken,
            @Validated @RequestBody RefreshTokenRequest request) {
        return auth.logout(accessToken, request).then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
    }

    private static ResponseEntity<TokenResponse> noStore(TokenResponse tokens) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(tokens);
    }
}
