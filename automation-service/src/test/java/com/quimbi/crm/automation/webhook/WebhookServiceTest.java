package com.quimbi.crm.automation.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.quimbi.crm.automation.webhook.internal.WebhookStore;
import com.quimbi.crm.automation.webhook.internal.WebhookStore.DeliveryRow;
import com.quimbi.crm.automation.webhook.internal.WebhookStore.EndpointRow;
import com.quimbi.crm.platform.audit.AuditTrail;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.platform.problem.ProblemHandler.FieldError;

/**
 * Endpoint management with the store mocked: what is refused as input, what enabling, disabling and a secret
 * rotation write, the sealed secret, and unknown endpoints and deliveries as 404s.
 */
class WebhookServiceTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    WebhookProperties properties = new WebhookProperties(WebhookSenderTest.KEY, null, true, null, 0, null, null, 0,
            Duration.ofHours(6), null, null);
    WebhookSecrets secrets = new WebhookSecrets(properties);
    WebhookStore store = mock(WebhookStore.class);
    AuditTrail audit = mock(AuditTrail.class);
    WebhookService service = new WebhookService(store, secrets, audit, properties, Clock.fixed(NOW, ZoneOffset.UTC));

    EndpointRow stored(boolean enabled, int streak, String reason) {
        EndpointRow row = new EndpointRow(UUID.randomUUID(), "Shop", "https://shop.example/hook",
                List.of("ticket.created"), secrets.box().encrypt("whsec_old"), null, null, enabled, streak, reason,
                NOW.minusSeconds(3600), NOW.minusSeconds(3600));
        when(store.find(row.id())).thenReturn(Optional.of(row));
        return row;
    }

    static WebhookEndpointRequest request(String url, Boolean enabled, String... events) {
        return new WebhookEndpointRequest(" Shop ", " " + url + " ", Arrays.asList(events), enabled);
    }

    @Test
    void createSealsANewSecretShowsItOnceAndAuditsWithoutIt() {
        WebhookEndpoint created = service.create(request("https://shop.example/hook", null, "ticket.created",
                "csat.rated", "ticket.created"));

        ArgumentCaptor<EndpointRow> row = ArgumentCaptor.forClass(EndpointRow.class);
        verify(store).insert(row.capture());
        assertThat(created.secret()).startsWith("whsec_");
        assertThat(row.getValue().secretSealed()).doesNotContain(created.secret());
        assertThat(secrets.box().decrypt(row.getValue().secretSealed())).isEqualTo(created.secret());
        assertThat(row.getValue().name()).isEqualTo("Shop");
        assertThat(row.getValue().url()).isEqualTo("https://shop.example/hook");
        assertThat(row.getValue().events()).containsExactly("ticket.created", "csat.rated");
        assertThat(row.getValue().enabled()).isTrue();
        ArgumentCaptor<Object> audited = ArgumentCaptor.forClass(Object.class);
        verify(audit).record(eq("webhook.created"), eq("webhook"), eq(row.getValue().id()), isNull(),
                audited.capture());
        assertThat(((WebhookEndpoint) audited.getValue()).secret()).isNull();
    }

    @Test
    void aUrlThatIsNotHttpAndUnknownEventsAreOneProblemNamingEach() {
        for (String url : List.of("ftp://shop.example/hook", "/relative/hook", "http:///no-host", "http://exa mple")) {
            assertThatThrownBy(() -> service.create(request(url, true, "ticket.created")))
                    .as(url).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> service.create(request("mailto:a@b", true, "ticket.created", "ticket.exploded",
                "ticket.exploded", null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("url", "events", "events"));
        verify(store, never()).insert(any());
    }

    @Test
    void disablingKeepsTheStreakAndReasonEnablingAgainClearsBoth() {
        EndpointRow disabled = stored(false, 50, "disabled after 50 failed attempts in a row (last: HTTP 500)");

        WebhookEndpoint stillDisabled = service.update(disabled.id(), request("https://shop.example/v2", false,
                "ticket.solved"));
        assertThat(stillDisabled.enabled()).isFalse();
        assertThat(stillDisabled.failureStreak()).isEqualTo(50);
        assertThat(stillDisabled.disabledReason()).startsWith("disabled after 50");
        assertThat(stillDisabled.url()).isEqualTo("https://shop.example/v2");

        WebhookEndpoint enabled = service.update(disabled.id(), request("https://shop.example/v2", true,
                "ticket.solved"));
        assertThat(enabled.enabled()).isTrue();
        assertThat(enabled.failureStreak()).isZero();
        assertThat(enabled.disabledReason()).isNull();
        assertThat(enabled.updatedAt()).isEqualTo(NOW);
        verify(audit, org.mockito.Mockito.times(2)).record(eq("webhook.updated"), eq("webhook"), eq(disabled.id()),
                any(), any());
    }

    @Test
    void anEnabledEndpointUpdatedKeepsItsStreak() {
        EndpointRow failing = stored(true, 7, null);

        assertThat(service.update(failing.id(), request("https://shop.example/hook", null, "ticket.created"))
                .failureStreak()).isEqualTo(7);
    }

    @Test
    void rotationSealsANewSecretAndKeepsThePreviousOneForTheOverlap() {
        EndpointRow before = stored(true, 0, null);

        WebhookEndpoint rotated = service.rotateSecret(before.id());

        ArgumentCaptor<EndpointRow> row = ArgumentCaptor.forClass(EndpointRow.class);
        verify(store).update(row.capture());
        assertThat(rotated.secret()).startsWith("whsec_").isNotEqualTo("whsec_old");
        assertThat(secrets.box().decrypt(row.getValue().secretSealed())).isEqualTo(rotated.secret());
        assertThat(row.getValue().previousSecretSealed()).isEqualTo(before.secretSealed());
        assertThat(row.getValue().previousUntil()).isEqualTo(NOW.plus(Duration.ofHours(6)));
        assertThat(rotated.previousSecretValidUntil()).isEqualTo(NOW.plus(Duration.ofHours(6)));
        verify(audit).record("webhook.secret_rotated", "webhook", before.id(), null, null);
    }

    @Test
    void deleteAuditsWhatWasThere() {
        EndpointRow row = stored(true, 0, null);

        service.delete(row.id());

        verify(store).delete(row.id());
        verify(audit).record(eq("webhook.deleted"), eq("webhook"), eq(row.id()), any(WebhookEndpoint.class),
                isNull());
    }

    @Test
    void theDeliveryLogAndRedeliveryOfUnknownEndpointsOrDeliveriesAre404s() {
        UUID unknown = UUID.randomUUID();
        when(store.find(unknown)).thenReturn(Optional.empty());
        assertThatThrownBy(() -> service.get(unknown)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.deliveries(unknown)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.rotateSecret(unknown)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.redeliver(unknown, UUID.randomUUID())).isInstanceOf(NotFoundException.class);

        EndpointRow row = stored(true, 0, null);
        UUID otherDelivery = UUID.randomUUID();
        when(store.redeliver(row.id(), otherDelivery, NOW)).thenReturn(false);
        assertThatThrownBy(() -> service.redeliver(row.id(), otherDelivery)).isInstanceOf(NotFoundException.class);

        UUID delivery = UUID.randomUUID();
        when(store.redeliver(row.id(), delivery, NOW)).thenReturn(true);
        service.redeliver(row.id(), delivery);
        verify(store).redeliver(row.id(), delivery, NOW);
    }

    @Test
    void theDeliveryLogShowsEachAttemptsOutcome() {
        EndpointRow row = stored(true, 0, null);
        DeliveryRow failed = new DeliveryRow(UUID.randomUUID(), row.id(), UUID.randomUUID(), "ticket.created", "{}",
                "failed", 8, null, 500, "HTTP 500", NOW.minusSeconds(60), NOW);
        when(store.deliveries(row.id(), WebhookService.LOG_LIMIT)).thenReturn(List.of(failed));
        when(store.all()).thenReturn(List.of(row));

        assertThat(service.deliveries(row.id())).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo("failed");
            assertThat(d.attempts()).isEqualTo(8);
            assertThat(d.lastError()).isEqualTo("HTTP 500");
        });
        assertThat(service.list()).extracting(WebhookEndpoint::id).containsExactly(row.id());
        assertThat(service.get(row.id()).secret()).isNull();
    }
}
