package com.quimbi.crm.ticket.customer;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the customer API. */
public final class CustomerRequests {

    private CustomerRequests() {
    }

    // "" is allowed where a PATCH may clear the field; the lengths are the contracts' (customer.created)
    static final String LANGUAGE = "^$|^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$";
    static final String PHONE = "^$|^\\+?[0-9 ()./-]{3,40}$";

    @Schema(description = "External ids of the same person in other systems, stored as strings.")
    public record ExternalRefs(@Size(max = 64) String shopifyCustomerId, @Size(max = 64) String gorgiasCustomerId) {
    }

    public record Preferences(
            @Size(max = 35) @Pattern(regexp = LANGUAGE, message = "must be a language tag such as en or pt-BR") String language,
            @Size(max = 64) @Pattern(regexp = "^$|^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$", message = "must be an IANA time zone such as Europe/Madrid") String timezone,
            @Pattern(regexp = "^$|^(email|chat|phone|web|social|api)$", message = "must be one of email, chat, phone, web, social, api") String preferredChannel) {
    }

    @Schema(description = "A new customer; the email must not belong to another customer.")
    public record CreateCustomer(
            @NotBlank @Email @Size(max = 320) @Schema(example = "maria.lopez@example.com") String email,
            @Size(max = 200) @Schema(example = "María López") String name,
            @Size(max = 40) @Pattern(regexp = PHONE, message = "must be a phone number") String phone,
            @Valid ExternalRefs externalRefs,
            @Valid Preferences preferences) {
    }

    @Schema(description = "A partial update: fields left out (or null) keep their value.")
    public record UpdateCustomer(
            @Email @Size(min = 3, max = 320) String email,
            @Size(max = 200) String name,
            @Size(max = 40) @Pattern(regexp = PHONE, message = "must be a phone number") String phone,
            @Valid ExternalRefs externalRefs,
            @Valid Preferences preferences) {
    }

    @Schema(description = "The customer to fold into this one; its tickets move here and it stops being listed.")
    public record MergeCustomers(@NotNull UUID sourceCustomerId) {
    }
}
