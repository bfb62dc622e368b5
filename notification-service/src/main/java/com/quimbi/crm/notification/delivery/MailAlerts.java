package com.quimbi.crm.notification.delivery;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import com.quimbi.crm.notification.config.AlertProperties;
import com.quimbi.crm.notification.rules.AlertItem;

/** E-mail alerts through SMTP (spring.mail.*: GreenMail in the local stack and the tests): one mail per batch. */
@Component
class MailAlerts {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ObjectProvider<JavaMailSender> mail;
    private final AlertProperties properties;

    MailAlerts(ObjectProvider<JavaMailSender> mail, AlertProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    /** Sends; a {@link MailException} says why not. Returns no message reference. */
    String send(String to, List<AlertItem> items) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("no SMTP server configured (spring.mail.host)");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.mail().from());
        message.setTo(to);
        message.setSubject(subject(items));
        message.setText(body(items));
        sender.send(message);
        return null;
    }

    static String subject(List<AlertItem> items) {
        if (items.size() == 1) {
            return oneLine("[CRM] " + items.getFirst().headline() + ": " + items.getFirst().title());
        }
        return "[CRM] " + items.size() + " alerts";
    }

    static String body(List<AlertItem> items) {
        StringBuilder text = new StringBuilder();
        for (AlertItem item : items) {
            text.append(item.headline()).append(": ").append(oneLine(item.title())).append('\n');
            line(text, "Priority", item.priority());
            line(text, "Customer", item.customer());
            line(text, "Tier", item.tier());
            line(text, "Holder", item.assigneeName());
            line(text, "SLA deadline", item.deadline() == null ? null : UTC.format(item.deadline()));
            line(text, "Note", item.detail());
            line(text, "Open", item.link());
            text.append('\n');
        }
        text.append("-- \nSupport CRM alerts. Rules: /api/notifications/rules\n");
        return text.toString();
    }

    private static void line(StringBuilder text, String name, String value) {
        if (value != null && !value.isBlank()) {
            text.append("  ").append(name).append(": ").append(value).append('\n');
        }
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("[\\r\\n]+", " ");
        return flat.length() > 200 ? flat.substring(0, 199) + "…" : flat;
    }
}
