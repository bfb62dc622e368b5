package com.quimbi.crm.integration.shopify;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.quimbi.crm.platform.problem.Problems;

/** Shopify unreachable (timeouts, 5xx after retries, breaker open) is a 503, never a 500. */
@RestControllerAdvice
class ShopifyProblems {

    @ExceptionHandler(ShopifyUnavailableException.class)
    ProblemDetail shopifyUnavailable(ShopifyUnavailableException e) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, URI.create("about:blank"), "Shopify unavailable",
                "Shopify did not answer; try again later.");
    }
}
