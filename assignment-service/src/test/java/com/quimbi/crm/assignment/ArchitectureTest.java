package com.quimbi.crm.assignment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.ArchitectureRules;

class ArchitectureTest {

    @Test
    void keepsTheServiceConventions() {
        ArchitectureRules.checkAll("com.quimbi.crm.assignment");
    }

    @Test
    void thePolicyIsPureDomainCode() {
        noClasses().that().resideInAPackage("..assignment.policy..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "com.quimbi.crm.assignment.assignment..", "com.quimbi.crm.assignment.agent..",
                        "com.quimbi.crm.assignment.ticket..")
                .check(ArchitectureRules.importService("com.quimbi.crm.assignment"));
    }
}
