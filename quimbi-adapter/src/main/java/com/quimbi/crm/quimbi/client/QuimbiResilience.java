package com.quimbi.crm.quimbi.client;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * resilience4j around Quimbi, built from {@link QuimbiProperties} (so the validated values are the ones in
 * force). Order, outermost first: retry → circuit breaker → bulkhead → HTTP call with its own timeouts.
 * One breaker for all operations: they share one backend, and its health is what the breaker tracks.
 * Metrics: resilience4j_circuitbreaker_*, resilience4j_retry_*, resilience4j_bulkhead_* tagged name=quimbi.
 */
@Component
public class QuimbiResilience {

    public static final String NAME = "quimbi";

    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final Bulkhead bulkhead;

    QuimbiResilience(QuimbiProperties properties, MeterRegistry meters) {
        QuimbiProperties.CircuitBreaker cb = properties.circuitBreaker();
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(cb.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(cb.slidingWindowSize())
                .minimumNumberOfCalls(cb.minimumNumberOfCalls())
                .waitDurationInOpenState(cb.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(cb.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .slowCallDurationThreshold(cb.slowCallDuration())
                // Quimbi's health: outages and garbage count; our own mistakes (4xx) and unknown customers don't
                .recordException(e -> e instanceof QuimbiException.Unavailable
                        || e instanceof QuimbiException.BadResponse)
                .ignoreExceptions(QuimbiException.Rejected.class, QuimbiException.NotFound.class,
                        BulkheadFullException.class)
                .build());
        this.circuitBreaker = breakers.circuitBreaker(NAME);

        QuimbiProperties.Retry r = properties.retry();
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(r.initialBackoff(), r.multiplier(),
                        r.jitter()))
                // a refused call (open circuit, full bulkhead) or a 4xx will not get better by retrying
                .retryOnException(e -> e instanceof QuimbiException.Unavailable u && u.retryable())
                .failAfterMaxAttempts(false)
                .build());
        this.retry = retries.retry(NAME);

        QuimbiProperties.Bulkhead b = properties.bulkhead();
        BulkheadRegistry bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(b.maxConcurrentCalls())
                .maxWaitDuration(b.maxWait())
                .build());
        this.bulkhead = bulkheads.bulkhead(NAME);

        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
    }

    <T> T execute(boolean idempotent, Supplier<T> call) {
        Supplier<T> guarded = CircuitBreaker.decorateSupplier(circuitBreaker, Bulkhead.decorateSupplier(bulkhead, call));
        if (idempotent) {
            guarded = Retry.decorateSupplier(retry, guarded);
        }
        return guarded.get();
    }

    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    public Retry retry() {
        return retry;
    }

    public Bulkhead bulkhead() {
        return bulkhead;
    }
}
