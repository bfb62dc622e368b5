package com.quimbi.crm.platform.web;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import com.quimbi.crm.platform.problem.Problems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A bound on the requests a service handles at once. Tomcat on virtual threads accepts every request, and each one
 * holds memory while it waits for a database connection: past the machine's capacity that ends in a heap that
 * gives out and seconds-long waits for everyone. Here a request waits at most {@code maxWait} for a permit and is
 * otherwise answered at once with a {@code 503} problem and {@code Retry-After}, so the accepted ones stay fast and
 * clients back off. Health and metrics ({@code /actuator}) are never shed: an orchestrator must see an overloaded
 * instance as alive.
 */
public class InFlightLimit extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "1";

    private final Semaphore permits;
    private final int limit;
    private final long maxWaitMillis;
    private final AtomicLong shed = new AtomicLong();

    public InFlightLimit(int limit, long maxWaitMillis) {
        if (limit < 1) {
            throw new IllegalArgumentException("crm.web.max-in-flight must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
        this.maxWaitMillis = maxWaitMillis;
    }

    /** A service's default: four requests per database connection (the rest of a request's time is not SQL). */
    public static int defaultLimit(int poolSize) {
        return Math.max(16, 4 * poolSize);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            shed.incrementAndGet();
            response.setStatus(503);
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"type\":\"" + Problems.OVERLOADED + "\",\"title\":\"Service overloaded\","
                    + "\"status\":503,\"detail\":\"The service is handling as many requests as it can; retry after "
                    + RETRY_AFTER_SECONDS + " s.\"}");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    /** Requests answered 503 because no permit came in time ({@code crm_http_requests_shed_total}). */
    public long shed() {
        return shed.get();
    }

    public int inFlight() {
        return limit - permits.availablePermits();
    }

    public int limit() {
        return limit;
    }
}
