package com.quimbi.crm.platform.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.quimbi.crm.platform.pagination.Cursor.InvalidCursorException;
import com.quimbi.crm.platform.web.RequestTooLargeException;
import com.quimbi.crm.platform.web.StorableText;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error leaves a service as RFC 9457 {@code application/problem+json}. Field errors are listed
 * under {@code errors} as {@code {field, message}} so the SPA can show them next to the input. Problem types and
 * the builder live in {@link Problems}. A JSON body with a property the request does not declare is a 400 naming
 * it with its path ({@code conditions.priority}); see {@code StrictRequestBodies}.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    public record FieldError(String field, String message) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors()
                .forEach(e -> errors.add(new FieldError(e.getField(), e.getDefaultMessage())));
        ex.getBindingResult().getGlobalErrors()
                .forEach(e -> errors.add(new FieldError(e.getObjectName(), e.getDefaultMessage())));
        return ResponseEntity.badRequest().body(validationProblem("The request has invalid fields.", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(e -> errors.add(
                new FieldError(r.getMethodParameter().getParameterName(), e.getDefaultMessage()))));
        return ResponseEntity.badRequest().body(validationProblem("The request has invalid parameters.", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestTooLargeException tooLarge = causeOf(ex, RequestTooLargeException.class);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
        }
        List<FieldError> errors = new ArrayList<>();
        String detail = "The request body is not valid JSON for this operation.";
        if (ex.getCause() instanceof DatabindException databind) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
            String message = switch (databind) {
                case UnrecognizedPropertyException unknown -> "is not a property of this request" + known(unknown);
                case StorableText.UnstorableTextException text -> text.reason();
                case InvalidFormatException invalid ->
                    "has an invalid value '" + invalid.getValue() + "'" + allowedValues(invalid.getTargetType());
                default -> "is not readable";
            };
            errors.add(new FieldError(field, message));
            detail = "Field '" + field + "' " + message + ".";
        }
        return ResponseEntity.badRequest().body(validationProblem(detail, errors));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
        String message = "has an invalid value '" + ex.getValue() + "'" + allowedValues(ex.getRequiredType());
        return ResponseEntity.badRequest().body(validationProblem("Parameter '" + ex.getName() + "' " + message + ".",
                List.of(new FieldError(ex.getName(), message))));
    }

    @ExceptionHandler(InvalidCursorException.class)
    ResponseEntity<ProblemDetail> invalidCursor(InvalidCursorException ex) {
        return ResponseEntity.badRequest().body(validationProblem(ex.getMessage(),
                List.of(new FieldError("cursor", ex.getMessage()))));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex) {
        List<FieldError> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage())).toList();
        return ResponseEntity.badRequest().body(validationProblem("The request has invalid fields.", errors));
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInputException ex) {
        String detail = ex.errors().size() == 1 ? "Field '" + ex.field() + "' " + ex.getMessage() + "."
                : ex.getMessage();
        return ResponseEntity.badRequest().body(validationProblem(detail, ex.errors()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
        return Problems.response(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found", ex.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException ex) {
        return Problems.response(HttpStatus.CONFLICT, Problems.CONFLICT, "Conflict", ex.getMessage());
    }

    @ExceptionHandler(PreconditionFailedException.class)
    ResponseEntity<ProblemDetail> preconditionFailed(PreconditionFailedException ex) {
        return Problems.response(HttpStatus.PRECONDITION_FAILED, Problems.PRECONDITION_FAILED, "Precondition failed",
                ex.getMessage());
    }

    /** A body read as a String or stream (not JSON) that grew past the limit while being read. */
    @ExceptionHandler(RequestTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(RequestTooLargeException ex, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CONNECTION, "close");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(ex));
    }

    /** Anything unexpected: log it with its stack, answer without internals. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        log.error("Unhandled error", ex);
        return Problems.response(HttpStatus.INTERNAL_SERVER_ERROR, null, "Internal error",
                "An unexpected error occurred. It has been logged.");
    }

    public static ProblemDetail validationProblem(String detail, List<FieldError> errors) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, Problems.VALIDATION, "Invalid request", detail);
        problem.setProperties(Map.of("errors", errors));
        return problem;
    }

    private static ProblemDetail tooLarge(RequestTooLargeException ex) {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, Problems.TOO_LARGE, "Content too large", ex.getMessage());
    }

    private static <T extends Throwable> T causeOf(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String known(UnrecognizedPropertyException ex) {
        if (ex.getKnownPropertyIds() == null || ex.getKnownPropertyIds().isEmpty()) {
            return "";
        }
        return " (known: " + String.join(", ", ex.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList())
                + ")";
    }

    private static String allowedValues(Class<?> type) {
        if (type != null && type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                names.add(com.quimbi.crm.contracts.WireFormat.wireName((Enum<?>) constant));
            }
            return " (allowed: " + String.join(", ", names) + ")";
        }
        return "";
    }
}
