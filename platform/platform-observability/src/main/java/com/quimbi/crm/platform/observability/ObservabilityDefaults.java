package com.quimbi.crm.platform.observability;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.util.ClassUtils;

/**
 * Loads {@code defaults-observability.properties} with the lowest precedence in an application without
 * platform-core (the gateway: WebFlux, no servlet platform), where {@code PlatformDefaults} is absent and
 * would otherwise load it with every other module's defaults.
 */
public class ObservabilityDefaults implements EnvironmentPostProcessor, Ordered {

    static final String PLATFORM_DEFAULTS = "com.quimbi.crm.platform.core.PlatformDefaults";
    static final String RESOURCE = "META-INF/crm/defaults-observability.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (ClassUtils.isPresent(PLATFORM_DEFAULTS, getClass().getClassLoader())) {
            return;
        }
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("crmObservabilityDefaults",
                    new ClassPathResource(RESOURCE, getClass().getClassLoader())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
