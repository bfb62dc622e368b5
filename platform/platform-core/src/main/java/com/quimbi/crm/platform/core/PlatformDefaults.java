package com.quimbi.crm.platform.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Properties;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Platform modules ship their defaults as {@code META-INF/crm/defaults-*.properties}; this loads all of
 * them with the lowest precedence, so a service's application.yml and the environment always win and
 * the service's yml only holds what is specific to it.
 */
public class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "crmPlatformDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Properties merged = new Properties();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver(getClass().getClassLoader())
                    .getResources("classpath*:META-INF/crm/defaults-*.properties");
            Arrays.sort(resources, Comparator.comparing(Resource::getDescription));
            for (Resource resource : resources) {
                merged.putAll(PropertiesLoaderUtils.loadProperties(resource));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read platform defaults", e);
        }
        environment.getPropertySources().addLast(new PropertiesPropertySource(SOURCE_NAME, merged));
    }

    @Override
    public int getOrder() {
        // after config data has been loaded, so "addLast" really is the lowest precedence
        return Ordered.LOWEST_PRECEDENCE;
    }
}
