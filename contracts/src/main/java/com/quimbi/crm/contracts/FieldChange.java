package com.quimbi.crm.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One field's old and new value in {@code ticket.updated} / {@code customer.updated} {@code changes}; a side that
 * was null is left out. The values are open (a string, number, list, ...): whatever the field holds on the wire.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FieldChange(Object old, @JsonProperty("new") Object value) {
}
