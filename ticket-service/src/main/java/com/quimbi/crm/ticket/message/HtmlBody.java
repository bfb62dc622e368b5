package com.quimbi.crm.ticket.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.owasp.html.HtmlChangeListener;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

import com.quimbi.crm.platform.problem.InvalidInputException;

/**
 * A message body as text plus sanitized HTML (OWASP java-html-sanitizer). Formatting, links, tables and images
 * survive; anything executable is refused outright (a 400 naming the field) rather than silently dropped, so a
 * sender learns their content was unsafe. Harmless unknown markup is simply removed.
 */
public record HtmlBody(String text, String html) {

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.LINKS)
            .and(Sanitizers.TABLES).and(Sanitizers.IMAGES).and(Sanitizers.STYLES);

    private static final Set<String> EXECUTABLE_TAGS = Set.of("script", "iframe", "frame", "frameset", "object",
            "embed", "applet", "form", "input", "button", "base", "meta", "link", "svg", "math", "template");
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "xlink:href");
    /** The sanitizer drops a script URL quietly (and with it a link's tag); this makes the refusal explicit. */
    private static final Pattern SCRIPT_URL = Pattern.compile(
            "(?i)\\b(href|src|action|formaction|xlink:href)\\s*=\\s*[\"']?\\s*(javascript|vbscript|data\\s*:\\s*text/html)");
    private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|[a-zA-Z]+);");

    /** @throws InvalidInputException when neither is given, or the HTML carries scripts or event handlers */
    public static HtmlBody of(String text, String html) {
        boolean hasText = text != null && !text.isBlank();
        boolean hasHtml = html != null && !html.isBlank();
        if (!hasText && !hasHtml) {
            throw new InvalidInputException("body", "must not be blank (give body, html or both)");
        }
        String safe = hasHtml ? sanitize(html) : null;
        String plain = hasText ? text.strip() : toText(safe);
        if (plain.isBlank()) {
            throw new InvalidInputException("html", "has no visible text");
        }
        return new HtmlBody(plain, safe);
    }

    static String sanitize(String html) {
        List<String> refused = new ArrayList<>();
        Matcher scriptUrl = SCRIPT_URL.matcher(html);
        if (scriptUrl.find()) {
            refused.add("unsafe URL in " + scriptUrl.group(1).toLowerCase(Locale.ROOT));
        }
        String safe = POLICY.sanitize(html, new HtmlChangeListener<List<String>>() {
            @Override
            public void discardedTag(List<String> context, String elementName) {
                if (EXECUTABLE_TAGS.contains(elementName.toLowerCase(Locale.ROOT))) {
                    context.add("<" + elementName + ">");
                }
            }

            @Override
            public void discardedAttributes(List<String> context, String tagName, String... attributeNames) {
                for (String attribute : attributeNames) {
                    String name = attribute.toLowerCase(Locale.ROOT);
                    if (name.startsWith("on")) {
                        context.add("event handler " + name);
                    } else if (URL_ATTRIBUTES.contains(name)) {
                        context.add("unsafe URL in " + tagName + " " + name);
                    }
                }
            }
        }, refused);
        if (!refused.isEmpty()) {
            throw new InvalidInputException("html", "contains executable content (" + String.join(", ", refused)
                    + "); scripts, event handlers and script URLs are not allowed");
        }
        return safe;
    }

    /** Plain text of sanitized HTML: block ends become line breaks, tags go, entities are decoded. */
    static String toText(String safeHtml) {
        String text = safeHtml.replaceAll("(?i)<br\\s*/?>", "\n")
                .replaceAll("(?i)</(p|div|li|tr|h[1-6]|blockquote)>", "\n")
                .replaceAll("<[^>]*>", "");
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(decode(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static String decode(String entity, String raw) {
        try {
            if (entity.startsWith("#x") || entity.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(entity.substring(2), 16)));
            }
            if (entity.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(entity.substring(1))));
            }
        } catch (IllegalArgumentException e) {
            return raw;
        }
        return switch (entity) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> raw;
        };
    }
}
