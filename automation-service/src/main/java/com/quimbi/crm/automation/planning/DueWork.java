package com.quimbi.crm.automation.planning;

/**
 * Work the rule scheduler's threads drain besides time rules (event-rule firings waiting for ticket-service): one
 * item per call, in its own transaction, false when nothing is due.
 */
public interface DueWork {

    boolean runNext();
}
