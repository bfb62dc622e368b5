package com.quimbi.crm.platform.observability;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.sentry.Sentry;
import io.sentry.SentryOptions;
import io.sentry.logback.SentryAppender;

/**
 * Sends every ERROR log line, with its exception, to Sentry, and keeps INFO and WARN lines as breadcrumbs. Off unless
 * {@code SENTRY_DSN} is set. Hooked to Logback rather than to the web layer: an unhandled request error is logged at
 * ERROR by the problem handler (servlet services) or by Spring (the gateway), and so is a failure in a Kafka
 * listener or a scheduler, so one hook catches all of them. Personal data stays out ({@code sendDefaultPii=false}).
 */
public class ErrorTracking implements DisposableBean {

    static final String APPENDER = "SENTRY";

    private final SentryAppender appender;

    public ErrorTracking(String dsn, String environment, String service, String release) {
        SentryOptions options = new SentryOptions();
        options.setDsn(dsn);
        options.setEnvironment(environment);
        options.setServerName(service);
        options.setRelease(service + "@" + release);
        options.setSendDefaultPii(false);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender = new SentryAppender();
        appender.setName(APPENDER);
        appender.setContext(context);
        appender.setOptions(options);
        appender.setMinimumEventLevel(Level.ERROR);
        appender.setMinimumBreadcrumbLevel(Level.INFO);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    /** Sends what is queued before the process ends (a crash report is worth the wait). */
    public void flush() {
        Sentry.flush(2_000);
    }

    @Override
    public void destroy() {
        flush();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
        Sentry.close();
    }
}
