package com.quimbi.crm.automation.rules;

/** Published (in the transaction) when a time rule was created, changed or deleted: due moments are re-planned. */
public record TimeRulesChanged() {
}
