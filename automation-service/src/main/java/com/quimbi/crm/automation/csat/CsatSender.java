package com.quimbi.crm.automation.csat;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.quimbi.crm.automation.polling.DuePoller;

/** Due surveys every {@code poll-interval} (1 s), one per transaction ({@link CsatSurveys#sendNextDue()}). */
@Component
@ConditionalOnProperty(name = "crm.automation.csat.scheduler-enabled", havingValue = "true", matchIfMissing = true)
class CsatSender extends DuePoller {

    CsatSender(CsatSurveys surveys, CsatProperties properties) {
        super("csat-surveys", properties.pollInterval(), surveys::sendNextDue);
    }
}
