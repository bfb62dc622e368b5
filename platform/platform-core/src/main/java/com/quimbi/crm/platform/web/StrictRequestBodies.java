package com.quimbi.crm.platform.web;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverters.ServerBuilder;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * JSON request bodies are strict: a property the request type does not declare ({@code "internel": true},
 * {@code "priorty"}) is a 400 naming it, instead of being dropped while the rest of the write goes ahead. Only the
 * server side of Spring MVC gets the strict reader: the application's {@link JsonMapper} bean, which reads
 * consumed events and the answers of HTTP clients (Keycloak, Quimbi), keeps ignoring what it does not know, so a
 * producer or a partner can add a field without breaking us. {@code Map} properties ({@code metadata}) stay open.
 * <p>
 * Boot registers its JSON converter customizer with order 0; this one runs after it and replaces the server's
 * converter with one over a copy of the same mapper (same modules, inclusion and naming), made strict. Strings it
 * could not store as sent (a NUL character, an unpaired surrogate) are refused too ({@link StorableText}).
 */
public class StrictRequestBodies implements ServerHttpMessageConvertersCustomizer, Ordered {

    private final JsonMapper strict;

    public StrictRequestBodies(JsonMapper json) {
        this.strict = json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(new SimpleModule("storable-text").addDeserializer(String.class, new StorableText())).build();
    }

    @Override
    public void customize(ServerBuilder builder) {
        builder.withJsonConverter(new JacksonJsonHttpMessageConverter(strict));
    }

    @Override
    public int getOrder() {
        return 10;
    }
}
