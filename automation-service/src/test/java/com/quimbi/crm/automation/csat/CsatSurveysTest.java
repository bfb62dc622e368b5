package com.quimbi.crm.automation.csat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import com.quimbi.crm.automation.csat.internal.CsatStore;
import com.quimbi.crm.automation.csat.internal.CsatStore.SurveyRow;
import com.quimbi.crm.automation.csat.internal.CsatStore.TicketRow;
import com.quimbi.crm.automation.peers.PeerException;
import com.quimbi.crm.automation.peers.ServiceAccount;
import com.quimbi.crm.automation.peers.TicketDesk;
import com.quimbi.crm.contracts.automation.CsatRated;
import com.quimbi.crm.contracts.automation.CsatScale;
import com.quimbi.crm.contracts.ticket.TicketStatus;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;
import com.quimbi.crm.platform.problem.ConflictException;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The survey decisions with the store, ticket-service and the outbox mocked: when one is scheduled, why one is
 * skipped, what a peer's failure does, and what the signed link lets a customer do (rate, change, comment) or not
 * (tampered, expired, closed, another scale). (With Postgres, Kafka and the page over HTTP: CsatIT.)
 */
class CsatSurveysTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final String SECRET = "a-test-secret-of-some-length";

    CsatProperties properties = new CsatProperties(true, Duration.ofHours(2), CsatScale.ONE_TO_FIVE,
            Duration.ofDays(30), List.of("email"), List.of("spam"), Duration.ofDays(14), SECRET,
            "https://crm.example/", null, Duration.ofSeconds(45));
    CsatStore store = mock(CsatStore.class);
    TicketDesk desk = mock(TicketDesk.class);
    ServiceAccount account = mock(ServiceAccount.class);
    OutboxWriter outbox = mock(OutboxWriter.class);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    CsatSurveys surveys = new CsatSurveys(store, properties, desk, account, outbox, Clock.fixed(NOW, ZoneOffset.UTC),
            Optional.of(meters));
    CsatLinks links = new CsatLinks(SECRET);

    UUID ticketId = UUID.randomUUID();
    UUID customerId = UUID.randomUUID();
    UUID surveyId = UUID.randomUUID();

    @BeforeEach
    void setUp() {
        when(account.token()).thenReturn("service-token");
        when(store.ticketNumber(ticketId)).thenReturn("1017");
    }

    TicketRow ticket(String status, String channel, List<String> tags, boolean agentReplied) {
        TicketRow row = new TicketRow(ticketId, "1017", customerId, channel, status, tags, agentReplied, "agent-7");
        when(store.lockTicket(ticketId)).thenReturn(Optional.of(row));
        return row;
    }

    void dueSurvey() {
        when(store.takeNextDue(NOW)).thenReturn(Optional.of(survey("scheduled", "one_to_five", null, null, false)));
    }

    SurveyRow survey(String status, String scale, String rating, String comment, boolean closed) {
        return new SurveyRow(surveyId, ticketId, status, NOW, customerId, "agent-7", scale, NOW.minusSeconds(60),
                NOW.plus(Duration.ofDays(14)), null, rating, null, comment, null, closed);
    }

    SurveyRow sent(String scale, String rating, String comment, boolean closed) {
        SurveyRow row = survey("sent", scale, rating, comment, closed);
        when(store.lockSurvey(surveyId)).thenReturn(Optional.of(row));
        when(store.findSurvey(surveyId)).thenReturn(Optional.of(row));
        return row;
    }

    String link() {
        return links.token(surveyId, NOW.plus(Duration.ofDays(1)));
    }

    double counted(String outcome) {
        return meters.counter("crm_automation_csat_surveys", "outcome", outcome).count();
    }

    // --- scheduling

    @Test
    void solvingSchedulesAfterTheDelayReopeningUnschedulesClosingCloses() {
        ticket("open", "email", List.of(), true);
        Instant solvedAt = NOW.minusSeconds(30);

        surveys.statusChanged(ticketId, TicketStatus.SOLVED, solvedAt);
        verify(store).setStatus(ticketId, "solved");
        verify(store).schedule(any(UUID.class), eq(ticketId), eq(solvedAt.plus(Duration.ofHours(2))));

        surveys.statusChanged(ticketId, TicketStatus.OPEN, NOW);
        verify(store).unschedule(ticketId);

        surveys.statusChanged(ticketId, TicketStatus.CLOSED, NOW);
        verify(store).close(ticketId);
    }

    @Test
    void eventsOfATicketNeverSeenChangeNothing() {
        when(store.lockTicket(ticketId)).thenReturn(Optional.empty());

        surveys.statusChanged(ticketId, TicketStatus.SOLVED, NOW);
        surveys.agentReplied(ticketId, "agent-7");
        surveys.tagsChanged(ticketId, List.of("vip"));

        verify(store, never()).setStatus(any(), any());
        verify(store, never()).schedule(any(), any(), any());
        verify(store, never()).agentReplied(any(), any());
        verify(store, never()).setTags(any(), any());
    }

    @Test
    void theSurveysOwnMessageIsNoAgentReplyButAReplyBeforeItIs() {
        ticket("open", "email", List.of(), false);
        when(store.surveyOfTicket(ticketId)).thenReturn(Optional.empty());
        surveys.agentReplied(ticketId, "agent-7");
        verify(store).agentReplied(ticketId, "agent-7");

        when(store.surveyOfTicket(ticketId)).thenReturn(Optional.of(survey("sent", "one_to_five", null, null, false)));
        surveys.agentReplied(ticketId, "service-account");
        verify(store, never()).agentReplied(ticketId, "service-account");
    }

    @Test
    void ticketFactsAreKeptAndADeletedTicketTakesItsSurveyAlong() {
        surveys.ticketCreated(ticketId, "1017", customerId, "email", "new", List.of("order"));
        verify(store).upsertTicket(new TicketRow(ticketId, "1017", customerId, "email", "new", List.of("order"), false,
                null));

        ticket("open", "email", List.of("order"), false);
        surveys.tagsChanged(ticketId, List.of("spam"));
        verify(store).setTags(ticketId, List.of("spam"));

        surveys.deleted(ticketId);
        verify(store).unschedule(ticketId);
        verify(store).close(ticketId);
        verify(store).deleteTicket(ticketId);
    }

    // --- sending

    @Test
    void nothingDueIsNothingToDo() {
        when(store.takeNextDue(NOW)).thenReturn(Optional.empty());
        assertThat(surveys.sendNextDue()).isFalse();
    }

    @Test
    void aDueSurveyGoesOutAsAPublicMessageWithOneSignedLinkPerRating() {
        dueSurvey();
        ticket("solved", "email", List.of("order"), true);
        when(store.surveyedSince(customerId, NOW.minus(Duration.ofDays(30)))).thenReturn(false);

        assertThat(surveys.sendNextDue()).isTrue();

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> message = ArgumentCaptor.forClass(Map.class);
        verify(desk).addMessage(eq(ticketId), message.capture(), eq("service-token"), eq("csat:" + surveyId));
        assertThat(message.getValue()).containsEntry("internal", false).containsEntry("authorType", "agent");
        String body = (String) message.getValue().get("body");
        assertThat(body).startsWith("How did we do with your request 1017?").contains("5 - excellent: ")
                .contains("1 - very poor: ").contains("3: ");
        String link = body.lines().filter(line -> line.startsWith("4: ")).findFirst().orElseThrow().substring(3);
        assertThat(link).startsWith("https://crm.example/api/csat/").endsWith("?rating=4");
        String token = link.substring("https://crm.example/api/csat/".length(), link.indexOf('?'));
        assertThat(links.read(token)).contains(new CsatLinks.Claims(surveyId, NOW.plus(Duration.ofDays(14))));
        verify(store).sent(surveyId, customerId, "agent-7", "one_to_five", NOW, NOW.plus(Duration.ofDays(14)));
        assertThat(counted("sent")).isEqualTo(1);
    }

    @Test
    void eachReasonToSkipIsRecordedAndNothingIsSent() {
        Map<TicketRow, String> reasons = new java.util.LinkedHashMap<>();
        reasons.put(new TicketRow(ticketId, "1", customerId, "email", "open", List.of(), true, null), "ticket is open");
        reasons.put(new TicketRow(ticketId, "1", customerId, "chat", "solved", List.of(), true, null),
                "channel chat gets no survey");
        reasons.put(new TicketRow(ticketId, "1", customerId, "email", "solved", List.of("vip", "spam"), true, null),
                "tagged spam");
        reasons.put(new TicketRow(ticketId, "1", customerId, "email", "solved", List.of(), false, null),
                "solved without a public agent reply");
        reasons.put(new TicketRow(ticketId, "1", customerId, "email", "solved", List.of(), true, null),
                "customer already surveyed within PT720H");
        when(store.surveyedSince(customerId, NOW.minus(Duration.ofDays(30)))).thenReturn(true);

        reasons.forEach((ticket, reason) -> {
            dueSurvey();
            when(store.lockTicket(ticketId)).thenReturn(Optional.of(ticket));
            assertThat(surveys.sendNextDue()).isTrue();
            verify(store).skip(surveyId, reason);
        });
        verify(desk, never()).addMessage(any(), any(), any(), any());
        assertThat(counted("skipped")).isEqualTo(5);
    }

    @Test
    void aCustomerUnknownToTicketServiceIsNotCheckedForTheWindow() {
        dueSurvey();
        when(store.lockTicket(ticketId)).thenReturn(Optional.of(new TicketRow(ticketId, null, null, "email", "solved",
                List.of(), true, null)));

        surveys.sendNextDue();

        verify(store, never()).surveyedSince(any(), any());
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> message = ArgumentCaptor.forClass(Map.class);
        verify(desk).addMessage(eq(ticketId), message.capture(), anyString(), anyString());
        assertThat((String) message.getValue().get("body")).startsWith("How did we do with your request? ");
    }

    @Test
    void ticketServiceDownOrFailingPostponesTheSurvey() {
        ticket("solved", "email", List.of(), true);
        for (int status : new int[] { 0, 502, 429 }) {
            dueSurvey();
            doThrow(new PeerException("ticket-service", status, "no")).when(desk)
                    .addMessage(any(), any(), any(), any());
            assertThat(surveys.sendNextDue()).isTrue();
        }
        verify(store, org.mockito.Mockito.times(3)).postpone(surveyId, NOW.plus(Duration.ofSeconds(45)));
        verify(store, never()).sent(any(), any(), any(), any(), any(), any());
        verify(store, never()).skip(any(), any());
        assertThat(counted("retry")).isEqualTo(3);
    }

    @Test
    void keycloakDownPostponesTheSurveyToo() {
        dueSurvey();
        ticket("solved", "email", List.of(), true);
        when(account.token()).thenThrow(new PeerException("keycloak", 0, "connection refused"));

        surveys.sendNextDue();

        verify(store).postpone(surveyId, NOW.plus(Duration.ofSeconds(45)));
    }

    @Test
    void aRefusalByTicketServiceSkipsTheSurveyWithItsStatus() {
        dueSurvey();
        ticket("solved", "email", List.of(), true);
        doThrow(new PeerException("ticket-service", 409, "closed ticket")).when(desk)
                .addMessage(any(), any(), any(), any());

        surveys.sendNextDue();

        verify(store).skip(surveyId, "ticket-service refused the survey message (409)");
        verify(store, never()).postpone(any(), any());
        assertThat(counted("refused")).isEqualTo(1);
    }

    @Test
    void theGoodBadScaleAsksWithWords() {
        CsatProperties goodBad = new CsatProperties(true, null, CsatScale.GOOD_BAD, null, null, null, null, SECRET,
                null, null, null);
        CsatSurveys words = new CsatSurveys(store, goodBad, desk, account, outbox, Clock.fixed(NOW, ZoneOffset.UTC),
                Optional.empty());
        dueSurvey();
        ticket("solved", "email", List.of(), true);

        words.sendNextDue();

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> message = ArgumentCaptor.forClass(Map.class);
        verify(desk).addMessage(eq(ticketId), message.capture(), anyString(), anyString());
        assertThat((String) message.getValue().get("body"))
                .contains("Good, I'm satisfied: http://localhost:8080/api/csat/")
                .contains("?rating=good").contains("Bad, I'm unsatisfied: ").doesNotContain("?rating=5");
        verify(store).sent(eq(surveyId), eq(customerId), eq("agent-7"), eq("good_bad"), eq(NOW), any());
    }

    // --- rating through the link

    @Test
    void aFirstRatingIsStoredAndPublishedAChangeIsPublishedAsChanged() {
        sent("one_to_five", null, null, false);

        CsatSurveys.SurveyView view = surveys.rate(link(), " 4 ", null);

        assertThat(view.rating()).isEqualTo("4");
        assertThat(view.ticketNumber()).isEqualTo("1017");
        verify(store).rate(surveyId, "4", 4, null, NOW);
        ArgumentCaptor<CsatRated> rated = ArgumentCaptor.forClass(CsatRated.class);
        verify(outbox).append(eq(ticketId.toString()), eq(new Actor("customer", customerId.toString())),
                rated.capture());
        assertThat(rated.getValue().score()).isEqualTo(4);
        assertThat(rated.getValue().changed()).isFalse();
        assertThat(counted("rated")).isEqualTo(1);

        sent("one_to_five", "4", "slow", false);
        surveys.rate(link(), "2", null);
        verify(store).rate(surveyId, "2", 2, "slow", NOW);
        verify(outbox, org.mockito.Mockito.times(2)).append(any(), any(), rated.capture());
        assertThat(rated.getValue().changed()).isTrue();
        assertThat(rated.getValue().comment()).isEqualTo("slow");
        assertThat(counted("changed")).isEqualTo(1);
    }

    @Test
    void theSameRatingAndCommentAgainChangesAndPublishesNothing() {
        sent("good_bad", "good", "quick", false);

        CsatSurveys.SurveyView view = surveys.rate(link(), "GOOD", "quick");

        assertThat(view.rating()).isEqualTo("good");
        assertThat(view.comment()).isEqualTo("quick");
        verify(store, never()).rate(any(), any(), any(Integer.class), any(), any());
        verify(outbox, never()).append(any(), any(), any());
    }

    @Test
    void aBlankCommentClearsItAndACommentIsStripped() {
        sent("good_bad", "good", "quick", false);
        surveys.rate(link(), "good", "   ");
        verify(store).rate(surveyId, "good", 5, null, NOW);

        sent("good_bad", "good", null, false);
        surveys.rate(link(), "bad", "  too slow  ");
        verify(store).rate(surveyId, "bad", 1, "too slow", NOW);
    }

    @Test
    void aRatingOffTheScaleOrATooLongCommentIsRefused() {
        sent("good_bad", null, null, false);

        assertThatThrownBy(() -> surveys.rate(link(), "5", null)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo("rating"));
        assertThatThrownBy(() -> surveys.rate(link(), null, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> surveys.rate(link(), "good", "x".repeat(CsatSurveys.MAX_COMMENT + 1)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("comment"));
        verify(store, never()).rate(any(), any(), any(Integer.class), any(), any());
    }

    @Test
    void aClosedTicketsRatingCanBeSeenButNotChanged() {
        sent("one_to_five", "3", null, true);

        assertThat(surveys.view(link()).closed()).isTrue();
        assertThatThrownBy(() -> surveys.rate(link(), "5", null)).isInstanceOf(ConflictException.class);
        verify(outbox, never()).append(any(), any(), any());
    }

    @Test
    void aTamperedLinkOrOneOfASurveyNotSentIsNotFoundAnExpiredOneIsGone() {
        sent("one_to_five", null, null, false);
        String token = link();
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThatThrownBy(() -> surveys.view(tampered)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> surveys.rate("nonsense", "5", null)).isInstanceOf(NotFoundException.class);

        String expired = links.token(surveyId, NOW.minusSeconds(1));
        assertThatThrownBy(() -> surveys.view(expired)).isInstanceOfSatisfying(ErrorResponseException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.GONE));
        assertThatThrownBy(() -> surveys.rate(expired, "5", null)).isInstanceOf(ErrorResponseException.class);

        when(store.findSurvey(surveyId)).thenReturn(Optional.of(survey("skipped", "one_to_five", null, null, false)));
        assertThatThrownBy(() -> surveys.view(token)).isInstanceOf(NotFoundException.class);
        when(store.findSurvey(surveyId)).thenReturn(Optional.empty());
        assertThatThrownBy(() -> surveys.view(token)).isInstanceOf(NotFoundException.class);
        verify(store, never()).rate(any(), any(), any(Integer.class), any(), any());
    }

    @Test
    void anAnonymousCustomersRatingIsPublishedWithoutACustomerId() {
        SurveyRow anonymous = new SurveyRow(surveyId, ticketId, "sent", NOW, null, null, "one_to_five", NOW,
                NOW.plus(Duration.ofDays(1)), null, null, null, null, null, false);
        when(store.lockSurvey(surveyId)).thenReturn(Optional.of(anonymous));

        surveys.rate(link(), "5", "great");

        verify(outbox).append(eq(ticketId.toString()), eq(new Actor("customer", null)), any(CsatRated.class));
    }

    @Test
    void labelsNameTheEndsOfTheScale() {
        assertThat(CsatSurveys.label("5")).isEqualTo("5 - excellent");
        assertThat(CsatSurveys.label("1")).isEqualTo("1 - very poor");
        assertThat(CsatSurveys.label("2")).isEqualTo("2");
        assertThat(CsatSurveys.label("bad")).isEqualTo("Bad, I'm unsatisfied");
    }
}
