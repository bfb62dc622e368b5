package com.quimbi.crm.agent.agent;

import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import com.quimbi.crm.contracts.agent.AgentStatus;
import com.quimbi.crm.contracts.agent.Seniority;
import com.quimbi.crm.contracts.agent.StatusSource;

/**
 * An agent's profile. The id is their Keycloak user id; Keycloak owns the credentials and the role mapping,
 * this owns everything routing and the console need. A deactivated agent keeps their row (history).
 */
@Entity
@Table(name = "agent")
public class Agent {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    @Id
    private UUID id;

    private String username;
    private String email;
    private String firstName;
    private String lastName;

    @Enumerated(EnumType.STRING)
    private AgentRole role;

    private String department;
    private String team;

    @Enumerated(EnumType.STRING)
    private AgentStatus status;

    private Instant statusChangedAt;

    /** Who set the status: an agent's own choice is never undone by presence, an idle "away" is. */
    @Enumerated(EnumType.STRING)
    private StatusSource statusSource = StatusSource.MANUAL;

    private int maxConcurrentTickets;
    private boolean acceptsNew;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> skills = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> languages = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    private Seniority seniority;

    private String timezone;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> workDays;

    private LocalTime workStart;
    private LocalTime workEnd;
    private boolean active;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant deactivatedAt;

    /** A wrapper, so Spring Data sees a new entity despite the assigned id. */
    @Version
    private Long version;

    protected Agent() {
    }

    /** A new, active agent, offline until they connect. */
    static Agent create(UUID id, String username, String email, String firstName, String lastName, AgentRole role,
            String department, String team, int maxConcurrentTickets, boolean acceptsNew, List<String> skills,
            List<String> languages, Seniority seniority, String timezone, WorkingHours workingHours, Instant now) {
        Agent agent = new Agent();
        agent.id = id;
        agent.username = username;
        agent.email = email;
        agent.firstName = firstName;
        agent.lastName = lastName;
        agent.role = role;
        agent.department = blankToNull(department);
        agent.team = blankToNull(team);
        agent.status = AgentStatus.OFFLINE;
        agent.statusChangedAt = now;
        agent.maxConcurrentTickets = maxConcurrentTickets;
        agent.acceptsNew = acceptsNew;
        agent.skills = tags(skills);
        agent.languages = tags(languages);
        agent.seniority = seniority;
        agent.timezone = timezone;
        agent.setWorkingHours(workingHours);
        agent.active = true;
        agent.createdAt = now;
        agent.updatedAt = now;
        return agent;
    }

    /** Applies the present fields of a partial update; returns the names of the fields that really changed. */
    List<String> update(UpdateAgentRequest change, Instant now) {
        List<String> changed = new ArrayList<>();
        if (change.firstName() != null && !change.firstName().strip().equals(firstName)) {
            firstName = change.firstName().strip();
            changed.add("firstName");
        }
        if (change.lastName() != null && !change.lastName().strip().equals(lastName)) {
            lastName = change.lastName().strip();
            changed.add("lastName");
        }
        if (change.role() != null && change.role() != role) {
            role = change.role();
            changed.add("role");
        }
        if (change.department() != null && !Objects.equals(blankToNull(change.department()), department)) {
            department = blankToNull(change.department());
            changed.add("department");
        }
        if (change.team() != null && !Objects.equals(blankToNull(change.team()), team)) {
            team = blankToNull(change.team());
            changed.add("team");
        }
        if (change.maxConcurrentTickets() != null && change.maxConcurrentTickets() != maxConcurrentTickets) {
            maxConcurrentTickets = change.maxConcurrentTickets();
            changed.add("maxConcurrentTickets");
        }
        if (change.acceptsNew() != null && change.acceptsNew() != acceptsNew) {
            acceptsNew = change.acceptsNew();
            changed.add("acceptsNew");
        }
        if (change.skills() != null && !tags(change.skills()).equals(skills)) {
            skills = tags(change.skills());
            changed.add("skills");
        }
        if (change.languages() != null && !tags(change.languages()).equals(languages)) {
            languages = tags(change.languages());
            changed.add("languages");
        }
        if (change.seniority() != null && change.seniority() != seniority) {
            seniority = change.seniority();
            changed.add("seniority");
        }
        if (change.timezone() != null && !change.timezone().equals(timezone)) {
            timezone = change.timezone();
            changed.add("timezone");
        }
        if (change.workingHours() != null && !change.workingHours().equals(getWorkingHours())) {
            setWorkingHours(change.workingHours());
            changed.add("workingHours");
        }
        if (!changed.isEmpty()) {
            updatedAt = now;
        }
        return changed;
    }

    /** Sets the status; returns the previous one, or null when nothing changed (set, not toggle: idempotent). */
    AgentStatus changeStatus(AgentStatus next, StatusSource source, Instant now) {
        if (next == status) {
            return null;
        }
        AgentStatus previous = status;
        status = next;
        statusSource = source;
        statusChangedAt = now;
        updatedAt = now;
        return previous;
    }

    void deactivate(Instant now) {
        active = false;
        status = AgentStatus.OFFLINE;
        statusChangedAt = now;
        deactivatedAt = now;
        updatedAt = now;
    }

    private void setWorkingHours(WorkingHours hours) {
        if (hours == null) {
            workDays = null;
            workStart = null;
            workEnd = null;
        } else {
            workDays = List.copyOf(hours.days());
            workStart = LocalTime.parse(hours.start(), HH_MM);
            workEnd = LocalTime.parse(hours.end(), HH_MM);
        }
    }

    public WorkingHours getWorkingHours() {
        if (workDays == null || workStart == null || workEnd == null) {
            return null;
        }
        return new WorkingHours(List.copyOf(workDays), workStart.format(HH_MM), workEnd.format(HH_MM));
    }

    /** Tags are compared case-insensitively: stored trimmed, lower-case, once each, in the given order. */
    static List<String> tags(List<String> values) {
        if (values == null) {
            return new ArrayList<>();
        }
        return new ArrayList<>(values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).distinct().toList());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public UUID getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getEmail() {
        return email;
    }

    public String getFirstName() {
        return firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public AgentRole getRole() {
        return role;
    }

    public String getDepartment() {
        return department;
    }

    public String getTeam() {
        return team;
    }

    public AgentStatus getStatus() {
        return status;
    }

    public Instant getStatusChangedAt() {
        return statusChangedAt;
    }

    public StatusSource getStatusSource() {
        return statusSource;
    }

    public int getMaxConcurrentTickets() {
        return maxConcurrentTickets;
    }

    public boolean isAcceptsNew() {
        return acceptsNew;
    }

    public List<String> getSkills() {
        return List.copyOf(skills);
    }

    public List<String> getLanguages() {
        return List.copyOf(languages);
    }

    public Seniority getSeniority() {
        return seniority;
    }

    public String getTimezone() {
        return timezone;
    }

    public boolean isActive() {
        return active;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getDeactivatedAt() {
        return deactivatedAt;
    }

    public long getVersion() {
        return version == null ? 0 : version;
    }
}
