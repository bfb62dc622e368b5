package com.quimbi.crm.assignment.policy;

/** Points each ranking factor is worth at full match (each factor is 0..1 before weighting). */
public record PolicyWeights(double skill, double language, double seniority, double workload, double continuity) {

    public static final PolicyWeights DEFAULTS = new PolicyWeights(30, 25, 20, 20, 15);
}
