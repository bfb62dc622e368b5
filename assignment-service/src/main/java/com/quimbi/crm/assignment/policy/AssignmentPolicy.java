package com.quimbi.crm.assignment.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Who gets a ticket. First the hard rules (eligibility): active, online (or away, for e-mail, when allowed),
 * accepting new tickets, under capacity, inside working hours. Then a score, the weighted sum of five factors
 * that are each 0..1:
 *
 * <pre>
 * score = skill      * skillMatch       (the ticket's category or a tag is one of the agent's skills)
 *       + language   * languageMatch    (the agent speaks the ticket's language; "pt-br" matches "pt")
 *       + seniority  * seniorityFit     (VIP or high churn risk: lead 1, senior 0.75, junior 0; else 0 for all)
 *       + workload   * workloadBalance  (share of the agent's capacity still free)
 *       + continuity * continuity       (the agent who last helped this ticket or customer)
 * </pre>
 *
 * Equal scores go to the agent whose last assignment is oldest (never assigned = oldest), so equal agents
 * take turns (round-robin); the agent id settles the rest so the order is total and repeatable.
 * Pure: no Spring, no clock of its own, no database.
 */
public final class AssignmentPolicy {

    private final PolicyWeights weights;
    private final boolean awayTakesEmail;

    public AssignmentPolicy(PolicyWeights weights, boolean awayTakesEmail) {
        this.weights = weights;
        this.awayTakesEmail = awayTakesEmail;
    }

    /** An agent with a score. */
    public record Ranked(AgentCandidate agent, double score) {
    }

    /** The eligible agents, best first, and why nobody could take it when the list is empty. */
    public record Decision(List<Ranked> ranked, String waitingReason) {

        public Optional<Ranked> best() {
            return ranked.stream().findFirst();
        }
    }

    public Decision decide(List<AgentCandidate> agents, TicketTraits ticket, Instant now) {
        List<Ranked> ranked = new ArrayList<>();
        Map<String, Integer> reasons = new TreeMap<>();
        for (AgentCandidate agent : agents) {
            Optional<String> why = ineligibility(agent, ticket, now);
            if (why.isPresent()) {
                reasons.merge(why.get(), 1, Integer::sum);
            } else {
                ranked.add(new Ranked(agent, score(agent, ticket)));
            }
        }
        ranked.sort(BEST_FIRST);
        String waitingReason = null;
        if (ranked.isEmpty()) {
            waitingReason = agents.isEmpty() ? "no eligible agent: no active agents"
                    : "no eligible agent: " + reasons.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                            .collect(Collectors.joining(", "));
        }
        return new Decision(ranked, waitingReason);
    }

    /** Why this agent cannot take this ticket now, or empty when they can. */
    public Optional<String> ineligibility(AgentCandidate agent, TicketTraits ticket, Instant now) {
        if (!agent.active()) {
            return Optional.of("deactivated");
        }
        if (agent.agentId().equals(ticket.excludedAgentId())) {
            return Optional.of("sent it back to the queue");
        }
        boolean online = "online".equals(agent.status())
                || ("away".equals(agent.status()) && awayTakesEmail && "email".equals(ticket.channel()));
        if (!online) {
            return Optional.of("not online (" + agent.status() + ")");
        }
        if (!agent.acceptsNew()) {
            return Optional.of("not accepting new tickets");
        }
        if (agent.load() >= agent.capacity()) {
            return Optional.of("at capacity");
        }
        if (agent.workingHours() != null && !agent.workingHours().contains(now.atZone(agent.timezone()))) {
            return Optional.of("outside working hours");
        }
        return Optional.empty();
    }

    public double score(AgentCandidate agent, TicketTraits ticket) {
        double score = weights.skill() * skillMatch(agent, ticket)
                + weights.language() * languageMatch(agent, ticket)
                + weights.seniority() * seniorityFit(agent, ticket)
                + weights.workload() * workloadBalance(agent)
                + weights.continuity() * continuity(agent, ticket);
        // two decimals: scores that differ only by floating-point noise are a tie, and fairness decides
        return Math.round(score * 100) / 100.0;
    }

    static double skillMatch(AgentCandidate agent, TicketTraits ticket) {
        if (ticket.category() != null && agent.skills().contains(ticket.category().toLowerCase(Locale.ROOT))) {
            return 1;
        }
        return ticket.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).anyMatch(agent.skills()::contains) ? 1 : 0;
    }

    static double languageMatch(AgentCandidate agent, TicketTraits ticket) {
        if (ticket.language() == null || ticket.language().isBlank()) {
            return 0;
        }
        String wanted = ticket.language().toLowerCase(Locale.ROOT).replace('_', '-');
        String base = primary(wanted);
        for (String spoken : agent.languages()) {
            if (spoken.equals(wanted) || primary(spoken).equals(base)) {
                return 1;
            }
        }
        return 0;
    }

    static double seniorityFit(AgentCandidate agent, TicketTraits ticket) {
        if (!ticket.needsSeniorCare()) {
            return 0;
        }
        return switch (agent.seniority()) {
            case LEAD -> 1;
            case SENIOR -> 0.75;
            case JUNIOR -> 0;
        };
    }

    static double workloadBalance(AgentCandidate agent) {
        return agent.capacity() <= 0 ? 0 : (double) agent.spareCapacity() / agent.capacity();
    }

    static double continuity(AgentCandidate agent, TicketTraits ticket) {
        return agent.agentId().equals(ticket.continuityAgentId()) ? 1 : 0;
    }

    /** Highest score; then longest since the last assignment (never = longest); then agent id. */
    static final Comparator<Ranked> BEST_FIRST = Comparator.comparingDouble(Ranked::score).reversed()
            .thenComparing(r -> r.agent().lastAssignedAt(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(r -> r.agent().agentId());

    private static String primary(String tag) {
        int dash = tag.indexOf('-');
        return dash < 0 ? tag : tag.substring(0, dash);
    }
}
