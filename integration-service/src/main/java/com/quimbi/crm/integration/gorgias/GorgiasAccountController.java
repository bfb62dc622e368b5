package com.quimbi.crm.integration.gorgias;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.security.Roles;

import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/gorgias/accounts")
@PreAuthorize(Roles.IS_ADMIN)
class GorgiasAccountController {

    private final GorgiasAccountService accounts;

    GorgiasAccountController(GorgiasAccountService accounts) {
        this.accounts = accounts;
    }

    /** Connects (or updates) an account: the credentials are tried with {@code GET /api/account} first. */
    @PutMapping("/{domain}")
    GorgiasAccount connect(@PathVariable String domain, @Valid @RequestBody ConnectGorgiasRequest request) {
        return accounts.connect(domain, request);
    }

    @GetMapping
    List<GorgiasAccount> list() {
        return accounts.list();
    }

    @GetMapping("/{domain}")
    GorgiasAccount get(@PathVariable String domain) {
        return accounts.get(domain);
    }

    @DeleteMapping("/{domain}")
    ResponseEntity<Void> disconnect(@PathVariable String domain) {
        accounts.disconnect(domain);
        return ResponseEntity.noContent().build();
    }
}
