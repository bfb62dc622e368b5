package com.quimbi.crm.automation.csat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.quimbi.crm.contracts.automation.CsatScale;

/**
 * The survey page's answers with the surveys mocked: a plain visit only shows, a rating link records, the form
 * records with its comment; every answer is HTML that is never cached, indexed or sent on as a Referer. And the
 * sender polls the surveys.
 */
class CsatPageControllerTest {

    CsatSurveys surveys = mock(CsatSurveys.class);
    CsatPageController controller = new CsatPageController(surveys);
    CsatSurveys.SurveyView unrated = new CsatSurveys.SurveyView("tok", CsatScale.ONE_TO_FIVE, "#1017", null, null,
            false);
    CsatSurveys.SurveyView rated = new CsatSurveys.SurveyView("tok", CsatScale.ONE_TO_FIVE, "#1017", "4", "quick",
            false);

    static void privateHtml(ResponseEntity<String> page) {
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getHeaders().getContentType()).isEqualTo(new MediaType(MediaType.TEXT_HTML,
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(page.getHeaders().getCacheControl()).isEqualTo("no-store");
        assertThat(page.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.getHeaders().getFirst("X-Robots-Tag")).isEqualTo("noindex");
        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'none'");
    }

    @Test
    void aVisitShowsTheSurveyWithoutRating() {
        when(surveys.view("tok")).thenReturn(unrated);

        ResponseEntity<String> page = controller.page("tok", null);

        privateHtml(page);
        assertThat(page.getBody()).contains("How did we do?").doesNotContain("<form");
        verify(surveys, never()).rate(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any(),
                org.mockito.ArgumentMatchers.any());
    }

    @Test
    void aRatingLinkRecordsKeepingTheCommentAndTheFormRecordsItsComment() {
        when(surveys.rate("tok", "4", null)).thenReturn(rated);
        when(surveys.rate("tok", "4", "quick")).thenReturn(rated);

        ResponseEntity<String> clicked = controller.page("tok", "4");
        ResponseEntity<String> submitted = controller.submit("tok", "4", "quick");

        privateHtml(clicked);
        privateHtml(submitted);
        assertThat(clicked.getBody()).contains("Thank you").contains("<form");
        verify(surveys).rate("tok", "4", null);
        verify(surveys).rate("tok", "4", "quick");
    }

    @Test
    void theSenderPollsTheDueSurveys() {
        CsatSender sender = new CsatSender(surveys, new CsatProperties(true, null, null, null, null, null, null,
                CsatSurveysTest.SECRET, null, Duration.ofMillis(20), null));
        sender.start();
        try {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> verify(surveys, atLeastOnce()).sendNextDue());
        } finally {
            sender.stop();
        }
    }
}
