package com.quimbi.crm.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.platform.audit.AuditChanges.Change;

class AuditChangesTest {

    @Test
    void anUpdateKeepsOnlyTheFieldsThatChanged() {
        Map<String, Change> changes = AuditChanges.diff(Map.of("name", "Standard", "position", 1, "enabled", true),
                Map.of("name", "Gold", "position", 1, "enabled", true));

        assertThat(changes).containsOnlyKeys("name").containsEntry("name", new Change("Standard", "Gold"));
    }

    @Test
    void aCreateHasEveryFieldAfterAndADeleteEveryFieldBefore() {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("name", "Gold");
        policy.put("position", 2);
        policy.put("description", null);

        assertThat(AuditChanges.diff(null, policy)).containsOnlyKeys("name", "position")
                .containsEntry("position", new Change(null, 2));
        assertThat(AuditChanges.diff(policy, null)).containsOnlyKeys("name", "position")
                .containsEntry("name", new Change("Gold", null));
    }

    @Test
    void addedAndRemovedFieldsAndNestedValuesCount() {
        Map<String, Change> changes = AuditChanges.diff(
                Map.of("skills", List.of("billing"), "hours", Map.of("start", "09:00")),
                Map.of("skills", List.of("billing", "returns"), "hours", Map.of("start", "09:00"), "team", "vip"));

        assertThat(changes).containsOnlyKeys("skills", "team");
    }

    @Test
    void updatedAtAloneIsNoChange() {
        assertThat(AuditChanges.diff(Map.of("name", "A", "updatedAt", "2026-01-01T00:00:00Z"),
                Map.of("name", "A", "updatedAt", "2026-01-02T00:00:00Z"))).isEmpty();
    }

    @Test
    void secretValuesAreMaskedButTheirChangeIsRecorded() {
        Map<String, Change> changes = AuditChanges.diff(
                Map.of("botToken", "xoxb-old", "smtpPassword", "hunter2", "name", "ops"),
                Map.of("botToken", "xoxb-new", "smtpPassword", "hunter2", "name", "ops", "apiKey", "k-1"));

        assertThat(changes).containsOnlyKeys("botToken", "apiKey")
                .containsEntry("botToken", new Change("***", "***"))
                .containsEntry("apiKey", new Change(null, "***"));
        assertThat(changes.toString()).doesNotContain("xoxb", "k-1");
    }

    @Test
    void secretsInsideNestedValuesAreMaskedToo() {
        Map<String, Change> changes = AuditChanges.diff(Map.of("imap", Map.of("host", "a", "password", "p1")),
                Map.of("imap", Map.of("host", "b", "password", "p2")));

        assertThat(changes.get("imap")).isEqualTo(
                new Change(Map.of("host", "a", "password", "***"), Map.of("host", "b", "password", "***")));
    }

    @Test
    void secretLookingNamesAreRecognisedCaseInsensitivelyWithoutCatchingEveryKeyLikeWord() {
        assertThat(List.of("password", "PASSWORD", "clientSecret", "signing_secret", "accessToken", "TOKEN",
                "apiKey", "private_key", "key", "Credentials", "webhook-credential", "webhookUrl"))
                .allMatch(AuditChanges::isSecret);
        assertThat(List.of("keycloakId", "name", "monkeyCount", "keyboardLayout", "team"))
                .noneMatch(AuditChanges::isSecret);
    }
}
