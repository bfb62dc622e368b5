package com.quimbi.crm.assignment.assignment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;


/**
 * An agent's current tickets, most urgent first, with their workload.
 *
 * @param openCount          tickets that count toward capacity (status new or open)
 * @param oldestWaitingSince when the longest-waiting of those tickets was opened
 */
public record AgentQueue(UUID agentId, String status, int openCount, int capacity, int totalCount,
        Instant oldestWaitingSince, List<QueueItem> tickets) {
}
