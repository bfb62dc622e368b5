package com.quimbi.crm.integration.shop;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A custom app's Admin API access token and API secret (the webhook signing key). */
public record ConnectShopRequest(@NotBlank @Size(max = 255) String accessToken, @NotBlank @Size(max = 255) String apiSecret) {

    @Override
    public String toString() {
        return "ConnectShopRequest[credentials hidden]";
    }
}
