package com.quimbi.crm.agent.agent;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.quimbi.crm.agent.keycloak.KeycloakAdminClient;

import jakarta.annotation.PreDestroy;
import tools.jackson.databind.JsonNode;

/**
 * Gives existing Keycloak users a profile: the usernames in {@code crm.agent.bootstrap-usernames} (the
 * realm's demo users in the local stack; empty elsewhere). Runs after start-up, in the background and with
 * retries, so a Keycloak that is still starting never blocks or fails the service. Users that already have a
 * profile are left alone, so it is safe on every start.
 */
@Component
class ProfileBootstrap {

    private static final Logger log = LoggerFactory.getLogger(ProfileBootstrap.class);
    private static final int ATTEMPTS = 20;

    private final AgentService agents;
    private final KeycloakAdminClient keycloak;
    private final List<String> usernames;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("profile-bootstrap").factory());

    ProfileBootstrap(AgentService agents, KeycloakAdminClient keycloak,
            @Value("${crm.agent.bootstrap-usernames:}") List<String> usernames) {
        this.agents = agents;
        this.keycloak = keycloak;
        this.usernames = usernames.stream().map(String::strip).filter(u -> !u.isEmpty()).toList();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!usernames.isEmpty()) {
            scheduler.execute(() -> run(1));
        }
    }

    private void run(int attempt) {
        try {
            usernames.forEach(this::importUser);
        } catch (RuntimeException e) {
            if (attempt >= ATTEMPTS) {
                log.error("Could not give {} a profile after {} attempts", usernames, attempt, e);
                return;
            }
            log.info("Profiles of {} not imported yet ({}); retrying", usernames, e.getMessage());
            scheduler.schedule(() -> run(attempt + 1), Duration.ofSeconds(Math.min(30, 2L * attempt)).toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void importUser(String username) {
        Optional<JsonNode> user = keycloak.findByUsername(username.toLowerCase(Locale.ROOT));
        if (user.isEmpty()) {
            log.warn("No Keycloak user {}: no profile imported", username);
            return;
        }
        UUID id = UUID.fromString(user.get().path("id").asString());
        Set<String> roles = keycloak.realmRoles(id);
        AgentRole role = roles.contains("admin") ? AgentRole.ADMIN
                : roles.contains("supervisor") ? AgentRole.SUPERVISOR : AgentRole.AGENT;
        if (agents.importExisting(id, user.get().path("username").asString(), user.get().path("email").asString(),
                user.get().path("firstName").asString(username), user.get().path("lastName").asString(username), role)) {
            log.info("Imported Keycloak user {} as {} {}", username, role, id);
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
