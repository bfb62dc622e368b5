package com.quimbi.crm.assignment.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.quimbi.crm.assignment.policy.PolicyWeights;

/**
 * @param offlineGrace         how long an agent may be offline or away before their unaccepted and open tickets
 *                             go back to the queue (a short disconnect should not reshuffle work)
 * @param offlineCheckInterval how often that is checked (and the queue swept)
 * @param awayTakesEmail       whether an "away" agent may still get e-mail tickets
 * @param drainBatch           how many waiting tickets one drain tries at most
 * @param weights              the AssignmentPolicy weights
 */
@ConfigurationProperties("crm.assignment")
public record AssignmentProperties(Duration offlineGrace, Duration offlineCheckInterval, boolean awayTakesEmail,
        int drainBatch, PolicyWeights weights) {
}
