package com.quimbi.crm.assignment.ticket;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * The one order of every queue this service keeps: an agent's work queue ({@code GET /api/agents/{id}/queue}) and
 * the unassigned backlog (its listing and the order in which a drain offers tickets to agents).
 *
 * <ol>
 * <li><b>breached first</b> — sla-service says the ticket's most urgent clock is past its deadline;</li>
 * <li><b>earliest SLA deadline</b> — the next deadline of its running clocks; none (paused, met, no policy, or
 *     no sla event yet) sorts last;</li>
 * <li><b>customer value</b> — VIP before standard, then churn risk high, medium, low/unknown;</li>
 * <li><b>priority</b> — urgent, high, normal, low;</li>
 * <li><b>age</b> — in the backlog the longest waiting ({@code waitingSince}), in an agent's queue the oldest
 *     ticket ({@code createdAt}); then the ticket id, so the order is total and pages are stable.</li>
 * </ol>
 *
 * The ranks are stored generated columns of {@code ticket} (migration V2) so Postgres sorts with an index and
 * pages by keyset; {@link #rankOf} computes the same ranks in Java, and the tests check that both agree.
 */
public final class QueueOrder {

    /** What {@code sla_deadline_key} holds when no clock runs: after every real deadline. */
    public static final Instant NO_DEADLINE = Instant.parse("9999-12-31T00:00:00Z");

    /** The sort key columns of table {@code ticket}, in order, before the age column. */
    public static final String RANK_COLUMNS = "sla_breach_rank, sla_deadline_key, value_rank, urgency_rank";

    /** ORDER BY of the backlog (table {@code ticket}, unaliased). */
    public static final String BACKLOG = RANK_COLUMNS + ", waiting_since, id";

    /** ORDER BY of an agent's queue (table {@code ticket} aliased {@code t}). */
    public static final String AGENT_QUEUE = "t.sla_breach_rank, t.sla_deadline_key, t.value_rank, t.urgency_rank, "
            + "t.created_at NULLS LAST, t.id";

    private QueueOrder() {
    }

    /** A ticket's position: compare two of them with {@link #ORDER}. {@code since} is the age column. */
    public record Key(int breachRank, Instant deadline, int valueRank, int urgencyRank, Instant since, UUID id) {
    }

    /** The order, as {@link #BACKLOG} / {@link #AGENT_QUEUE} sort in SQL. */
    public static final Comparator<Key> ORDER = Comparator.comparingInt(Key::breachRank)
            .thenComparing(Key::deadline)
            .thenComparingInt(Key::valueRank)
            .thenComparingInt(Key::urgencyRank)
            .thenComparing(Key::since, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Key::id, QueueOrder::compareAsPostgres);

    /** Postgres compares uuids as unsigned bytes; {@link UUID#compareTo} compares signed longs. */
    static int compareAsPostgres(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    public static Key rankOf(String slaState, Instant slaNextDeadline, String customerTier, String churnRiskLevel,
            String priority, Instant since, UUID id) {
        return new Key(breachRank(slaState), slaNextDeadline == null ? NO_DEADLINE : slaNextDeadline,
                valueRank(customerTier, churnRiskLevel), urgencyRank(priority), since, id);
    }

    /** In the backlog: the age is how long it has been waiting. */
    public static Key backlogKey(TicketView t) {
        return rankOf(t.slaState(), t.slaNextDeadline(), t.customerTier(), t.churnRiskLevel(), t.priority(),
                t.waitingSince(), t.id());
    }

    static int breachRank(String slaState) {
        return "breached".equals(slaState) ? 0 : 1;
    }

    static int valueRank(String customerTier, String churnRiskLevel) {
        int tier = "vip".equals(customerTier) ? 0 : 3;
        int churn = churnRiskLevel == null ? 2 : switch (churnRiskLevel) {
            case "high" -> 0;
            case "medium" -> 1;
            default -> 2;
        };
        return tier + churn;
    }

    static int urgencyRank(String priority) {
        return priority == null ? 3 : switch (priority) {
            case "urgent" -> 0;
            case "high" -> 1;
            case "normal" -> 2;
            default -> 3;
        };
    }
}
