package com.quimbi.crm.automation.macro;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a macro changes on the ticket, each through the owning service's API. Fields left out change nothing.
 * Tags are added and removed (the rest of the ticket's tags stay). The note may use the reply's placeholders.
 */
@Schema(description = "Changes a macro makes. Each field is optional.")
public record MacroActions(
        @Pattern(regexp = "^(open|pending|on_hold|solved|closed)$", message = "must be open, pending, on_hold, solved or closed")
        @Schema(example = "pending") String status,
        @Pattern(regexp = "^(low|normal|high|urgent)$", message = "must be low, normal, high or urgent")
        @Schema(example = "high") String priority,
        @Size(max = 64) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String category,
        @Size(max = 20) List<@Pattern(regexp = TAG, message = TAG_MESSAGE) String> addTags,
        @Size(max = 20) List<@Pattern(regexp = TAG, message = TAG_MESSAGE) String> removeTags,
        @Pattern(regexp = "^(me|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$",
                message = "must be me or an agent id")
        @Schema(description = "me (the agent applying the macro) or an agent id; assignment-service's rules decide "
                + "(an agent may only take an unassigned ticket themself)") String assignee,
        @Size(max = 10_000) @Schema(description = "an internal note added to the ticket; placeholders allowed") String note) {

    /** ticket-service's tag format (Tags.PATTERN there). */
    static final String TAG = "^[A-Za-z0-9][A-Za-z0-9_:.-]{0,39}$";
    static final String TAG_MESSAGE = "must be 1-40 letters, digits, '_', ':', '.' or '-'";

    public static final MacroActions NONE = new MacroActions(null, null, null, List.of(), List.of(), null, null);

    public MacroActions {
        addTags = addTags == null ? List.of() : List.copyOf(addTags);
        removeTags = removeTags == null ? List.of() : List.copyOf(removeTags);
    }

    /** The ticket's tags after this macro: added ones at the end, removed ones gone, no duplicates. */
    public List<String> tagsAfter(List<String> current) {
        List<String> tags = new ArrayList<>(current);
        tags.removeAll(removeTags);
        for (String tag : addTags) {
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return tags;
    }
}
