package com.quimbi.crm.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class AuditControllerTest {

    @Test
    void theLimitIsAWholeNumberFromOneTo200DefaultFifty() {
        assertThat(AuditController.limit(null)).isEqualTo(50);
        assertThat(AuditController.limit(" 7 ")).isEqualTo(7);
        assertThat(AuditController.limit("200")).isEqualTo(200);
        assertThat(List.of("0", "201", "-1", "ten", "1.5")).allMatch(v -> AuditController.limit(v) == null);
    }

    @Test
    void onlyTheRealmRoleAdminReadsTheTrail() {
        assertThat(AuditController.isAdmin(token(List.of("agent", "supervisor", "admin")))).isTrue();
        assertThat(AuditController.isAdmin(token(List.of("agent", "supervisor")))).isFalse();
        assertThat(AuditController.isAdmin(Jwt.withTokenValue("t").header("alg", "none").subject("s").build())).isFalse();
        assertThat(AuditController.isAdmin(null)).isFalse();
    }

    static Jwt token(List<String> roles) {
        return Jwt.withTokenValue("t").header("alg", "none").subject("s").claim("realm_access", Map.of("roles", roles))
                .build();
    }
}
