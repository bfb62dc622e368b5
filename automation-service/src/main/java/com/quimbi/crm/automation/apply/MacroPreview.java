package com.quimbi.crm.automation.apply;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** What applying a macro to a ticket would do now: the rendered reply and note, and each field that would change. */
@Schema(description = "The rendered reply (plain and HTML), the rendered internal note and the changes, as of now.")
public record MacroPreview(UUID macroId, String macroName, UUID ticketId, String replyText, String replyHtml,
        String note, List<Change> changes) {

    /** A field of the ticket that would change (assignee: to an agent id). */
    public record Change(String field, Object from, Object to) {
    }
}
