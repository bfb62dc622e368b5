package com.quimbi.crm.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class KeycloakRealmRolesTest {

    static Jwt token(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("u-1")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }

    @Test
    void realmRolesBecomeSpringRoles() {
        Jwt jwt = token(Map.of("realm_access", Map.of("roles", List.of("supervisor", "offline_access"))));

        assertThat(new KeycloakRealmRoles().convert(jwt)).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_supervisor", "ROLE_offline_access");
    }

    @Test
    void aTokenWithoutRealmRolesHasNone() {
        assertThat(new KeycloakRealmRoles().convert(token(Map.of("azp", "crm-console")))).isEmpty();
        assertThat(new KeycloakRealmRoles().convert(token(Map.of("realm_access", "oops")))).isEmpty();
    }

    @Test
    void theRoleHierarchyNestsAdminOverSupervisorOverAgent() {
        var hierarchy = SecurityAutoConfiguration.roleHierarchy();
        var reachable = hierarchy.getReachableGrantedAuthorities(
                List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_admin")));

        assertThat(reachable).extracting(GrantedAuthority::getAuthority)
                .contains("ROLE_admin", "ROLE_supervisor", "ROLE_agent");
    }
}
