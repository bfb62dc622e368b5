package com.quimbi.crm.assignment.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * A realistic team and a burst of tickets, routed one after the other the way the service does (each
 * assignment raises the agent's load and stamps their last assignment). Checks who gets what, that nobody
 * goes past capacity, and that equal agents share the work evenly.
 */
class TeamScenarioTest {

    final AssignmentPolicy policy = new AssignmentPolicy(PolicyWeights.DEFAULTS, true);
    final Instant start = Agents.MONDAY_10_UTC;

    /** The team: mutable loads and last-assignment times, as the database would hold them. */
    final class Team {
        final Map<UUID, AgentCandidate> agents = new LinkedHashMap<>();
        final Map<UUID, String> names = new HashMap<>();
        final Map<String, Integer> received = new LinkedHashMap<>();

        void add(String name, int capacity, Seniority seniority, Set<String> skills, Set<String> languages) {
            UUID id = Agents.id(name);
            agents.put(id, new AgentCandidate(id, true, "online", true, capacity, 0, skills, languages, seniority,
                    ZoneId.of("UTC"), null, null));
            names.put(id, name);
            received.put(name, 0);
        }

        /** Routes one ticket; the chosen agent's name, or null when it waits. */
        String route(TicketTraits ticket, Instant now) {
            var best = policy.decide(List.copyOf(agents.values()), ticket, now).best();
            if (best.isEmpty()) {
                return null;
            }
            AgentCandidate a = best.get().agent();
            agents.put(a.agentId(), new AgentCandidate(a.agentId(), a.active(), a.status(), a.acceptsNew(), a.capacity(),
                    a.load() + 1, a.skills(), a.languages(), a.seniority(), a.timezone(), a.workingHours(), now));
            String name = names.get(a.agentId());
            received.merge(name, 1, Integer::sum);
            return name;
        }

        void assertNobodyOverCapacity() {
            assertThat(agents.values()).allSatisfy(a -> assertThat(a.load()).isLessThanOrEqualTo(a.capacity()));
        }
    }

    static TicketTraits ticket(String category, String language, boolean vip, String churn) {
        return new TicketTraits("email", category, Set.of(), language, vip, churn, null, null);
    }

    @Test
    void equalAgentsTakeTurnsRoundRobin() {
        Team team = new Team();
        for (String name : List.of("ana", "ben", "cho", "dev")) {
            team.add(name, 10, Seniority.JUNIOR, Set.of(), Set.of("en"));
        }
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            order.add(team.route(ticket(null, "en", false, null), start.plusSeconds(i)));
        }
        // every agent once before anyone twice, in the same rotation both rounds
        assertThat(order.subList(0, 4)).containsExactlyInAnyOrder("ana", "ben", "cho", "dev");
        assertThat(order.subList(4, 8)).isEqualTo(order.subList(0, 4));
    }

    @Test
    void aBurstIsSpreadFairlyBySkillLanguageAndSeniorityWithoutExceedingCapacity() {
        Team team = new Team();
        team.add("maria", 6, Seniority.LEAD, Set.of("billing", "returns"), Set.of("en", "es"));
        team.add("sam", 5, Seniority.SENIOR, Set.of("technical"), Set.of("en"));
        team.add("lucia", 5, Seniority.JUNIOR, Set.of("billing"), Set.of("es", "pt"));
        team.add("tom", 4, Seniority.JUNIOR, Set.of("shipping", "returns"), Set.of("en"));
        team.add("kim", 4, Seniority.JUNIOR, Set.of("shipping"), Set.of("en", "de"));

        List<TicketTraits> burst = new ArrayList<>();
        String[] categories = { "billing", "shipping", "technical", "returns", "general" };
        String[] languages = { "en", "en", "es", "en", "de", "pt", "en" };
        for (int i = 0; i < 30; i++) {
            burst.add(ticket(categories[i % categories.length], languages[i % languages.length], i % 10 == 0,
                    i % 7 == 0 ? "high" : "low"));
        }
        int waiting = 0;
        Map<String, List<String>> firstPicks = new HashMap<>();
        for (int i = 0; i < burst.size(); i++) {
            String who = team.route(burst.get(i), start.plusSeconds(i));
            if (who == null) {
                waiting++;
            } else if (i < 10) {
                firstPicks.computeIfAbsent(who, k -> new ArrayList<>()).add(burst.get(i).category() + "/" + burst.get(i).language());
            }
            team.assertNobodyOverCapacity();
        }
        // 24 seats for 30 tickets: everyone ends full, six wait in the queue
        assertThat(waiting).isEqualTo(6);
        assertThat(team.received).containsExactlyInAnyOrderEntriesOf(
                Map.of("maria", 6, "sam", 5, "lucia", 5, "tom", 4, "kim", 4));
        // early on (everyone has room) the specialists win their tickets
        assertThat(firstPicks.get("sam")).allMatch(p -> p.startsWith("technical"));
        // the only German speaker takes the German ticket, whatever its category
        assertThat(firstPicks.get("kim")).contains("general/de");
        assertThat(firstPicks.get("lucia")).allMatch(p -> p.endsWith("/es") || p.endsWith("/pt") || p.startsWith("billing"));
    }

    @Test
    void noOneIsStarvedWhileOthersPileUp() {
        Team team = new Team();
        team.add("maria", 8, Seniority.LEAD, Set.of("billing"), Set.of("en"));
        team.add("tom", 8, Seniority.JUNIOR, Set.of(), Set.of("en"));
        team.add("kim", 8, Seniority.JUNIOR, Set.of(), Set.of("en"));
        // billing tickets favour maria, but as her load grows the workload factor hands work to the others
        for (int i = 0; i < 12; i++) {
            team.route(ticket("billing", "en", false, null), start.plusSeconds(i));
        }
        team.assertNobodyOverCapacity();
        assertThat(team.received.get("maria")).isLessThanOrEqualTo(8).isGreaterThan(team.received.get("tom"));
        assertThat(team.received.get("tom")).isGreaterThan(0);
        assertThat(Math.abs(team.received.get("tom") - team.received.get("kim"))).isLessThanOrEqualTo(1);
    }
}
