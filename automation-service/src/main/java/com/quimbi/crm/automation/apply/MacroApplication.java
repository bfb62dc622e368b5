package com.quimbi.crm.automation.apply;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One application of a macro: what was done. {@code replayed} is true when the same Idempotency-Key was applied
 * before and this is the first answer again (nothing was done twice).
 */
public record MacroApplication(UUID applicationId, UUID macroId, UUID ticketId, String replyText, String replyHtml,
        String note, List<MacroPreview.Change> changes, boolean replySent, Instant appliedAt, boolean replayed) {

    MacroApplication replay() {
        return new MacroApplication(applicationId, macroId, ticketId, replyText, replyHtml, note, changes, replySent,
                appliedAt, true);
    }
}
