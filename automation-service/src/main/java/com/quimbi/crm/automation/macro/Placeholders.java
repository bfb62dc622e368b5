package com.quimbi.crm.automation.macro;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{name}}} in a macro's reply and note. Only {@link #KNOWN} names exist: a macro with another one is refused
 * when it is saved (a typo would otherwise reach a customer as literal braces). A known placeholder without a value
 * for this ticket renders as nothing.
 */
public final class Placeholders {

    public static final Set<String> KNOWN = Set.of("customer.first_name", "customer.name", "customer.email",
            "ticket.number", "ticket.subject", "agent.first_name");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    private Placeholders() {
    }

    /** The placeholder names in {@code text} that do not exist, in order of appearance. */
    public static List<String> unknown(String text) {
        Set<String> unknown = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                if (!KNOWN.contains(m.group(1))) {
                    unknown.add(m.group(1));
                }
            }
        }
        return new ArrayList<>(unknown);
    }

    /** {@code text} with each placeholder replaced by its value, passed through {@code escape} (HTML escaping for HTML). */
    public static String render(String text, Map<String, String> values, UnaryOperator<String> escape) {
        if (text == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : escape.apply(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The first word of a full name ("Ana María López" → "Ana"), or null. */
    public static String firstName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return name.strip().split("\\s+")[0];
    }
}
