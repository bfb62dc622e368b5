package com.quimbi.crm.integration.gorgias;

/** One account's REST credentials, opened for a call; {@link #toString()} never shows the key. */
public record GorgiasCredentials(String domain, String email, String apiKey) {

    @Override
    public String toString() {
        return "GorgiasCredentials[" + domain + ", key hidden]";
    }
}
