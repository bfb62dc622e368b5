package com.quimbi.crm.agent.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
class WebConfig implements WebMvcConfigurer {

    /** Query parameters use the wire names of enums (?status=online), like JSON bodies do. */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverterFactory(new WireEnums());
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    static final class WireEnums implements ConverterFactory<String, Enum> {
        @Override
        public <T extends Enum> Converter<String, T> getConverter(Class<T> type) {
            return source -> {
                String value = source.strip();
                for (T constant : type.getEnumConstants()) {
                    if (constant.toString().equalsIgnoreCase(value) || constant.name().equalsIgnoreCase(value)) {
                        return constant;
                    }
                }
                throw new IllegalArgumentException("unknown value " + source);
            };
        }
    }
}
