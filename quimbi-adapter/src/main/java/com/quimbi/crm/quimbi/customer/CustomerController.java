package com.quimbi.crm.quimbi.customer;

import java.util.UUID;

import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.security.Roles;
import com.quimbi.crm.quimbi.insight.CustomerDna;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/ai/customers")
@Tag(name = "Customer intelligence")
class CustomerController {

    private final CustomerInsights insights;

    CustomerController(CustomerInsights insights) {
        this.insights = insights;
    }

    @GetMapping("/{id}/dna")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Customer DNA", description = "Role: agent or above. Archetype, segments and traits, from "
            + "Quimbi (cached 15 minutes) or the fallback heuristics (source \"fallback\"). A customer the adapter "
            + "has never seen gets the \"unknown\" archetype.")
    @ApiResponse(responseCode = "200", description = "The profile")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    CustomerDna dna(@PathVariable UUID id) {
        return insights.dna(id.toString());
    }

    @GetMapping("/{id}/churn")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Churn risk and lifetime value", description = "Role: agent or above. Probability of churn "
            + "in the next 90 days with its drivers, LTV and tier; from Quimbi (cached 15 minutes) or the RFM "
            + "heuristic (source \"fallback\").")
    @ApiResponse(responseCode = "200", description = "The risk")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    CustomerRisk churn(@PathVariable UUID id) {
        return insights.risk(id.toString());
    }
}
