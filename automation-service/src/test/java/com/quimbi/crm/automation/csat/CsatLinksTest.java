package com.quimbi.crm.automation.csat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.contracts.automation.CsatScale;

class CsatLinksTest {

    final CsatLinks links = new CsatLinks("a-test-secret-of-some-length");

    @Test
    void aTokenCarriesItsSurveyAndExpiryUnderItsMac() {
        UUID survey = UUID.randomUUID();
        Instant expires = Instant.parse("2027-01-01T00:00:00Z");
        String token = links.token(survey, expires);

        assertThat(token).matches("[0-9a-f-]{36}\\.\\d+\\.[A-Za-z0-9_-]{43}");
        assertThat(links.read(token)).contains(new CsatLinks.Claims(survey, expires));
    }

    @Test
    void anythingChangedOrMadeWithAnotherKeyIsNoToken() {
        UUID survey = UUID.randomUUID();
        String token = links.token(survey, Instant.parse("2027-01-01T00:00:00Z"));
        String[] parts = token.split("\\.");

        assertThat(links.read(parts[0] + "." + (Long.parseLong(parts[1]) + 1) + "." + parts[2])).isEmpty();
        assertThat(links.read(UUID.randomUUID() + "." + parts[1] + "." + parts[2])).isEmpty();
        assertThat(links.read(new CsatLinks("another-secret-entirely").token(survey, Instant.now()))).isEmpty();
        assertThat(links.read("not-a-token")).isEmpty();
        assertThat(links.read(null)).isEmpty();
        assertThat(links.read("a.b.c")).isEmpty();
        assertThatThrownBy(() -> new CsatLinks("short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scalesRatingsAndScores() {
        assertThat(CsatSurveys.ratings(CsatScale.GOOD_BAD)).containsExactly("good", "bad");
        assertThat(CsatSurveys.ratings(CsatScale.ONE_TO_FIVE)).containsExactly("5", "4", "3", "2", "1");
        assertThat(CsatSurveys.score("good")).isEqualTo(5);
        assertThat(CsatSurveys.score("bad")).isEqualTo(1);
        assertThat(CsatSurveys.score("3")).isEqualTo(3);
    }

    @Test
    void thePageEscapesWhatTheCustomerWroteAndOffersNoChangeOnceClosed() {
        String open = CsatPage.render(new CsatSurveys.SurveyView("t", CsatScale.GOOD_BAD, "#<1017>", "bad",
                "</textarea><script>x()</script>", false), true);
        assertThat(open).contains("Thank you").contains("request #&lt;1017&gt;").contains("href=\"?rating=good\"")
                .contains("&lt;/textarea&gt;&lt;script&gt;").doesNotContain("<script>")
                .contains("name=\"rating\" value=\"bad\"");

        String unrated = CsatPage.render(new CsatSurveys.SurveyView("t", CsatScale.ONE_TO_FIVE, null, null, null,
                false), false);
        assertThat(unrated).contains("How did we do?").contains("your request.").contains("?rating=1")
                .doesNotContain("<form");

        String closed = CsatPage.render(new CsatSurveys.SurveyView("t", CsatScale.ONE_TO_FIVE, "9", "5", null, true),
                false);
        assertThat(closed).contains("Your rating").contains("closed").doesNotContain("?rating=").doesNotContain("<form");
    }
}
