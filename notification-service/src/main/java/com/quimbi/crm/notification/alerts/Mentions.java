package com.quimbi.crm.notification.alerts;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code @alex.agent} in a note: an {@code @} not preceded by a word character (so {@code bob@example.com} is not a
 * mention), then a username (letters, digits, {@code . _ -}); a trailing dot is punctuation.
 */
final class Mentions {

    private static final Pattern MENTION = Pattern.compile("(?<![\\w.@])@([A-Za-z0-9][A-Za-z0-9._-]{0,99})");
    static final int MAX = 20;

    private Mentions() {
    }

    static Set<String> in(String text) {
        Set<String> usernames = new LinkedHashSet<>();
        if (text == null) {
            return usernames;
        }
        Matcher m = MENTION.matcher(text);
        while (m.find() && usernames.size() < MAX) {
            String name = m.group(1);
            while (name.endsWith(".") || name.endsWith("-") || name.endsWith("_")) {
                name = name.substring(0, name.length() - 1);
            }
            if (!name.isEmpty()) {
                usernames.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return usernames;
    }
}
