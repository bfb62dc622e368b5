package com.quimbi.crm.quimbi.insight;

import java.io.Serializable;
import java.util.List;

/** A reply an agent can edit and send; never sent automatically. */
public record ReplyDraft(String ticketId, String text, double confidence, List<String> suggestedActions,
        Source source) implements Serializable {
}
