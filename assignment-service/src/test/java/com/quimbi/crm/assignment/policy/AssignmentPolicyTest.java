package com.quimbi.crm.assignment.policy;

import static com.quimbi.crm.assignment.policy.Agents.MONDAY_10_UTC;
import static com.quimbi.crm.assignment.policy.Agents.agent;
import static com.quimbi.crm.assignment.policy.Agents.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AssignmentPolicyTest {

    final AssignmentPolicy policy = new AssignmentPolicy(PolicyWeights.DEFAULTS, true);

    Instant now = MONDAY_10_UTC;

    String winner(TicketTraits ticket, AgentCandidate... agents) {
        return policy.decide(List.of(agents), ticket, now).best().map(r -> r.agent().agentId().toString()).orElse("nobody");
    }

    @Nested
    class Eligibility {

        @Test
        void anOnlineActiveAgentUnderCapacityIsEligible() {
            assertThat(policy.ineligibility(agent("ana"), ticket(), now)).isEmpty();
        }

        @Test
        void deactivatedOfflineBusyAndNotAcceptingAgentsAreNot() {
            assertThat(policy.ineligibility(Agents.inactive(agent("a")), ticket(), now)).contains("deactivated");
            assertThat(policy.ineligibility(Agents.status(agent("a"), "offline"), ticket(), now)).contains("not online (offline)");
            assertThat(policy.ineligibility(Agents.status(agent("a"), "busy"), ticket(), now)).contains("not online (busy)");
            assertThat(policy.ineligibility(Agents.notAccepting(agent("a")), ticket(), now)).contains("not accepting new tickets");
        }

        @Test
        void anAgentAtCapacityIsNot() {
            assertThat(policy.ineligibility(Agents.with(agent("a"), 2, 2), ticket(), now)).contains("at capacity");
            assertThat(policy.ineligibility(Agents.with(agent("a"), 2, 1), ticket(), now)).isEmpty();
            assertThat(policy.ineligibility(Agents.with(agent("a"), 0, 0), ticket(), now)).contains("at capacity");
        }

        @Test
        void awayAgentsTakeEmailOnlyWhenThePolicyAllowsIt() {
            AgentCandidate away = Agents.status(agent("a"), "away");
            TicketTraits email = ticket("email", null, null, false, null, null);
            assertThat(policy.ineligibility(away, email, now)).isEmpty();
            assertThat(policy.ineligibility(away, ticket(), now)).contains("not online (away)");
            assertThat(new AssignmentPolicy(PolicyWeights.DEFAULTS, false).ineligibility(away, email, now))
                    .contains("not online (away)");
        }

        @Test
        void workingHoursAreReadInTheAgentsTimeZone() {
            // 10:00 UTC on a Monday is 11:00 in Madrid and 05:00 in New York
            AgentCandidate madrid = Agents.hours(agent("m"), "Europe/Madrid", "09:00", "17:00", DayOfWeek.MONDAY);
            AgentCandidate newYork = Agents.hours(agent("n"), "America/New_York", "09:00", "17:00", DayOfWeek.MONDAY);
            AgentCandidate weekend = Agents.hours(agent("w"), "Europe/Madrid", "09:00", "17:00", DayOfWeek.SATURDAY);
            assertThat(policy.ineligibility(madrid, ticket(), now)).isEmpty();
            assertThat(policy.ineligibility(newYork, ticket(), now)).contains("outside working hours");
            assertThat(policy.ineligibility(weekend, ticket(), now)).contains("outside working hours");
        }

        @Test
        void aNightShiftRunsPastMidnightIntoTheNextDay() {
            AgentCandidate night = Agents.hours(agent("n"), "UTC", "22:00", "06:00", DayOfWeek.SUNDAY);
            assertThat(policy.ineligibility(night, ticket(), Instant.parse("2026-11-23T05:59:00Z"))).isEmpty(); // Monday early
            assertThat(policy.ineligibility(night, ticket(), Instant.parse("2026-11-23T06:00:00Z"))).isPresent();
            assertThat(policy.ineligibility(night, ticket(), Instant.parse("2026-11-22T23:00:00Z"))).isEmpty(); // Sunday late
            assertThat(policy.ineligibility(night, ticket(), Instant.parse("2026-11-22T21:59:00Z"))).isPresent();
        }

        @Test
        void theAgentWhoSentTheTicketBackIsSkipped() {
            AgentCandidate sender = agent("s");
            TicketTraits returned = new TicketTraits("chat", null, Set.of(), null, false, null, null, sender.agentId());
            assertThat(policy.ineligibility(sender, returned, now)).contains("sent it back to the queue");
        }

        @Test
        void nobodyEligibleSaysWhyCountingEachReason() {
            AssignmentPolicy.Decision decision = policy.decide(List.of(Agents.status(agent("a"), "offline"),
                    Agents.status(agent("b"), "offline"), Agents.with(agent("c"), 3, 3)), ticket(), now);
            assertThat(decision.best()).isEmpty();
            assertThat(decision.waitingReason()).isEqualTo("no eligible agent: 1 at capacity, 2 not online (offline)");
            assertThat(policy.decide(List.of(), ticket(), now).waitingReason()).isEqualTo("no eligible agent: no active agents");
        }
    }

    @Nested
    class Factors {

        @Test
        void skillMatchScoresTheCategoryOrATag() {
            AgentCandidate billing = Agents.skills(agent("b"), "billing");
            assertThat(AssignmentPolicy.skillMatch(billing, ticket("email", "billing", null, false, null, null))).isEqualTo(1);
            assertThat(AssignmentPolicy.skillMatch(billing, ticket("email", "Billing", null, false, null, null))).isEqualTo(1);
            assertThat(AssignmentPolicy.skillMatch(billing, ticket("email", "shipping", null, false, null, null))).isZero();
            assertThat(AssignmentPolicy.skillMatch(billing, new TicketTraits("email", null, Set.of("Billing"), null, false,
                    null, null, null))).isEqualTo(1);
            assertThat(AssignmentPolicy.skillMatch(billing, ticket())).isZero(); // not enriched yet: nobody gains
        }

        @Test
        void languageMatchAcceptsTheSameBaseLanguage() {
            AgentCandidate portuguese = Agents.languages(agent("p"), "en", "pt");
            assertThat(AssignmentPolicy.languageMatch(portuguese, ticket("chat", null, "pt-BR", false, null, null))).isEqualTo(1);
            assertThat(AssignmentPolicy.languageMatch(portuguese, ticket("chat", null, "en", false, null, null))).isEqualTo(1);
            assertThat(AssignmentPolicy.languageMatch(portuguese, ticket("chat", null, "es", false, null, null))).isZero();
            assertThat(AssignmentPolicy.languageMatch(portuguese, ticket())).isZero();
            assertThat(AssignmentPolicy.languageMatch(Agents.languages(agent("b"), "pt-br"),
                    ticket("chat", null, "pt", false, null, null))).isEqualTo(1);
        }

        @Test
        void vipAndHighChurnRiskCustomersFavourSeniorAndLeadAgents() {
            TicketTraits vip = ticket("chat", null, null, true, null, null);
            TicketTraits churning = ticket("chat", null, null, false, "high", null);
            TicketTraits ordinary = ticket("chat", null, null, false, "medium", null);
            AgentCandidate lead = Agents.seniority(agent("l"), Seniority.LEAD);
            AgentCandidate senior = Agents.seniority(agent("s"), Seniority.SENIOR);
            AgentCandidate junior = agent("j");
            assertThat(AssignmentPolicy.seniorityFit(lead, vip)).isEqualTo(1);
            assertThat(AssignmentPolicy.seniorityFit(senior, churning)).isEqualTo(0.75);
            assertThat(AssignmentPolicy.seniorityFit(junior, vip)).isZero();
            assertThat(AssignmentPolicy.seniorityFit(lead, ordinary)).isZero();
        }

        @Test
        void workloadBalanceIsTheShareOfCapacityStillFree() {
            assertThat(AssignmentPolicy.workloadBalance(Agents.with(agent("a"), 4, 0))).isEqualTo(1);
            assertThat(AssignmentPolicy.workloadBalance(Agents.with(agent("a"), 4, 1))).isEqualTo(0.75);
            assertThat(AssignmentPolicy.workloadBalance(Agents.with(agent("a"), 4, 6))).isZero(); // forced past capacity
            assertThat(AssignmentPolicy.workloadBalance(Agents.with(agent("a"), 0, 0))).isZero();
        }

        @Test
        void continuityRewardsTheAgentWhoLastHelped() {
            AgentCandidate previous = agent("p");
            assertThat(AssignmentPolicy.continuity(previous, ticket("chat", null, null, false, null, previous.agentId()))).isEqualTo(1);
            assertThat(AssignmentPolicy.continuity(agent("q"), ticket("chat", null, null, false, null, previous.agentId()))).isZero();
        }

        @Test
        void theScoreIsTheWeightedSum() {
            AgentCandidate all = Agents.with(Agents.seniority(Agents.languages(Agents.skills(agent("a"), "billing"), "es"),
                    Seniority.LEAD), 4, 1);
            TicketTraits ticket = ticket("email", "billing", "es", true, null, all.agentId());
            // 30 skill + 25 language + 20 seniority + 20 * 0.75 workload + 15 continuity
            assertThat(policy.score(all, ticket)).isEqualTo(105);
            assertThat(policy.score(Agents.with(agent("b"), 4, 1), ticket)).isEqualTo(15);
            assertThat(new AssignmentPolicy(new PolicyWeights(0, 0, 0, 0, 100), true).score(all, ticket)).isEqualTo(100);
        }
    }

    @Nested
    class Ranking {

        @Test
        void theSkilledAgentWinsABillingTicket() {
            AgentCandidate billing = Agents.skills(agent("billing"), "billing");
            AgentCandidate shipping = Agents.skills(agent("shipping"), "shipping");
            assertThat(winner(ticket("email", "billing", null, false, null, null), shipping, billing))
                    .isEqualTo(billing.agentId().toString());
        }

        @Test
        void aSpanishSpeakerWinsASpanishTicketOverAnIdleColleague() {
            AgentCandidate spanish = Agents.with(Agents.languages(agent("es"), "es"), 5, 3);
            AgentCandidate idle = Agents.with(agent("idle"), 5, 0);
            assertThat(winner(ticket("chat", null, "es", false, null, null), idle, spanish)).isEqualTo(spanish.agentId().toString());
        }

        @Test
        void aVipGoesToTheLeadAndAnOrdinaryTicketToTheLessBusy() {
            AgentCandidate lead = Agents.with(Agents.seniority(agent("lead"), Seniority.LEAD), 5, 2);
            AgentCandidate junior = Agents.with(agent("junior"), 5, 0);
            assertThat(winner(ticket("chat", null, null, true, null, null), junior, lead)).isEqualTo(lead.agentId().toString());
            assertThat(winner(ticket(), junior, lead)).isEqualTo(junior.agentId().toString());
        }

        @Test
        void continuityBringsAReopenedTicketBackToItsAgent() {
            AgentCandidate previous = Agents.with(agent("prev"), 5, 2);
            AgentCandidate idle = Agents.with(agent("idle"), 5, 0);
            // continuity (15) beats the workload gap (20 * 0.4 = 8)
            assertThat(winner(ticket("chat", null, null, false, null, previous.agentId()), idle, previous))
                    .isEqualTo(previous.agentId().toString());
        }

        @Test
        void aTieGoesToWhoeverWaitedLongestForATicketNeverAssignedFirst() {
            AgentCandidate recent = Agents.lastAssigned(agent("recent"), now.minusSeconds(10));
            AgentCandidate earlier = Agents.lastAssigned(agent("earlier"), now.minusSeconds(600));
            AgentCandidate never = agent("never");
            assertThat(winner(ticket(), recent, earlier)).isEqualTo(earlier.agentId().toString());
            assertThat(winner(ticket(), recent, earlier, never)).isEqualTo(never.agentId().toString());
        }

        @Test
        void aCompleteTieIsSettledByAgentIdSoTheOrderIsRepeatable() {
            AgentCandidate a = agent("a");
            AgentCandidate b = agent("b");
            String first = a.agentId().compareTo(b.agentId()) < 0 ? a.agentId().toString() : b.agentId().toString();
            assertThat(winner(ticket(), a, b)).isEqualTo(first);
            assertThat(winner(ticket(), b, a)).isEqualTo(first);
        }

        @Test
        void scoresThatDifferOnlyByRoundingNoiseAreATie() {
            // 1/3 and 2/6 spare: the same share, computed differently
            AgentCandidate third = Agents.lastAssigned(Agents.with(agent("x"), 3, 2), now.minusSeconds(1));
            AgentCandidate sixth = Agents.lastAssigned(Agents.with(agent("y"), 6, 4), now.minusSeconds(100));
            assertThat(policy.score(third, ticket())).isEqualTo(policy.score(sixth, ticket()));
            assertThat(winner(ticket(), third, sixth)).isEqualTo(sixth.agentId().toString());
        }
    }
}
