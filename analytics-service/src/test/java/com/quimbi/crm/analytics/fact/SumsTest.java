package com.quimbi.crm.analytics.fact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** Sums writes a transaction's aggregate changes once, before it commits, and forgets them when it rolls back. */
class SumsTest {

    static final Sums.Aggregate COUNTS = new Sums.Aggregate("counts", List.of("name"), List.of("n"), List.of());

    /** Records the statements and how many rows each batch had. */
    static final class Recording extends JdbcTemplate {
        final List<String> statements = new ArrayList<>();

        @Override
        public <T> int[][] batchUpdate(String sql, Collection<T> batchArgs, int batchSize,
                ParameterizedPreparedStatementSetter<T> setter) {
            statements.add(sql + " × " + batchArgs.size());
            return new int[0][];
        }
    }

    /** A transaction manager without a resource: begin, commit and rollback do nothing but the synchronizations. */
    static final class Transactions extends AbstractPlatformTransactionManager {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }

    final Recording jdbc = new Recording();
    final Sums sums = new Sums(jdbc);
    final TransactionTemplate transaction = new TransactionTemplate(new Transactions());

    @Test
    void theChangesOfATransactionAreWrittenOnceBeforeItCommits() {
        transaction.executeWithoutResult(status -> {
            sums.add(COUNTS, List.of("a"), "n", 1);
            sums.add(COUNTS, List.of("a"), "n", 1);
            sums.add(COUNTS, List.of("b"), "n", -1);
            assertThat(jdbc.statements).isEmpty();
        });

        assertThat(jdbc.statements).containsExactly("INSERT INTO counts (name, n) VALUES (?, ?) ON CONFLICT (name) "
                + "DO UPDATE SET n = counts.n + EXCLUDED.n × 2");
    }

    @Test
    void aRolledBackTransactionWritesNothingAndTheNextStartsEmpty() {
        transaction.executeWithoutResult(status -> {
            sums.add(COUNTS, List.of("a"), "n", 1);
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> sums.touch(COUNTS, List.of("c")));

        assertThat(jdbc.statements).containsExactly("INSERT INTO counts (name, n) VALUES (?, ?) ON CONFLICT (name) "
                + "DO UPDATE SET n = counts.n + EXCLUDED.n × 1");
    }
}
