package com.quimbi.crm.integration.mail;

/** A recorded mail Jakarta Mail cannot read at all (it stays recorded, marked failed, for an admin to look at). */
public class UnreadableMailException extends RuntimeException {

    public UnreadableMailException(String message, Throwable cause) {
        super(message, cause);
    }
}
