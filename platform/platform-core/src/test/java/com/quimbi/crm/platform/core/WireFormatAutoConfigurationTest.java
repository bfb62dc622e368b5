package com.quimbi.crm.platform.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import tools.jackson.databind.json.JsonMapper;

class WireFormatAutoConfigurationTest {

    enum HoldReason {
        WAITING_ON_CUSTOMER
    }

    @Test
    void everyServicesJsonMapperWritesEnumsAsTheirLowerCaseName() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CoreAutoConfiguration.class))
                // a service gets it from the platform defaults (META-INF/crm), which a context runner does not load
                .withPropertyValues("crm.web.max-request-bytes=1048576")
                .run(context -> {
                    JsonMapper json = context.getBean(JsonMapper.class);
                    assertThat(json.writeValueAsString(HoldReason.WAITING_ON_CUSTOMER)).isEqualTo("\"waiting_on_customer\"");
                    assertThat(json.readValue("\"waiting_on_customer\"", HoldReason.class))
                            .isEqualTo(HoldReason.WAITING_ON_CUSTOMER);
                });
    }
}
