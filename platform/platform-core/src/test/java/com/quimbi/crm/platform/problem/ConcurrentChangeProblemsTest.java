package com.quimbi.crm.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class ConcurrentChangeProblemsTest {

    private final ConcurrentChangeProblems problems = new ConcurrentChangeProblems();

    @Test
    void aValueTheDatabaseCannotHoldIsTheRequestsFaultNotAConflict() {
        var nul = problems.conflict(new DataIntegrityViolationException("insert failed",
                new RuntimeException(new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"))));
        assertThat(nul.getStatusCode().value()).isEqualTo(400);
        assertThat(nul.getBody().getType()).isEqualTo(Problems.VALIDATION);

        var race = problems.conflict(new DataIntegrityViolationException("insert failed",
                new SQLException("duplicate key value violates unique constraint", "23505")));
        assertThat(race.getStatusCode().value()).isEqualTo(409);

        var noSql = problems.conflict(new DataIntegrityViolationException("no cause"));
        assertThat(noSql.getStatusCode().value()).isEqualTo(409);
    }
}
