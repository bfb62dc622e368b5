package com.quimbi.crm.integration.mail;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.quimbi.crm.integration.mail.internal.MailStore;
import com.quimbi.crm.integration.mail.internal.MailStore.MailTicket;

/**
 * Which ticket an inbound mail belongs to, in this order: In-Reply-To / References naming one of our outbound
 * Message-IDs; a recipient {@code <mailbox local>+<token>@<domain>} (the reply-to of our replies); a {@code [#1017]}
 * subject reference, only when the sender is that ticket's customer. Tokens are 128 random bits.
 */
@Component
public class MailThreads {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SUBJECT_REF = Pattern.compile("\\[#(\\d{1,18})]");

    private final MailStore store;

    MailThreads(MailStore store) {
        this.store = store;
    }

    public static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Our Message-ID for an outbound reply: {@code <crm.<token>@<mailbox domain>>}. */
    public static String newMessageId(String domain) {
        return "<crm." + newToken() + "@" + domain + ">";
    }

    public Optional<MailTicket> find(ParsedMail mail, List<String> ownAddresses) {
        List<String> ids = new ArrayList<>();
        if (mail.inReplyTo() != null) {
            ids.add(mail.inReplyTo());
        }
        ids.addAll(mail.references());
        Optional<MailTicket> byHeaders = store.ticketOfOutbound(ids).flatMap(store::ticket);
        if (byHeaders.isPresent()) {
            return byHeaders;
        }
        for (String recipient : mail.recipients()) {
            String token = plusToken(recipient, ownAddresses);
            if (token != null) {
                Optional<MailTicket> byToken = store.ticketByToken(token);
                if (byToken.isPresent()) {
                    return byToken;
                }
            }
        }
        if (mail.subject() != null && mail.fromAddress() != null) {
            Matcher ref = SUBJECT_REF.matcher(mail.subject());
            if (ref.find()) {
                return store.ticketByNumber(ref.group(1))
                        .filter(t -> t.customerEmail() != null && t.customerEmail().equalsIgnoreCase(mail.fromAddress()));
            }
        }
        return Optional.empty();
    }

    /** {@code support+abc@example.com} → {@code abc} when {@code support@example.com} is ours. */
    static String plusToken(String recipient, List<String> ownAddresses) {
        String address = recipient.toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        int plus = address.indexOf('+');
        if (plus <= 0 || at < plus) {
            return null;
        }
        String base = address.substring(0, plus) + address.substring(at);
        String token = address.substring(plus + 1, at);
        return ownAddresses.contains(base) && token.matches("[0-9a-f]{32}") ? token : null;
    }
}
