package com.quimbi.crm.integration.shop;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.security.Roles;

import jakarta.validation.Valid;

/** Connected shops (admin only): answers never carry a token or secret. */
@RestController
@RequestMapping("/api/shopify/shops")
@PreAuthorize(Roles.IS_ADMIN)
class ShopController {

    private final ShopService shops;

    ShopController(ShopService shops) {
        this.shops = shops;
    }

    /** Connects a custom app: the token is tried with one Admin API call before anything is stored. */
    @PutMapping("/{domain}")
    Shop connect(@PathVariable String domain, @Valid @RequestBody ConnectShopRequest request) {
        return shops.connectCustomApp(domain, request.accessToken(), request.apiSecret());
    }

    @GetMapping
    List<Shop> list() {
        return shops.list();
    }

    @GetMapping("/{domain}")
    Shop get(@PathVariable String domain) {
        return shops.get(domain);
    }
}
