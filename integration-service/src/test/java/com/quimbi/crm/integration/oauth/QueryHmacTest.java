package com.quimbi.crm.integration.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class QueryHmacTest {

    /** Shopify's published example (Shopify dev docs, "Verify a request" for OAuth). */
    static final String PUBLISHED = "code=0907a61c0c8d55e99db179b68161bc00&hmac=700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf"
            + "&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173";

    @Test
    void shopifysPublishedExampleVerifies() {
        Map<String, List<String>> params = QueryHmac.parse(PUBLISHED);
        assertThat(QueryHmac.message(params)).isEqualTo(
                "code=0907a61c0c8d55e99db179b68161bc00&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173");
        assertThat(QueryHmac.sign("hush", params)).isEqualTo("700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf");
        assertThat(QueryHmac.verify("hush", params)).isTrue();
    }

    @Test
    void anyChangeOrAnotherSecretFails() {
        assertThat(QueryHmac.verify("hush!", QueryHmac.parse(PUBLISHED))).isFalse();
        assertThat(QueryHmac.verify("hush", QueryHmac.parse(PUBLISHED.replace("1337178173", "1337178174")))).isFalse();
        assertThat(QueryHmac.verify("hush", QueryHmac.parse(PUBLISHED.replace("some-shop", "other-shop")))).isFalse();
        assertThat(QueryHmac.verify("hush", QueryHmac.parse(PUBLISHED.replaceAll("&hmac=[0-9a-f]+", "")))).isFalse();
        // two hmac parameters: refused, whichever is right
        assertThat(QueryHmac.verify("hush", QueryHmac.parse(PUBLISHED + "&hmac=00"))).isFalse();
    }

    @Test
    void orderOfTheQueryAndTheSignatureParameterDoNotMatter() {
        String reordered = "timestamp=1337178173&state=0.6784241404160823&signature=abc&shop=some-shop.myshopify.com"
                + "&hmac=700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf&code=0907a61c0c8d55e99db179b68161bc00";
        assertThat(QueryHmac.verify("hush", QueryHmac.parse(reordered))).isTrue();
    }

    @Test
    void repeatedKeysAreJoinedWithCommasInTheirOrder() {
        Map<String, List<String>> params = QueryHmac.parse("shop=a.myshopify.com&ids[]=2&ids[]=1&timestamp=1");
        assertThat(QueryHmac.message(params)).isEqualTo("ids[]=2,1&shop=a.myshopify.com&timestamp=1");
    }

    @Test
    void valuesAreDecodedThenReEncodedTheShopifyWay() {
        // %26 (&) and %25 (%) stay encoded, + and %20 become a space, = is escaped in keys only
        Map<String, List<String>> params = QueryHmac.parse("a%3Db=x%3Dy&note=fish+%26+chips%2520&shop=a.myshopify.com");
        assertThat(QueryHmac.message(params)).isEqualTo("a%3Db=x=y&note=fish %26 chips%2520&shop=a.myshopify.com");
        String signed = "a%3Db=x%3Dy&note=fish+%26+chips%2520&shop=a.myshopify.com&hmac=" + QueryHmac.sign("s", params);
        assertThat(QueryHmac.verify("s", QueryHmac.parse(signed))).isTrue();
    }

    @Test
    void emptyPairsAndBrokenPercentEncodingAreToleratedButNeverVerify() {
        assertThat(QueryHmac.parse(null)).isEmpty();
        assertThat(QueryHmac.parse("")).isEmpty();
        Map<String, List<String>> params = QueryHmac.parse("&&shop=a.myshopify.com&bad=%zz&flag&hmac=00");
        assertThat(params.get("bad")).containsExactly("%zz");
        assertThat(params).containsKey("flag").doesNotContainKey("");
        assertThat(QueryHmac.verify("hush", params)).isFalse();
    }
}
