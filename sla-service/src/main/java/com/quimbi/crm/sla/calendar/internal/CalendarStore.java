package com.quimbi.crm.sla.calendar.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.sla.calendar.SlaCalendar;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Calendars in Postgres; hours and holidays as jsonb. */
@Repository
public class CalendarStore {

    private static final TypeReference<Map<String, List<SlaCalendar.Hours>>> HOURS = new TypeReference<>() {
    };
    private static final TypeReference<List<SlaCalendar.Holiday>> HOLIDAYS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    CalendarStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<SlaCalendar> all() {
        return jdbc.query("SELECT * FROM sla_calendar ORDER BY created_at, id", this::row);
    }

    public Optional<SlaCalendar> find(UUID id) {
        return jdbc.query("SELECT * FROM sla_calendar WHERE id = ?", this::row, id).stream().findFirst();
    }

    public boolean exists(UUID id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT exists(SELECT 1 FROM sla_calendar WHERE id = ?)",
                Boolean.class, id));
    }

    public void insert(SlaCalendar c) {
        jdbc.update("""
                INSERT INTO sla_calendar (id, name, timezone, weekly_hours, holidays, created_at, updated_at)
                VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)""", c.id(), c.name(), c.timezone(),
                json.writeValueAsString(c.weeklyHours()), json.writeValueAsString(c.holidays()),
                Timestamp.from(c.createdAt()), Timestamp.from(c.updatedAt()));
    }

    public void update(SlaCalendar c) {
        jdbc.update("""
                UPDATE sla_calendar SET name = ?, timezone = ?, weekly_hours = ?::jsonb, holidays = ?::jsonb, updated_at = ?
                WHERE id = ?""", c.name(), c.timezone(), json.writeValueAsString(c.weeklyHours()),
                json.writeValueAsString(c.holidays()), Timestamp.from(c.updatedAt()), c.id());
    }

    /** @return false when there was no such calendar; a policy using it makes the foreign key refuse. */
    public boolean delete(UUID id) {
        return jdbc.update("DELETE FROM sla_calendar WHERE id = ?", id) == 1;
    }

    private SlaCalendar row(ResultSet rs, int n) throws SQLException {
        return new SlaCalendar(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("timezone"),
                json.readValue(rs.getString("weekly_hours"), HOURS), json.readValue(rs.getString("holidays"), HOLIDAYS),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
