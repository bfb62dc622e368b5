package com.quimbi.crm.notification.rules;

import java.util.List;
import java.util.Locale;

import com.quimbi.crm.contracts.customer.CustomerTier;
import com.quimbi.crm.contracts.ticket.Channel;
import com.quimbi.crm.contracts.ticket.TicketPriority;

import jakarta.validation.constraints.Size;

/** What a rule's events must match; an empty list matches anything. {@code teams}: the holder's team. */
public record RuleFilters(
        @Size(max = 4) List<TicketPriority> priorities,
        @Size(max = 50) List<@Size(min = 1, max = 200) String> teams,
        @Size(max = 6) List<Channel> channels,
        @Size(max = 2) List<CustomerTier> tiers) {

    public static final RuleFilters ANY = new RuleFilters(List.of(), List.of(), List.of(), List.of());

    public RuleFilters {
        priorities = priorities == null ? List.of() : List.copyOf(priorities);
        teams = teams == null ? List.of() : List.copyOf(teams);
        channels = channels == null ? List.of() : List.copyOf(channels);
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
    }

    public boolean matches(AlertItem item) {
        return any(priorities, item.priority()) && teams(item.team()) && any(channels, item.channel())
                && any(tiers, item.tier());
    }

    private boolean teams(String team) {
        return teams.isEmpty() || (team != null && teams.stream().anyMatch(t -> t.equalsIgnoreCase(team)));
    }

    private static boolean any(List<? extends Enum<?>> allowed, String value) {
        return allowed.isEmpty() || (value != null && allowed.stream()
                .anyMatch(e -> e.name().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))));
    }
}
