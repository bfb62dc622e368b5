package com.quimbi.crm.platform.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The problem types every servlet service answers with, and the one way to build an RFC 9457 body. A service's
 * own failure (Keycloak down, a role it may not grant) builds its problem here too, with a type of its own.
 */
public final class Problems {

    private static final String BASE = "https://supportcrm.dev/problems/";

    public static final URI VALIDATION = type("validation");
    public static final URI NOT_FOUND = type("not-found");
    public static final URI CONFLICT = type("conflict");
    public static final URI PRECONDITION_FAILED = type("precondition-failed");
    public static final URI TOO_LARGE = type("too-large");
    public static final URI UNAVAILABLE = type("unavailable");
    public static final URI OVERLOADED = type("overloaded");

    private Problems() {
    }

    /** {@code https://supportcrm.dev/problems/<name>}. */
    public static URI type(String name) {
        return URI.create(BASE + name);
    }

    public static ProblemDetail of(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (type != null) {
            problem.setType(type);
        }
        problem.setTitle(title);
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(HttpStatus status, URI type, String title, String detail) {
        return ResponseEntity.status(status).body(of(status, type, title, detail));
    }
}
