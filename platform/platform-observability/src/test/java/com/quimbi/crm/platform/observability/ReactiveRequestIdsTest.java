package com.quimbi.crm.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class ReactiveRequestIdsTest {

    @AfterEach
    void reset() {
        Hooks.disableAutomaticContextPropagation();
    }

    @Test
    void theRequestIdInTheReactorContextIsInTheMdcOnWhateverThreadTheExchangeRuns() {
        ReactiveRequestIds.registerMdcAccessor();
        Hooks.enableAutomaticContextPropagation();

        String seen = Mono.fromCallable(() -> MDC.get("requestId"))
                .subscribeOn(Schedulers.boundedElastic())
                .contextWrite(context -> ReactiveRequestIds.with(context, "req-7"))
                .block();

        assertThat(seen).isEqualTo("req-7");
        assertThat(MDC.get("requestId")).isNull();
    }
}
