package com.quimbi.crm.ticket.ticket;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Tag and language rules shared by the ticket requests. Tags are lower-cased and deduplicated. */
final class Tags {

    static final int MAX = 20;
    static final String PATTERN = "^[A-Za-z0-9][A-Za-z0-9_:.-]{0,39}$";
    static final String MESSAGE = "must be 1-40 letters, digits, '_', ':', '.' or '-'";
    /** A language tag's length, as the contracts bound it (ticket.created, customer.created). */
    static final int LANGUAGE_MAX = 35;
    static final String LANGUAGE = "^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$";

    private Tags() {
    }

    static List<String> normalize(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        tags.forEach(t -> unique.add(t.strip().toLowerCase(Locale.ROOT)));
        return List.copyOf(unique);
    }
}
