package com.quimbi.crm.notification;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.ArchitectureRules;

class ArchitectureTest {

    @Test
    void keepsTheServiceConventions() {
        ArchitectureRules.checkAll("com.quimbi.crm.notification");
    }
}
