package com.quimbi.crm.platform.observability;

import java.util.Optional;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/**
 * The W3C {@code traceparent} of the current span, so that work which leaves this process outside an
 * instrumented client (an outbox row relayed later by Debezium) can continue the same trace.
 */
public class TraceContext {

    private final Tracer tracer;

    public TraceContext(Tracer tracer) {
        this.tracer = tracer;
    }

    public Optional<String> currentTraceparent() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return Optional.empty();
        }
        var context = span.context();
        String flags = Boolean.TRUE.equals(context.sampled()) ? "01" : "00";
        return Optional.of("00-" + context.traceId() + "-" + context.spanId() + "-" + flags);
    }
}
