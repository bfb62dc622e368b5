package com.quimbi.crm.integration.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MailThreadsTest {

    private static final List<String> OURS = List.of("support@shop.test");

    @Test
    void aPlusAddressOfOurOwnMailboxCarriesTheThreadToken() {
        String token = MailThreads.newToken();

        assertThat(token).matches("[0-9a-f]{32}");
        assertThat(MailThreads.plusToken("Support+" + token + "@Shop.test", OURS)).isEqualTo(token);
        // someone else's mailbox, a token we never issue, no plus part, a plus in the domain
        assertThat(MailThreads.plusToken("sales+" + token + "@shop.test", OURS)).isNull();
        assertThat(MailThreads.plusToken("support+orders@shop.test", OURS)).isNull();
        assertThat(MailThreads.plusToken("support@shop.test", OURS)).isNull();
        assertThat(MailThreads.plusToken("+" + token + "@shop.test", OURS)).isNull();
        assertThat(MailThreads.plusToken("support@shop+" + token + ".test", OURS)).isNull();
        assertThat(MailThreads.newMessageId("shop.test")).matches("<crm\\.[0-9a-f]{32}@shop\\.test>");
    }
}
