package com.quimbi.crm.integration.mail;

import java.util.Properties;

import com.quimbi.crm.integration.mailbox.MailProperties;
import com.quimbi.crm.integration.mailbox.Mailbox;

import jakarta.mail.Session;

/** Jakarta Mail sessions for a mailbox's IMAP and SMTP servers, with timeouts (never a hanging poll or send). */
final class MailSessions {

    private MailSessions() {
    }

    static String imapProtocol(Mailbox mailbox) {
        return mailbox.imapTls() ? "imaps" : "imap";
    }

    static Session imap(Mailbox mailbox, MailProperties properties) {
        return imap(mailbox, properties, properties.readTimeout());
    }

    /** The connection held in IDLE: its reads wait longer than one IDLE lasts before it is re-issued. */
    static Session imapIdle(Mailbox mailbox, MailProperties properties) {
        return imap(mailbox, properties, properties.idleRenewInterval().plus(properties.readTimeout()));
    }

    private static Session imap(Mailbox mailbox, MailProperties properties, java.time.Duration readTimeout) {
        String p = "mail." + imapProtocol(mailbox) + ".";
        Properties props = new Properties();
        props.put(p + "connectiontimeout", String.valueOf(properties.connectTimeout().toMillis()));
        props.put(p + "timeout", String.valueOf(readTimeout.toMillis()));
        props.put(p + "writetimeout", String.valueOf(properties.readTimeout().toMillis()));
        props.put(p + "partialfetch", "false");
        if (mailbox.imapTls()) {
            props.put(p + "ssl.checkserveridentity", "true");
        } else {
            props.put(p + "starttls.enable", "true");
        }
        return Session.getInstance(props);
    }

    /** SMTP: 465 = implicit TLS; with TLS on another port STARTTLS is required; auth when a username is set. */
    static Session smtp(Mailbox mailbox, MailProperties properties) {
        boolean implicitTls = mailbox.smtpTls() && mailbox.smtpPort() == 465;
        String protocol = implicitTls ? "smtps" : "smtp";
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put("mail.transport.protocol", protocol);
        props.put(p + "host", mailbox.smtpHost());
        props.put(p + "port", String.valueOf(mailbox.smtpPort()));
        props.put(p + "auth", String.valueOf(mailbox.username() != null && !mailbox.username().isBlank()));
        props.put(p + "connectiontimeout", String.valueOf(properties.connectTimeout().toMillis()));
        props.put(p + "timeout", String.valueOf(properties.readTimeout().toMillis()));
        props.put(p + "writetimeout", String.valueOf(properties.readTimeout().toMillis()));
        if (mailbox.smtpTls()) {
            props.put(p + "ssl.checkserveridentity", "true");
            if (!implicitTls) {
                props.put(p + "starttls.enable", "true");
                props.put(p + "starttls.required", "true");
            }
        }
        return Session.getInstance(props);
    }
}
