package com.quimbi.crm.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.http.MockHttpInputMessage;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

class StrictRequestBodiesTest {

    record Conditions(List<String> priorities) {
    }

    record Policy(String name, Boolean enabled, Conditions conditions, Map<String, Object> metadata) {
    }

    /** Like Boot's application mapper: unknown properties are ignored (Jackson 3's default too). */
    private final JsonMapper app = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final JacksonJsonHttpMessageConverter server = serverConverter(new StrictRequestBodies(app));

    @Test
    void aDeclaredBodyIsRead() throws Exception {
        Policy policy = read("""
                {"name":"VIP","enabled":false,"conditions":{"priorities":["high"]},"metadata":{"anything":1}}""");

        assertThat(policy.enabled()).isFalse();
        assertThat(policy.metadata()).containsEntry("anything", 1);
    }

    @Test
    void textThatCannotBeStoredIsRefusedWithTheFieldAndWhyButAPairedSurrogateIsFine() throws Exception {
        assertThatThrownBy(() -> read("{\"name\":\"V\\u0000IP\"}")).cause()
                .isInstanceOfSatisfying(StorableText.UnstorableTextException.class, e -> {
                    assertThat(e.getPath().getFirst().getPropertyName()).isEqualTo("name");
                    assertThat(e.reason()).contains("NUL");
                });
        assertThatThrownBy(() -> read("{\"name\":\"VIP\",\"conditions\":{\"priorities\":[\"\\ud800x\"]}}")).cause()
                .isInstanceOfSatisfying(StorableText.UnstorableTextException.class, e -> {
                    assertThat(e.getPath().stream().map(ref -> ref.getPropertyName()).toList())
                            .containsExactly("conditions", "priorities", null);
                    assertThat(e.reason()).contains("unpaired");
                });
        assertThatThrownBy(() -> read("{\"name\":\"\\udc00\"}")).cause()
                .isInstanceOf(StorableText.UnstorableTextException.class);

        assertThat(read("{\"name\":\"VIP \\ud83d\\ude00 \u00e9\"}").name()).isEqualTo("VIP \uD83D\uDE00 \u00e9");
        assertThatThrownBy(() -> read("{\"name\":42}")).cause()
                .isInstanceOfSatisfying(StorableText.UnstorableTextException.class,
                        e -> assertThat(e.reason()).isEqualTo("must be a string, not a number"));
        assertThatThrownBy(() -> read("{\"name\":true}")).cause().isInstanceOf(StorableText.UnstorableTextException.class);
        assertThat(read("{\"name\":null}").name()).isNull();
    }

    @Test
    void anUnknownPropertyIsRefusedWithItsName() {
        assertThatThrownBy(() -> read("{\"name\":\"VIP\",\"enable\":false}"))
                .isInstanceOf(HttpMessageNotReadableException.class)
                .cause().isInstanceOfSatisfying(UnrecognizedPropertyException.class,
                        e -> assertThat(e.getPropertyName()).isEqualTo("enable"));
    }

    @Test
    void aNestedUnknownPropertyCarriesItsPath() {
        assertThatThrownBy(() -> read("{\"name\":\"VIP\",\"conditions\":{\"priority\":[\"high\"]}}"))
                .cause().isInstanceOfSatisfying(UnrecognizedPropertyException.class, e -> assertThat(
                        e.getPath().stream().map(ref -> ref.getPropertyName()).toList())
                        .containsExactly("conditions", "priority"));
    }

    @Test
    void theApplicationMapperStaysLenientForEventsAndClientAnswers() {
        Policy policy = app.readValue("{\"name\":\"VIP\",\"addedLater\":true}", Policy.class);

        assertThat(policy.name()).isEqualTo("VIP");
    }

    private Policy read(String json) throws Exception {
        return (Policy) server.read(ResolvableType.forClass(Policy.class),
                new MockHttpInputMessage(json.getBytes()) {
                    {
                        getHeaders().setContentType(MediaType.APPLICATION_JSON);
                    }
                }, null);
    }

    private static JacksonJsonHttpMessageConverter serverConverter(StrictRequestBodies customizer) {
        HttpMessageConverters.ServerBuilder builder = HttpMessageConverters.forServer();
        customizer.customize(builder);
        for (HttpMessageConverter<?> converter : builder.build()) {
            if (converter instanceof JacksonJsonHttpMessageConverter json) {
                assertThat(json.getMapper().isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isTrue();
                return json;
            }
        }
        throw new AssertionError("no JSON converter");
    }
}
