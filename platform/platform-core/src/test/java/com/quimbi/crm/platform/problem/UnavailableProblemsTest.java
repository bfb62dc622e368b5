package com.quimbi.crm.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;

class UnavailableProblemsTest {

    @Test
    void noDatabaseConnectionIsA503WithRetryAfterNotA500() {
        UnavailableProblems problems = new UnavailableProblems();
        for (Exception e : new Exception[] {
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction"),
                new DataAccessResourceFailureException("Connection is not available, request timed out after 5000ms") }) {
            ResponseEntity<ProblemDetail> response = problems.unavailable(e);
            assertThat(response.getStatusCode().value()).isEqualTo(503);
            assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("2");
            assertThat(response.getBody().getType()).isEqualTo(Problems.UNAVAILABLE);
            assertThat(response.getBody().getDetail()).doesNotContain("JDBC");
        }
    }
}
