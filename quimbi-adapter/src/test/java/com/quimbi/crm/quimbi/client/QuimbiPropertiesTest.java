package com.quimbi.crm.quimbi.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Start-up validation: a bad URL or a missing key with Quimbi enabled stops the service with a clear message. */
class QuimbiPropertiesTest {

    @Configuration
    @EnableConfigurationProperties(QuimbiProperties.class)
    static class Config {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void disabledNeedsNothing() {
        runner.withPropertyValues("crm.quimbi.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(QuimbiProperties.class).retry().maxAttempts()).isEqualTo(3);
        });
    }

    @Test
    void enabledWithoutAKeyFailsFastNamingTheVariable() {
        runner.withPropertyValues("crm.quimbi.enabled=true", "crm.quimbi.base-url=https://quimbi.example.com")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("QUIMBI_API_KEY"));
    }

    @Test
    void enabledWithARelativeOrNonHttpUrlFailsFast() {
        runner.withPropertyValues("crm.quimbi.enabled=true", "crm.quimbi.api-key=k", "crm.quimbi.base-url=quimbi.local")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("QUIMBI_BASE_URL"));
        runner.withPropertyValues("crm.quimbi.enabled=true", "crm.quimbi.api-key=k", "crm.quimbi.base-url=ftp://q.example")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("QUIMBI_BASE_URL"));
    }

    @Test
    void impossibleRetrySettingsFail() {
        runner.withPropertyValues("crm.quimbi.retry.max-attempts=0")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("max-attempts"));
    }

    @Test
    void aCompleteConfigurationBinds() {
        runner.withPropertyValues("crm.quimbi.enabled=true", "crm.quimbi.api-key=k",
                "crm.quimbi.base-url=https://quimbi.example.com", "crm.quimbi.read-timeout=750ms").run(context -> {
                    QuimbiProperties p = context.getBean(QuimbiProperties.class);
                    assertThat(p.readTimeout().toMillis()).isEqualTo(750);
                    assertThat(p.circuitBreaker().slidingWindowSize()).isEqualTo(20);
                });
    }
}
