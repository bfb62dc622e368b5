package com.quimbi.crm.assignment.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.quimbi.crm.assignment.policy.AssignmentPolicy;
import com.quimbi.crm.assignment.policy.PolicyWeights;

@Configuration
@EnableScheduling
class AssignmentConfig {

    @Bean
    AssignmentPolicy assignmentPolicy(AssignmentProperties properties) {
        PolicyWeights weights = properties.weights() == null ? PolicyWeights.DEFAULTS : properties.weights();
        return new AssignmentPolicy(weights, properties.awayTakesEmail());
    }
}
