package com.quimbi.crm.platform.problem;

import java.util.List;

import com.quimbi.crm.platform.problem.ProblemHandler.FieldError;

/**
 * Input that passed bean validation but breaks a domain rule (HTML with a script, overlapping working hours,
 * an unknown calendar id): a 400 naming the fields. In a consumer it marks the event as malformed (no retries).
 */
public class InvalidInputException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InvalidInputException(List<FieldError> errors) {
        super(errors.size() == 1 ? errors.getFirst().message() : "The request has invalid fields.");
        this.errors = List.copyOf(errors);
    }

    /** The first field at fault. */
    public String field() {
        return errors.getFirst().field();
    }

    public List<FieldError> errors() {
        return errors;
    }
}
