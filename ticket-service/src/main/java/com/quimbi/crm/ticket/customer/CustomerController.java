package com.quimbi.crm.ticket.customer;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.pagination.CursorPage;
import com.quimbi.crm.platform.security.CurrentActor;
import com.quimbi.crm.platform.security.Roles;
import com.quimbi.crm.platform.web.ETags;
import com.quimbi.crm.ticket.customer.CustomerRequests.CreateCustomer;
import com.quimbi.crm.ticket.customer.CustomerRequests.MergeCustomers;
import com.quimbi.crm.ticket.customer.CustomerRequests.UpdateCustomer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/customers")
@Tag(name = "Customers")
@ApiResponse(responseCode = "400", description = "Invalid input",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class CustomerController {

    private final CustomerService customers;
    private final CustomerMerge merge;

    CustomerController(CustomerService customers, CustomerMerge merge) {
        this.customers = customers;
        this.merge = merge;
    }

    @PostMapping
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Create a customer", description = "Role: agent or above. 409 when the email is taken. "
            + "Publishes customer.created.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "409", description = "A customer with this email exists",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<CustomerResponse> create(@Valid @RequestBody CreateCustomer request) {
        Customer customer = customers.create(request, CurrentActor.get());
        return ResponseEntity.created(URI.create("/api/customers/" + customer.id()))
                .eTag(ETags.of(customer.version())).body(CustomerResponse.of(customer));
    }

    @GetMapping
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Find customers", description = "Role: agent or above. email: exact address; q: prefix of "
            + "email or name. Newest first, keyset-paginated (limit 1-200).")
    CursorPage<CustomerResponse> search(@RequestParam(required = false) String email,
            @RequestParam(required = false) String q, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        CursorPage<Customer> page = customers.search(email, q, cursor, limit);
        return new CursorPage<>(page.items().stream().map(CustomerResponse::of).toList(), page.nextCursor());
    }

    @GetMapping("/{id}")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Get a customer", description = "Role: agent or above. A merged customer shows mergedInto.")
    @ApiResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<CustomerResponse> get(@PathVariable UUID id) {
        Customer customer = customers.get(id);
        return ResponseEntity.ok().eTag(ETags.of(customer.version())).body(CustomerResponse.of(customer));
    }

    @PatchMapping("/{id}")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Change a customer", description = "Role: agent or above. Partial update; an empty string "
            + "clears a field. If-Match guards against concurrent changes (412). Publishes customer.updated.")
    ResponseEntity<CustomerResponse> update(@PathVariable UUID id, @Valid @RequestBody UpdateCustomer request,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        Customer customer = customers.update(id, request, ETags.ifMatch(ifMatch), CurrentActor.get());
        return ResponseEntity.ok().eTag(ETags.of(customer.version())).body(CustomerResponse.of(customer));
    }

    record MergeResult(CustomerResponse customer, int movedTickets) {
    }

    @PostMapping("/{id}/merge")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Merge another customer into this one", description = "Role: agent or above. All tickets "
            + "of sourceCustomerId move here; it then points here (mergedInto). Publishes customer.merged and "
            + "ticket.updated for each moved ticket.")
    @ApiResponse(responseCode = "409", description = "One of them was already merged",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    MergeResult merge(@PathVariable UUID id, @Valid @RequestBody MergeCustomers request) {
        CustomerMerge.Result result = merge.merge(id, request.sourceCustomerId(), CurrentActor.get());
        return new MergeResult(CustomerResponse.of(result.customer()), result.movedTickets());
    }
}
