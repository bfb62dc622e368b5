package com.quimbi.crm.automation.csat;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The customer's survey page (no login; the signed token in the path is checked first). A rating link from the
 * e-mail records the rating at once and shows the page with a comment form.
 */
@RestController
@RequestMapping("/api/csat/{token}")
@Tag(name = "CSAT survey page")
@SecurityRequirements
@ApiResponse(responseCode = "400", description = "Not a rating of the survey's scale, comment too long", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "404", description = "Not a valid survey link", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "410", description = "The link has expired", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class CsatPageController {

    private final CsatSurveys surveys;

    CsatPageController(CsatSurveys surveys) {
        this.surveys = surveys;
    }

    @GetMapping
    @Operation(summary = "The survey page; with ?rating= records that rating (one click from the e-mail)",
            description = "Public: the token authenticates. rating: good/bad or 1-5 (the survey's scale); the same "
                    + "link again changes the rating until the ticket is closed (409 after).")
    @ApiResponse(responseCode = "409", description = "The ticket is closed", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<String> page(@PathVariable String token, @RequestParam(required = false) String rating) {
        CsatSurveys.SurveyView view = rating == null ? surveys.view(token) : surveys.rate(token, rating, null);
        return html(CsatPage.render(view, rating != null));
    }

    @PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(summary = "Rate with a comment (the page's form)", description = "Public: the token authenticates. "
            + "Form fields rating and comment (at most 2,000 characters; empty clears it).")
    @ApiResponse(responseCode = "409", description = "The ticket is closed", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<String> submit(@PathVariable String token, @RequestParam String rating,
            @RequestParam(required = false) String comment) {
        return html(CsatPage.render(surveys.rate(token, rating, comment), true));
    }

    private static ResponseEntity<String> html(String page) {
        // the token is in the URL: never cached, never sent on as a Referer, never indexed
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "noindex")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; form-action 'self'; frame-ancestors 'none'")
                .body(page);
    }
}
