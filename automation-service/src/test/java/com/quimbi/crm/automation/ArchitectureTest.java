package com.quimbi.crm.automation;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.ArchitectureRules;

class ArchitectureTest {

    @Test
    void keepsTheServiceConventions() {
        ArchitectureRules.checkAll("com.quimbi.crm.automation");
    }
}
