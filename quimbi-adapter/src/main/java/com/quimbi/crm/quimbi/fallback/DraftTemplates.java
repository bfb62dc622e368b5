package com.quimbi.crm.quimbi.fallback;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.quimbi.crm.quimbi.insight.DraftContext;
import com.quimbi.crm.quimbi.insight.ReplyDraft;
import com.quimbi.crm.quimbi.insight.Source;

/**
 * Reply drafts from templates: a greeting by name, an acknowledgement matched to the sentiment, a body per
 * category filled with the ticket's number and any order number in its text, and next steps. An agent
 * edits and sends it; it is never sent on its own.
 */
public final class DraftTemplates {

    private static final Pattern ORDER = Pattern.compile("#(\\d{3,})");

    private static final Map<String, String> BODIES = Map.of(
            "billing", "I've looked into the charge{order}. I'm checking the payment with our billing team now, "
                    + "and if anything was taken in error it will be refunded to the original payment method "
                    + "(refunds show on statements within 5–10 business days).",
            "shipping", "I've checked the delivery status{order}. I'm contacting the carrier for an update and "
                    + "will come back to you with a firm delivery date; if the parcel is lost we'll send a "
                    + "replacement or refund you, whichever you prefer.",
            "returns", "I can help with the return{order}. I'll send a prepaid return label to your email; once "
                    + "the item is back with us the refund or exchange is processed within 3 business days.",
            "product", "Thanks for the details about the item{order}. If it arrived damaged or faulty we'll "
                    + "replace it at no cost — a photo of the problem helps us speed this up.",
            "account", "I can help with your account. For your security I've sent a verification link to the "
                    + "email on file; once confirmed, the change takes effect straight away.",
            "technical", "Sorry the site gave you trouble. I've passed the details to our web team; in the "
                    + "meantime, I can place the order for you or hold the price until it's fixed.",
            "general", "Thanks for getting in touch. Here is the information you asked for, and I'm happy to "
                    + "help with anything else.");

    private static final Map<String, List<String>> ACTIONS = Map.of(
            "billing", List.of("check_payment", "refund_if_duplicate"),
            "shipping", List.of("contact_carrier", "offer_replacement_or_refund"),
            "returns", List.of("send_return_label"),
            "product", List.of("request_photo", "offer_replacement"),
            "account", List.of("send_verification_link"),
            "technical", List.of("report_bug", "offer_assisted_order"),
            "general", List.of());

    private DraftTemplates() {
    }

    public static ReplyDraft draft(DraftContext c) {
        String category = BODIES.containsKey(c.category()) ? c.category() : "general";
        String name = c.customerName() == null || c.customerName().isBlank() ? "there" : c.customerName();
        String greeting = "Hi " + name + ",";
        String acknowledgement = switch (c.sentiment() == null ? "neutral" : c.sentiment()) {
            case "negative" -> "I'm sorry about this — I understand how frustrating it is, and I'm on it.";
            case "positive" -> "Thank you for your kind words, it means a lot to the team.";
            default -> "Thanks for reaching out about " + quoteSubject(c.subject()) + ".";
        };
        String order = orderNumber(c);
        String body = BODIES.get(category).replace("{order}", order == null ? "" : " for order #" + order);
        body = body + latestOrder(c.latestOrder());
        String vip = "vip".equals(c.tier()) ? " As one of our valued customers, you have priority handling." : "";
        String reference = c.number() == null ? "" : " Your reference is " + c.number() + ".";
        String text = greeting + "\n\n" + acknowledgement + " " + body + vip + "\n\n"
                + "I'll keep you posted." + reference + "\n\nBest regards,";
        // a template can't know the facts: it is a starting point, so the confidence stays modest
        return new ReplyDraft(c.ticketId(), text, 0.5, ACTIONS.get(category), Source.FALLBACK);
    }

    /** " Your latest order #1001 is paid and fulfilled; it is on its way with UPS, tracking number 1Z…: <url>." */
    static String latestOrder(com.quimbi.crm.quimbi.insight.LatestOrder o) {
        if (o == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(" Your latest order ").append(o.name());
        String status = java.util.stream.Stream.of(o.financialStatus(), o.fulfillmentStatus())
                .filter(java.util.Objects::nonNull).map(s -> s.replace('_', ' '))
                .collect(java.util.stream.Collectors.joining(" and "));
        if (!status.isEmpty()) {
            text.append(" is ").append(status);
        }
        if (o.trackingNumber() != null) {
            text.append(status.isEmpty() ? " is" : ";").append(" it is on its way")
                    .append(o.trackingCompany() == null ? "" : " with " + o.trackingCompany())
                    .append(", tracking number ").append(o.trackingNumber());
            if (o.trackingUrl() != null) {
                text.append(": ").append(o.trackingUrl());
            }
        }
        return text.append('.').toString();
    }

    private static String quoteSubject(String subject) {
        return subject == null || subject.isBlank() ? "your request" : "\u201c" + subject.strip() + "\u201d";
    }

    private static String orderNumber(DraftContext c) {
        for (String text : new String[] { c.subject(), c.body() }) {
            if (text != null) {
                Matcher m = ORDER.matcher(text);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }
}
