package com.quimbi.crm.ticket.ticket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.quimbi.crm.platform.problem.ConflictException;

/** A customer's request, worked by agents until it is solved. Rules on its state live here. */
public class Ticket {

    private final UUID id;
    private final long number;
    private String subject;
    private final String description;
    private TicketStatus status;
    private TicketPriority priority;
    private TicketChannel channel;
    private String language;
    private UUID customerId;
    private String customerEmail;
    private String assigneeId;
    private String category;
    private List<String> tags;
    private TicketMetadata metadata;
    private Enrichment enrichment;
    private SlaSnapshot sla;
    private Instant smartDue;
    private final String createdBy;
    private final Instant createdAt;
    private Instant updatedAt;
    private Instant lastMessageAt;
    private Instant deletedAt;
    private String deletedBy;
    private final String externalSource;
    private final String externalId;
    private long version;

    private Ticket(Builder b) {
        this.id = b.id;
        this.number = b.number;
        this.subject = b.subject;
        this.description = b.description;
        this.status = b.status;
        this.priority = b.priority;
        this.channel = b.channel;
        this.language = b.language;
        this.customerId = b.customerId;
        this.customerEmail = b.customerEmail;
        this.assigneeId = b.assigneeId;
        this.category = b.category;
        this.tags = List.copyOf(b.tags);
        this.metadata = b.metadata;
        this.enrichment = b.enrichment;
        this.sla = b.sla;
        this.smartDue = b.smartDue;
        this.createdBy = b.createdBy;
        this.createdAt = b.createdAt;
        this.updatedAt = b.updatedAt;
        this.lastMessageAt = b.lastMessageAt;
        this.deletedAt = b.deletedAt;
        this.deletedBy = b.deletedBy;
        this.externalSource = b.externalSource;
        this.externalId = b.externalId;
        this.version = b.version;
    }

    /**
     * A ticket by named fields: {@link Builder#open()} for a new one (status {@code new} unless imported, no
     * assignee, enrichment or SLA yet, scored now), {@link Builder#restore()} for one read back from the store.
     */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private UUID id;
        private long number;
        private String subject;
        private String description;
        private TicketStatus status = TicketStatus.NEW;
        private TicketPriority priority = TicketPriority.NORMAL;
        private TicketChannel channel;
        private String language;
        private UUID customerId;
        private String customerEmail;
        private String assigneeId;
        private String category;
        private List<String> tags = List.of();
        private TicketMetadata metadata = TicketMetadata.EMPTY;
        private Enrichment enrichment = Enrichment.NONE;
        private SlaSnapshot sla = SlaSnapshot.NONE;
        private Instant smartDue;
        private String createdBy;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant lastMessageAt;
        private Instant deletedAt;
        private String deletedBy;
        private String externalSource;
        private String externalId;
        private long version;

        private Builder() {
        }

        public Builder id(UUID id) { this.id = id; return this; }
        public Builder number(long number) { this.number = number; return this; }
        public Builder subject(String subject) { this.subject = subject; return this; }
        public Builder description(String description) { this.description = description; return this; }
        public Builder status(TicketStatus status) { this.status = status; return this; }
        public Builder priority(TicketPriority priority) { this.priority = priority; return this; }
        public Builder channel(TicketChannel channel) { this.channel = channel; return this; }
        public Builder language(String language) { this.language = language; return this; }
        public Builder customer(UUID id, String email) { this.customerId = id; this.customerEmail = email; return this; }
        public Builder assigneeId(String assigneeId) { this.assigneeId = assigneeId; return this; }
        public Builder category(String category) { this.category = category; return this; }
        public Builder tags(List<String> tags) { this.tags = tags; return this; }
        public Builder metadata(TicketMetadata metadata) { this.metadata = metadata; return this; }
        public Builder enrichment(Enrichment enrichment) { this.enrichment = enrichment; return this; }
        public Builder sla(SlaSnapshot sla) { this.sla = sla; return this; }
        public Builder smartDue(Instant smartDue) { this.smartDue = smartDue; return this; }
        public Builder created(String by, Instant at) { this.createdBy = by; this.createdAt = at; return this; }
        public Builder updatedAt(Instant updatedAt) { this.updatedAt = updatedAt; return this; }
        public Builder lastMessageAt(Instant lastMessageAt) { this.lastMessageAt = lastMessageAt; return this; }
        public Builder deleted(Instant at, String by) { this.deletedAt = at; this.deletedBy = by; return this; }
        public Builder external(String source, String id) { this.externalSource = source; this.externalId = id; return this; }
        public Builder version(long version) { this.version = version; return this; }

        /** A new ticket: last updated when created, and scored (its smart due time) from what it has. */
        Ticket open() {
            updatedAt = createdAt;
            Ticket t = new Ticket(this);
            t.rescore();
            return t;
        }

        /** A ticket as persisted: everything, including its stored score, as read. */
        public Ticket restore() {
            return new Ticket(this);
        }
    }

    /** @throws ConflictException (409) for a transition the rules forbid */
    void changeStatus(TicketStatus target) {
        if (!status.canBecome(target)) {
            throw new ConflictException("Ticket " + getNumber() + " cannot go from " + status + " to " + target
                    + (status == TicketStatus.CLOSED ? " (closed is final)" : "; allowed: " + status.next()));
        }
        status = target;
        rescore();
    }

    void checkNotClosedFor(String what) {
        if (status == TicketStatus.CLOSED) {
            throw new ConflictException("Ticket " + getNumber() + " is closed; " + what + " is not possible");
        }
    }

    void rescore() {
        smartDue = TicketScore.smartDue(new TicketScore.Inputs(status, priority, createdAt, sla.nextDeadline(),
                enrichment.customerTier(), enrichment.ltv(), enrichment.churnRisk(), enrichment.sentiment()));
    }

    void setSubject(String subject) {
        this.subject = subject;
    }

    void setPriority(TicketPriority priority) {
        this.priority = priority;
        rescore();
    }

    void setChannel(TicketChannel channel) {
        this.channel = channel;
    }

    void setLanguage(String language) {
        this.language = language;
    }

    void setCategory(String category) {
        this.category = category;
    }

    void setTags(List<String> tags) {
        this.tags = List.copyOf(tags);
    }

    void setMetadata(TicketMetadata metadata) {
        this.metadata = metadata;
    }

    void setAssigneeId(String assigneeId) {
        this.assigneeId = assigneeId;
    }

    void setCustomer(UUID customerId, String customerEmail) {
        this.customerId = customerId;
        this.customerEmail = customerEmail;
    }

    void setEnrichment(Enrichment enrichment) {
        this.enrichment = enrichment;
        rescore();
    }

    void setSla(SlaSnapshot sla) {
        this.sla = sla;
        rescore();
    }

    void touch(Instant now) {
        this.updatedAt = now;
    }

    void messageAt(Instant at) {
        if (lastMessageAt == null || at.isAfter(lastMessageAt)) {
            lastMessageAt = at;
        }
    }

    void delete(String by, Instant now) {
        this.deletedAt = now;
        this.deletedBy = by;
        this.updatedAt = now;
    }

    void versionSaved(long version) {
        this.version = version;
    }

    public UUID getId() {
        return id;
    }

    public String getNumber() {
        return "#" + number;
    }

    public long getNumberValue() {
        return number;
    }

    public String getSubject() {
        return subject;
    }

    public String getDescription() {
        return description;
    }

    public TicketStatus getStatus() {
        return status;
    }

    public TicketPriority getPriority() {
        return priority;
    }

    public TicketChannel getChannel() {
        return channel;
    }

    public String getLanguage() {
        return language;
    }

    public UUID getCustomerId() {
        return customerId;
    }

    public String getCustomerEmail() {
        return customerEmail;
    }

    public String getAssigneeId() {
        return assigneeId;
    }

    public String getCategory() {
        return category;
    }

    public List<String> getTags() {
        return tags;
    }

    public TicketMetadata getMetadata() {
        return metadata;
    }

    public Enrichment getEnrichment() {
        return enrichment;
    }

    public SlaSnapshot getSla() {
        return sla;
    }

    public Instant getSmartDue() {
        return smartDue;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getLastMessageAt() {
        return lastMessageAt;
    }

    public Instant getDeletedAt() {
        return deletedAt;
    }

    public String getDeletedBy() {
        return deletedBy;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public String getExternalSource() {
        return externalSource;
    }

    public String getExternalId() {
        return externalId;
    }

    public long getVersion() {
        return version;
    }
}
