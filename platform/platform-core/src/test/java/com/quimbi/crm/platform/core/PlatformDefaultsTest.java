package com.quimbi.crm.platform.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PlatformDefaultsTest {

    @Test
    void defaultsApplyButNeverOverrideTheService() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service",
                Map.of("spring.jpa.open-in-view", "true")));

        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("server.error.include-stacktrace")).isEqualTo("never");
        assertThat(environment.getProperty("spring.jpa.open-in-view")).isEqualTo("true");
        assertThat(environment.getPropertySources().stream().toList().getLast().getName())
                .isEqualTo(PlatformDefaults.SOURCE_NAME);
    }
}
