package com.quimbi.crm.platform.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsAreVersion7AndOrderedByCreation() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(Ids.newId());
        }

        assertThat(ids).allSatisfy(id -> assertThat(id.version()).isEqualTo(7)).doesNotHaveDuplicates();
        assertThat(ids.getLast().toString()).isGreaterThan(ids.getFirst().toString());
    }
}
