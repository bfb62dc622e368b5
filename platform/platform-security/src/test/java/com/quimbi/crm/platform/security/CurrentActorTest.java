package com.quimbi.crm.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

class CurrentActorTest {

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    static void signedInAs(String role) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("sub-1", null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role))));
    }

    @Test
    void anAdminHoldsEveryLowerRoleThroughTheHierarchy() {
        signedInAs(Roles.ADMIN);
        assertThat(CurrentActor.hasRole(Roles.ADMIN)).isTrue();
        assertThat(CurrentActor.hasRole(Roles.SUPERVISOR)).isTrue();
        assertThat(CurrentActor.hasRole(Roles.AGENT)).isTrue();
    }

    @Test
    void anAgentHoldsNoHigherRole() {
        signedInAs(Roles.AGENT);
        assertThat(CurrentActor.hasRole(Roles.AGENT)).isTrue();
        assertThat(CurrentActor.hasRole(Roles.SUPERVISOR)).isFalse();
        assertThat(CurrentActor.hasRole(Roles.ADMIN)).isFalse();
    }

    @Test
    void nobodySignedInHoldsNothing() {
        assertThat(CurrentActor.hasRole(Roles.AGENT)).isFalse();
    }
}
