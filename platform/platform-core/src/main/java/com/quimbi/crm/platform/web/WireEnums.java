package com.quimbi.crm.platform.web;

import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.quimbi.crm.contracts.WireFormat;

/**
 * Query and path parameters use the same wire names as JSON ({@code ?status=on_hold}, {@link WireFormat#wireName}).
 * An unknown value is a type mismatch, which {@code ProblemHandler}
 * answers with a 400 naming the allowed values.
 */
public class WireEnums implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverterFactory(new ByWireName());
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    static final class ByWireName implements ConverterFactory<String, Enum> {
        @Override
        public <T extends Enum> Converter<String, T> getConverter(Class<T> type) {
            return source -> {
                String value = source.strip();
                for (T constant : type.getEnumConstants()) {
                    if (WireFormat.wireName(constant).equalsIgnoreCase(value) || constant.name().equalsIgnoreCase(value)) {
                        return constant;
                    }
                }
                throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + source + "'");
            };
        }
    }
}
