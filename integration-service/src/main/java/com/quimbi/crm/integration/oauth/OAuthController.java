package com.quimbi.crm.integration.oauth;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.integration.shop.Shop;
import com.quimbi.crm.platform.problem.Problems;

import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The public app's OAuth endpoints. Both are reached by the merchant's browser (no JWT): the install only
 * starts a flow the merchant must approve in Shopify, the callback is authenticated by Shopify's hmac and our
 * single-use state.
 */
@RestController
class OAuthController {

    private final OAuthService oauth;

    OAuthController(OAuthService oauth) {
        this.oauth = oauth;
    }

    @GetMapping("/api/shopify/install")
    @SecurityRequirements
    ResponseEntity<Void> install(@RequestParam String shop) {
        return ResponseEntity.status(HttpStatus.FOUND).location(oauth.authorizeUrl(shop)).build();
    }

    @GetMapping("/api/shopify/oauth/callback")
    @SecurityRequirements
    Shop callback(HttpServletRequest request) {
        // the raw query: the hmac is over Shopify's parameters exactly as sent
        return oauth.callback(request.getQueryString());
    }

    @ExceptionHandler(OAuthRejectedException.class)
    ProblemDetail rejected(OAuthRejectedException e) {
        return Problems.of(e.status(), URI.create("about:blank"), e.status().getReasonPhrase(), e.getMessage());
    }
}
