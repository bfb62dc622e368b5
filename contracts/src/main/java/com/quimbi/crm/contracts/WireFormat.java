package com.quimbi.crm.contracts;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import tools.jackson.core.Version;
import tools.jackson.databind.EnumNamingStrategy;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;
import tools.jackson.databind.module.SimpleModule;

/**
 * How our JSON spells enums, once for every mapper: a constant is its lower-case name ({@code ON_HOLD} is
 * {@code "on_hold"}), read back in exactly that form; anything else fails with a Jackson exception that lists
 * the accepted values. Explicit Jackson annotations win ({@code @JsonProperty} on a constant, {@code @JsonValue},
 * {@code @JsonCreator}, {@code @EnumNaming}): this module only supplies the default.
 */
public final class WireFormat {

    private WireFormat() {
    }

    public static SimpleModule module() {
        return new WireModule();
    }

    /**
     * How {@code constant} is spelled on the wire, for the places that name enum values outside Jackson (problem
     * messages, query parameters): its {@code @JsonValue} or {@code @JsonProperty} name when it has one, else its
     * lower-case name.
     */
    public static String wireName(Enum<?> constant) {
        Class<?> type = constant.getDeclaringClass();
        for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(JsonValue.class) && method.getParameterCount() == 0) {
                try {
                    method.setAccessible(true);
                    return String.valueOf(method.invoke(constant));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read the @JsonValue of " + constant, e);
                }
            }
        }
        try {
            com.fasterxml.jackson.annotation.JsonProperty property = type.getField(constant.name())
                    .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            if (property != null && !property.value().isEmpty()) {
                return property.value();
            }
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(constant + " is not a field of its enum", e);
        }
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private static final class WireModule extends SimpleModule {

        WireModule() {
            super("crm-wire-format", Version.unknownVersion());
        }

        @Override
        public void setupModule(SetupContext context) {
            super.setupModule(context);
            // appended, so Jackson's own annotation introspector (explicit names, @EnumNaming) is asked first
            context.appendAnnotationIntrospector(new LowerCaseEnums());
        }
    }

    private static final class LowerCaseEnums extends NopAnnotationIntrospector {

        private static final EnumNamingStrategy LOWER_CASE_NAME = new EnumNamingStrategy() {
            @Override
            public String convertEnumToExternalName(MapperConfig<?> config, AnnotatedClass cls, String enumName) {
                return enumName.toLowerCase(Locale.ROOT);
            }
        };

        @Override
        public Object findEnumNamingStrategy(MapperConfig<?> config, AnnotatedClass ac) {
            // an enum with @JsonValue names itself; Jackson would otherwise read the strategy's names instead
            return hasJsonValue(ac.getRawType()) ? null : LOWER_CASE_NAME;
        }

        private static boolean hasJsonValue(Class<?> type) {
            return Arrays.stream(type.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(JsonValue.class))
                    || Arrays.stream(type.getDeclaredFields()).anyMatch(f -> f.isAnnotationPresent(JsonValue.class));
        }
    }
}
