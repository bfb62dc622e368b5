package com.quimbi.crm.ticket.ticket;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/** Where a ticket came from (form source, UTM parameters, referrer). */
@Schema(description = "Origin of the ticket: source, UTM parameters, referrer")
public record TicketMetadata(
        @Size(max = 100) @Schema(example = "help-center-form") String source,
        @Size(max = 200) String utmSource,
        @Size(max = 200) String utmMedium,
        @Size(max = 200) String utmCampaign,
        @Size(max = 200) String utmTerm,
        @Size(max = 200) String utmContent,
        @Size(max = 2048) String referrer) {

    public static final TicketMetadata EMPTY = new TicketMetadata(null, null, null, null, null, null, null);
}
