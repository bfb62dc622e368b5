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

    /** For the store: a ticket as persisted. */
    public Ticket(UUID id, long number, String subject, String description, TicketStatus status,
            TicketPriority priority, TicketChannel channel, String language, UUID customerId, String customerEmail,
            String assigneeId, String category, List<String> tags, TicketMetadata metadata, Enrichment enrichment,
            SlaSnapshot sla, Instant smartDue, String createdBy, Instant createdAt, Instant updatedAt,
            Instant lastMessageAt, Instant deletedAt, String deletedBy, String externalSource, String externalId,
            long version) {
        this.id = id;
        this.number = number;
        this.subject = subject;
        this.description = description;
        this.status = status;
        this.priority = priority;
        this.channel = channel;
        this.language = language;
        this.customerId = customerId;
        this.customerEmail = customerEmail;
        this.assigneeId = assigneeId;
        this.category = category;
        this.tags = List.copyOf(tags);
        this.metadata = metadata;
        this.enrichment = enrichment;
        this.sla = sla;
        this.smartDue = smartDue;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.lastMessageAt = lastMessageAt;
        this.deletedAt = deletedAt;
        this.deletedBy = deletedBy;
        this.externalSource = externalSource;
        this.externalId = externalId;
        this.version = version;
    }

    static Ticket open(UUID id, long number, String subject, String description, TicketPriority priority,
            TicketChannel channel, String language, UUID customerId, String customerEmail, List<String> tags,
            TicketMetadata metadata, String createdBy, Instant now, String externalSource, String externalId,
            TicketStatus status) {
        Ticket t = new Ticket(id, number, subject, description, status, priority, channel, language, customerId,
                customerEmail, null, null, tags, metadata, Enrichment.NONE, SlaSnapshot.NONE, null, createdBy, now,
                now, null, null, null, externalSource, externalId, 0);
        t.rescore();
        return t;
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
