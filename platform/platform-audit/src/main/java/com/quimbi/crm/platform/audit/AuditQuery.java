package com.quimbi.crm.platform.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.ProblemHandler.FieldError;

/**
 * The filters of an audit search; each one optional, all of them together (AND). {@code actor} is a subject or a
 * username; {@code from} is inclusive, {@code to} exclusive.
 */
public record AuditQuery(String actor, String action, String resourceType, String resourceId, Instant from,
        Instant to) {

    static final int MAX_TEXT = 255;

    /** Refuses what can match nothing for a reason the caller should know: a 400 naming the fields. */
    public AuditQuery validated() {
        List<FieldError> errors = new ArrayList<>();
        text("actor", actor, errors);
        text("action", action, errors);
        text("resourceType", resourceType, errors);
        text("resourceId", resourceId, errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new FieldError("from", "must be before to"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return this;
    }

    private static void text(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
        } else if (value.length() > MAX_TEXT) {
            errors.add(new FieldError(field, "must be at most " + MAX_TEXT + " characters"));
        }
    }
}
