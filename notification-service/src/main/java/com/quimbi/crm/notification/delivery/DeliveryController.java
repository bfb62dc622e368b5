package com.quimbi.crm.notification.delivery;

import java.util.UUID;

import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.pagination.CursorPage;
import com.quimbi.crm.platform.security.CurrentActor;
import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Alert deliveries")
@ApiResponse(responseCode = "400", description = "Invalid status or cursor",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class DeliveryController {

    private final DeliveryService deliveries;

    DeliveryController(DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping("/api/notifications/deliveries")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Alert deliveries", description = "Role: supervisor or above. Newest first, keyset-paginated; "
            + "status = pending, sent or failed (failed: after the last retry, or refused for good).")
    CursorPage<DeliveryView> list(@RequestParam(required = false) DeliveryStatus status,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return deliveries.list(status, cursor, limit);
    }

    @GetMapping("/api/notifications/deliveries/{id}")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "One delivery", description = "Role: supervisor or above.")
    @ApiResponse(responseCode = "404", description = "No such delivery",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    DeliveryView get(@PathVariable UUID id) {
        return deliveries.get(id);
    }

    @PostMapping("/api/notifications/deliveries/{id}/retry")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Retry a failed delivery", description = "Role: supervisor or above. Pending again with a "
            + "fresh set of attempts; it goes out with its destination's next batch.")
    @ApiResponse(responseCode = "404", description = "No such delivery",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "Not failed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    DeliveryView retry(@PathVariable UUID id) {
        String actor = CurrentActor.get().id();
        return deliveries.retry(id, actor == null ? "system" : actor);
    }
}
