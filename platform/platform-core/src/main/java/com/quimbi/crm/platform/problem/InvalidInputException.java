package com.quimbi.crm.platform.problem;

/** Input that passed bean validation but breaks a domain rule (e.g. HTML with a script): a 400 naming the field. */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
