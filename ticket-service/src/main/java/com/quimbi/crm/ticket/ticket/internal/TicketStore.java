package com.quimbi.crm.ticket.ticket.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.platform.pagination.Cursor;
import com.quimbi.crm.platform.problem.ConflictException;
import com.quimbi.crm.contracts.customer.CustomerTier;
import com.quimbi.crm.ticket.ticket.Enrichment;
import com.quimbi.crm.ticket.ticket.SlaSnapshot;
import com.quimbi.crm.ticket.ticket.Ticket;
import com.quimbi.crm.ticket.ticket.TicketChannel;
import com.quimbi.crm.ticket.ticket.TicketFilter;
import com.quimbi.crm.ticket.ticket.TicketMetadata;
import com.quimbi.crm.ticket.ticket.TicketPriority;
import com.quimbi.crm.ticket.ticket.TicketSort;
import com.quimbi.crm.ticket.ticket.TicketStatus;
import com.quimbi.crm.ticket.ticket.TicketSummary;

import tools.jackson.databind.json.JsonMapper;

/** Tickets in Postgres (plain SQL: arrays, jsonb and tsvector need no mapping layer). */
@Repository
public class TicketStore {

    private static final String COLUMNS = """
            id, number, subject, description, status, priority, channel, language, customer_id, customer_email,
            assignee_id, category, tags, metadata::text AS metadata, category_confidence, sentiment, churn_risk, ltv,
            customer_tier, enriched_at, sla_next_deadline, sla_state, sla_updated_at, smart_due, created_by, created_at,
            updated_at, last_message_at, deleted_at, deleted_by, external_source, external_id, version""";

    private static final String SUMMARY_COLUMNS = """
            id, number, subject, status, priority, channel, language, customer_id, customer_email, assignee_id,
            category, tags, smart_due, sla_next_deadline, sla_state, created_at, updated_at, last_message_at""";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    TicketStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The next human ticket number; gaps after a rollback are fine, duplicates never happen. */
    public long nextNumber() {
        return jdbc.queryForObject("SELECT nextval('ticket_number_seq')", Long.class);
    }

    public void insert(Ticket t) {
        jdbc.update("""
                INSERT INTO ticket (id, number, subject, description, status, priority, channel, language, customer_id,
                  customer_email, assignee_id, category, tags, metadata, smart_due, created_by, created_at, updated_at,
                  last_message_at, external_source, external_id, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?::jsonb, ?, ?, ?, ?, ?, ?, ?, 0)""",
                t.getId(), t.getNumberValue(), t.getSubject(), t.getDescription(), t.getStatus().toString(),
                t.getPriority().toString(), t.getChannel().toString(), t.getLanguage(), t.getCustomerId(),
                t.getCustomerEmail(), t.getAssigneeId(), t.getCategory(), t.getTags().toArray(String[]::new),
                json.writeValueAsString(t.getMetadata()), ts(t.getSmartDue()), t.getCreatedBy(), ts(t.getCreatedAt()),
                ts(t.getUpdatedAt()), ts(t.getLastMessageAt()), t.getExternalSource(), t.getExternalId());
    }

    /** Writes the ticket if its version is still the one read; returns the new version, else 409. */
    public long update(Ticket t) {
        Enrichment e = t.getEnrichment();
        SlaSnapshot sla = t.getSla();
        int updated = jdbc.update("""
                UPDATE ticket SET subject = ?, status = ?, priority = ?, channel = ?, language = ?, customer_id = ?,
                  customer_email = ?, assignee_id = ?, category = ?, tags = ?::text[], metadata = ?::jsonb,
                  category_confidence = ?, sentiment = ?, churn_risk = ?, ltv = ?, customer_tier = ?, enriched_at = ?,
                  sla_next_deadline = ?, sla_state = ?, sla_updated_at = ?, smart_due = ?, updated_at = ?,
                  last_message_at = ?, deleted_at = ?, deleted_by = ?, version = version + 1
                WHERE id = ? AND version = ?""",
                t.getSubject(), t.getStatus().toString(), t.getPriority().toString(), t.getChannel().toString(),
                t.getLanguage(), t.getCustomerId(), t.getCustomerEmail(), t.getAssigneeId(), t.getCategory(),
                t.getTags().toArray(String[]::new), json.writeValueAsString(t.getMetadata()), e.categoryConfidence(),
                e.sentiment(), e.churnRisk(), e.ltv() == null ? null : BigDecimal.valueOf(e.ltv()),
                e.customerTier().name().toLowerCase(Locale.ROOT), ts(e.enrichedAt()), ts(sla.nextDeadline()), sla.state(),
                ts(sla.updatedAt()), ts(t.getSmartDue()), ts(t.getUpdatedAt()), ts(t.getLastMessageAt()),
                ts(t.getDeletedAt()), t.getDeletedBy(), t.getId(), t.getVersion());
        if (updated != 1) {
            throw new ConflictException("Ticket " + t.getNumber() + " was changed concurrently; read it again and retry");
        }
        return t.getVersion() + 1;
    }

    public Optional<Ticket> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ticket WHERE id = ?", this::map, id).stream().findFirst();
    }

    /** Row lock for read-modify-write use cases, so concurrent consumers and requests queue instead of failing. */
    public Optional<Ticket> lock(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ticket WHERE id = ? FOR UPDATE", this::map, id).stream()
                .findFirst();
    }

    public Optional<Ticket> findByExternal(String source, String externalId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ticket WHERE external_source = ? AND external_id = ?", this::map,
                source, externalId).stream().findFirst();
    }

    public List<UUID> idsOfCustomer(UUID customerId) {
        return jdbc.queryForList("SELECT id FROM ticket WHERE customer_id = ? ORDER BY id", UUID.class, customerId);
    }

    /**
     * One page of live tickets. Each sort is a keyset over an index; the cursor is bound to the sort, so a
     * cursor from another sort is refused.
     */
    public List<TicketSummary> list(TicketFilter f, TicketSort sort, String cursor, int limit) {
        StringBuilder where = new StringBuilder(" WHERE deleted_at IS NULL");
        List<Object> args = new ArrayList<>();
        boolean searching = f.q() != null;
        String rank = "ts_rank(search, websearch_to_tsquery('simple', ?))";
        List<Object> select = new ArrayList<>();
        if (searching) {
            select.add(f.q());
        }
        if (searching) {
            where.append(" AND search @@ websearch_to_tsquery('simple', ?)");
            args.add(f.q());
        }
        in(where, args, "status", f.status());
        in(where, args, "priority", f.priority());
        in(where, args, "channel", f.channel());
        if (f.slaState() != null && !f.slaState().isEmpty()) {
            where.append(" AND sla_state = ANY (?::text[])");
            args.add(f.slaState().toArray(String[]::new));
        }
        if (f.customerId() != null) {
            where.append(" AND customer_id = ?");
            args.add(f.customerId());
        }
        if (f.unassigned()) {
            where.append(" AND assignee_id IS NULL");
        } else if (f.assigneeId() != null) {
            where.append(" AND assignee_id = ?");
            args.add(f.assigneeId());
        }
        if (f.tag() != null) {
            where.append(" AND tags @> ARRAY[?]::text[]");
            args.add(f.tag());
        }
        if (f.category() != null) {
            where.append(" AND category = ?");
            args.add(f.category());
        }
        range(where, args, "created_at", f.createdFrom(), f.createdTo());
        range(where, args, "updated_at", f.updatedFrom(), f.updatedTo());

        Cursor.Keys keys = Cursor.decode(cursor, list(sort), sort == TicketSort.PRIORITY ? 3 : 2);
        String order;
        switch (sort) {
            case SMART -> {
                order = " ORDER BY smart_due, id";
                if (keys != null) {
                    where.append(" AND (smart_due, id) > (?, ?)");
                    args.add(ts(keys.instant(0)));
                    args.add(keys.uuid(1));
                }
            }
            case CREATED, UPDATED -> {
                String column = sort == TicketSort.CREATED ? "created_at" : "updated_at";
                order = " ORDER BY " + column + " DESC, id DESC";
                if (keys != null) {
                    where.append(" AND (" + column + ", id) < (?, ?)");
                    args.add(ts(keys.instant(0)));
                    args.add(keys.uuid(1));
                }
            }
            case PRIORITY -> {
                order = " ORDER BY priority_rank DESC, created_at DESC, id DESC";
                if (keys != null) {
                    where.append(" AND (priority_rank, created_at, id) < (?, ?, ?)");
                    args.add((short) keys.integer(0));
                    args.add(ts(keys.instant(1)));
                    args.add(keys.uuid(2));
                }
            }
            case RELEVANCE -> {
                if (!searching) {
                    throw new IllegalStateException("relevance needs q");
                }
                return listByRelevance(f.q(), where.toString(), args, keys, limit);
            }
            default -> throw new IllegalStateException();
        }
        String sql = "SELECT " + SUMMARY_COLUMNS + ", priority_rank, "
                + (searching ? rank : "NULL::real") + " AS rank FROM ticket" + where + order + " LIMIT ?";
        List<Object> all = new ArrayList<>(select);
        all.addAll(args);
        all.add(limit);
        return jdbc.query(sql, this::mapSummary, all.toArray());
    }

    /**
     * Ranking reads every match's document, so a common word over a million tickets would cost seconds. Only the
     * {@value #RELEVANCE_WINDOW} most recent matches are ranked (filters apply first); a more specific query, a
     * filter or another sort reaches older ones. Measured in bench/README.md.
     */
    public static final int RELEVANCE_WINDOW = 1000;

    private List<TicketSummary> listByRelevance(String q, String where, List<Object> whereArgs, Cursor.Keys keys,
            int limit) {
        List<Object> args = new ArrayList<>();
        args.add(q);
        args.addAll(whereArgs);
        String after = "";
        if (keys != null) {
            after = " WHERE (rank, id) < (?::real, ?)";
            args.add(keys.real(0));
            args.add(keys.uuid(1));
        }
        args.add(limit);
        String sql = "SELECT * FROM (SELECT " + SUMMARY_COLUMNS + ", priority_rank, "
                + "ts_rank(search, websearch_to_tsquery('simple', ?)) AS rank FROM (SELECT " + SUMMARY_COLUMNS
                + ", priority_rank, search FROM ticket" + where + " ORDER BY created_at DESC, id DESC LIMIT "
                + RELEVANCE_WINDOW + ") candidates) ranked" + after + " ORDER BY rank DESC, id DESC LIMIT ?";
        return jdbc.query(sql, this::mapSummary, args.toArray());
    }

    /** The cursor after {@code row}, for {@link #list}. */
    public static String cursorAfter(TicketSummary row, TicketSort sort) {
        return switch (sort) {
            case SMART -> Cursor.encode(list(sort), row.smartDue(), row.id());
            case CREATED -> Cursor.encode(list(sort), row.createdAt(), row.id());
            case UPDATED -> Cursor.encode(list(sort), row.updatedAt(), row.id());
            case PRIORITY -> Cursor.encode(list(sort), rankOf(row.priority()), row.createdAt(), row.id());
            case RELEVANCE -> Cursor.encode(list(sort), row.rank(), row.id());
        };
    }

    /** Each sort is its own list: a cursor of one sort is refused by another. */
    private static String list(TicketSort sort) {
        return "tickets." + sort;
    }

    private static int rankOf(TicketPriority p) {
        return switch (p) {
            case URGENT -> 4;
            case HIGH -> 3;
            case NORMAL -> 2;
            case LOW -> 1;
        };
    }

    private static void in(StringBuilder where, List<Object> args, String column, List<? extends Enum<?>> values) {
        if (values != null && !values.isEmpty()) {
            where.append(" AND ").append(column).append(" = ANY (?::text[])");
            args.add(values.stream().map(Object::toString).toArray(String[]::new));
        }
    }

    private static void range(StringBuilder where, List<Object> args, String column, Instant from, Instant to) {
        if (from != null) {
            where.append(" AND ").append(column).append(" >= ?");
            args.add(ts(from));
        }
        if (to != null) {
            where.append(" AND ").append(column).append(" < ?");
            args.add(ts(to));
        }
    }

    private Ticket map(ResultSet rs, int n) throws SQLException {
        BigDecimal ltv = rs.getBigDecimal("ltv");
        Enrichment enrichment = new Enrichment(dbl(rs, "category_confidence"), dbl(rs, "sentiment"),
                dbl(rs, "churn_risk"), ltv == null ? null : ltv.doubleValue(),
                "vip".equals(rs.getString("customer_tier")) ? CustomerTier.VIP : CustomerTier.STANDARD, instant(rs, "enriched_at"));
        SlaSnapshot sla = new SlaSnapshot(instant(rs, "sla_next_deadline"), rs.getString("sla_state"),
                instant(rs, "sla_updated_at"));
        return Ticket.builder()
                .id(rs.getObject("id", UUID.class)).number(rs.getLong("number"))
                .subject(rs.getString("subject")).description(rs.getString("description"))
                .status(TicketStatus.fromWire(rs.getString("status")))
                .priority(TicketPriority.fromWire(rs.getString("priority")))
                .channel(TicketChannel.fromWire(rs.getString("channel"))).language(rs.getString("language"))
                .customer(rs.getObject("customer_id", UUID.class), rs.getString("customer_email"))
                .assigneeId(rs.getString("assignee_id")).category(rs.getString("category"))
                .tags(strings(rs.getArray("tags")))
                .metadata(json.readValue(rs.getString("metadata"), TicketMetadata.class))
                .enrichment(enrichment).sla(sla).smartDue(instant(rs, "smart_due"))
                .created(rs.getString("created_by"), instant(rs, "created_at"))
                .updatedAt(instant(rs, "updated_at")).lastMessageAt(instant(rs, "last_message_at"))
                .deleted(instant(rs, "deleted_at"), rs.getString("deleted_by"))
                .external(rs.getString("external_source"), rs.getString("external_id"))
                .version(rs.getLong("version"))
                .restore();
    }

    private TicketSummary mapSummary(ResultSet rs, int n) throws SQLException {
        float rawRank = rs.getFloat("rank");
        Float rank = rs.wasNull() ? null : rawRank;
        return new TicketSummary(rs.getObject("id", UUID.class), "#" + rs.getLong("number"), rs.getString("subject"),
                TicketStatus.fromWire(rs.getString("status")), TicketPriority.fromWire(rs.getString("priority")),
                TicketChannel.fromWire(rs.getString("channel")), rs.getString("language"),
                rs.getObject("customer_id", UUID.class), rs.getString("customer_email"), rs.getString("assignee_id"),
                rs.getString("category"), strings(rs.getArray("tags")), instant(rs, "smart_due"),
                instant(rs, "sla_next_deadline"), rs.getString("sla_state"), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "last_message_at"), rank);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Double dbl(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
