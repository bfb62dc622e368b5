package com.quimbi.crm.automation.macro;

import java.time.Instant;
import java.util.UUID;

/** A saved reply with actions. scope: personal (ownerId's), team (team's members) or shared (everyone). */
public record Macro(UUID id, String name, String scope, String ownerId, String team, String replyText,
        String replyHtml, MacroActions actions, long usageCount, Instant lastUsedAt, Instant createdAt,
        Instant updatedAt, long version) {

    public static final String PERSONAL = "personal";
    public static final String TEAM = "team";
    public static final String SHARED = "shared";
}
