package com.quimbi.crm.notification.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void findsUsernamesNotEmailAddresses() {
        assertThat(Mentions.in("@alex.agent can you look? cc @Sara.Supervisor. Customer wrote from bob@example.com"))
                .containsExactly("alex.agent", "sara.supervisor");
        assertThat(Mentions.in("no mentions here, just mail: a@b.c")).isEmpty();
        assertThat(Mentions.in("(@alex.agent)")).containsExactly("alex.agent");
        assertThat(Mentions.in(null)).isEmpty();
    }
}
