package com.quimbi.crm.automation.eventrules;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An event rule's conditions, all of which must hold; a list means "one of" (tags: "all of"), empty or left out
 * means any. Text is matched case-insensitively against the subject and the triggering text.
 */
@Schema(description = "Conditions, all of which must hold. Lists: one of (tags: all of); empty = any.")
public record EventConditions(
        @Size(max = 6) List<@NotNull @Pattern(regexp = "^(new|open|pending|on_hold|solved|closed)$", message = "must be a ticket status") String> statuses,
        @Size(max = 4) List<@NotNull @Pattern(regexp = "^(low|normal|high|urgent)$", message = "must be low, normal, high or urgent") String> priorities,
        @Size(max = 6) List<@NotNull @Pattern(regexp = "^(email|chat|phone|web|social|api)$", message = "must be email, chat, phone, web, social or api") String> channels,
        @Size(max = 20) List<@NotNull @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9_:.-]{0,39}$", message = "must be a tag") String> tags,
        @Size(max = 20) List<@NotBlank @Size(max = 64) String> categories,
        @Size(max = 20) List<@NotBlank @Size(max = 35) String> languages,
        @Size(max = 2) List<@NotNull @Pattern(regexp = "^(standard|vip)$", message = "must be standard or vip") String> tiers,
        @Size(max = 3) List<@NotNull @Pattern(regexp = "^(low|medium|high)$", message = "must be low, medium or high") String> churnRisks,
        @Size(max = 20) @Schema(description = "one of these words or phrases in the subject or the text") List<@NotBlank @Size(max = 200) String> textContains,
        @Schema(description = "true: only in business hours (crm.automation.business-hours); false: only outside") Boolean businessHours,
        @Min(0) @Max(100_000) @Schema(description = "the requester had at least this many tickets before this one") Integer previousTicketsMin,
        @Min(0) @Max(100_000) @Schema(description = "... and at most this many") Integer previousTicketsMax) {

    public static final EventConditions ANY = new EventConditions(null, null, null, null, null, null, null, null,
            null, null, null, null);

    public EventConditions {
        statuses = list(statuses);
        priorities = list(priorities);
        channels = list(channels);
        tags = list(tags);
        categories = list(categories);
        languages = list(languages);
        tiers = list(tiers);
        churnRisks = list(churnRisks);
        textContains = list(textContains);
    }

    /** Whether {@code ticket} meets every condition; {@code inBusinessHours}: the triggering moment is. */
    public boolean matches(TicketFacts ticket, boolean inBusinessHours) {
        return oneOf(statuses, ticket.status()) && oneOf(priorities, ticket.priority())
                && oneOf(channels, ticket.channel()) && ticket.tags().containsAll(tags)
                && oneOfIgnoringCase(categories, ticket.category()) && oneOfIgnoringCase(languages, ticket.language())
                && oneOf(tiers, ticket.tier()) && oneOf(churnRisks, ticket.churnRisk())
                && containsText(ticket) && (businessHours == null || businessHours == inBusinessHours)
                && (previousTicketsMin == null || ticket.previousTickets() >= previousTicketsMin)
                && (previousTicketsMax == null || ticket.previousTickets() <= previousTicketsMax);
    }

    private boolean containsText(TicketFacts ticket) {
        if (textContains.isEmpty()) {
            return true;
        }
        String haystack = (nullToEmpty(ticket.subject()) + "\n" + nullToEmpty(ticket.text())).toLowerCase(Locale.ROOT);
        return textContains.stream().anyMatch(word -> haystack.contains(word.toLowerCase(Locale.ROOT)));
    }

    private static boolean oneOf(List<String> allowed, String value) {
        return allowed.isEmpty() || allowed.contains(value);
    }

    private static boolean oneOfIgnoringCase(List<String> allowed, String value) {
        return allowed.isEmpty() || value != null && allowed.stream().anyMatch(value::equalsIgnoreCase);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
