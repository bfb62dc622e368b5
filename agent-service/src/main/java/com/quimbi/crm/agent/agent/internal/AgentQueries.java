package com.quimbi.crm.agent.agent.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.agent.agent.AgentFilter;

/**
 * The list query: filters plus keyset pagination on (created_at, id), in SQL because array containment
 * (skills, languages) has no JPQL form. Returns ids in order; the entities are loaded by id.
 */
@Repository
public class AgentQueries {

    private final JdbcTemplate jdbc;

    AgentQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Key(Instant createdAt, UUID id) {
    }

    /** Up to {@code limit} keys after {@code after} (exclusive), oldest first. */
    public List<Key> page(AgentFilter filter, Key after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, created_at FROM agent WHERE active = ?");
        List<Object> args = new ArrayList<>();
        args.add(filter.active() == null || filter.active());
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            args.add(filter.status().name());
        }
        if (filter.role() != null) {
            sql.append(" AND role = ?");
            args.add(filter.role().name());
        }
        if (filter.team() != null) {
            sql.append(" AND team = ?");
            args.add(filter.team().strip());
        }
        if (filter.skill() != null) {
            sql.append(" AND skills @> ARRAY[?]::text[]");
            args.add(filter.skill().strip().toLowerCase(Locale.ROOT));
        }
        if (filter.language() != null) {
            sql.append(" AND languages @> ARRAY[?]::text[]");
            args.add(filter.language().strip().toLowerCase(Locale.ROOT));
        }
        if (after != null) {
            sql.append(" AND (created_at, id) > (?, ?)");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.id());
        }
        sql.append(" ORDER BY created_at, id LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, i) -> new Key(rs.getTimestamp("created_at").toInstant(),
                rs.getObject("id", UUID.class)), args.toArray());
    }
}
