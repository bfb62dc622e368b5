package com.quimbi.crm.platform.observability;

import org.slf4j.MDC;

import io.micrometer.context.ContextRegistry;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * A WebFlux application's side of the request id (the gateway): the id lives in the Reactor context, and with
 * {@code spring.reactor.context-propagation=auto} context-propagation restores it into the MDC (key
 * {@value RequestIds#MDC_KEY}) wherever the exchange runs, so every log line of the request carries it.
 */
public final class ReactiveRequestIds {

    private ReactiveRequestIds() {
    }

    /** The Reactor context with {@code requestId}: {@code chain.filter(exchange).contextWrite(...)}. */
    public static Context with(Context context, String requestId) {
        return context.put(RequestIds.MDC_KEY, requestId);
    }

    public static String of(ContextView context) {
        return context.getOrDefault(RequestIds.MDC_KEY, null);
    }

    /** Makes context-propagation move the Reactor context entry to and from the MDC. Idempotent. */
    static void registerMdcAccessor() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(RequestIds.MDC_KEY,
                () -> MDC.get(RequestIds.MDC_KEY),
                value -> MDC.put(RequestIds.MDC_KEY, value),
                () -> MDC.remove(RequestIds.MDC_KEY));
    }
}
