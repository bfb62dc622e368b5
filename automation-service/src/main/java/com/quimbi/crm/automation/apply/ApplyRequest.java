package com.quimbi.crm.automation.apply;

import io.swagger.v3.oas.annotations.media.Schema;

/** Options of an application; the body may be left out. */
@Schema(description = "sendReply false: do the actions only and return the rendered reply for the composer.")
public record ApplyRequest(@Schema(defaultValue = "true") Boolean sendReply) {

    boolean sendsReply() {
        return sendReply == null || sendReply;
    }
}
