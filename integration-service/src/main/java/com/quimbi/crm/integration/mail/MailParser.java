package com.quimbi.crm.integration.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.quimbi.crm.integration.mail.ParsedMail.Bounce;
import com.quimbi.crm.integration.mail.ParsedMail.ParsedAttachment;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * MIME (Jakarta Mail / Angus Mail) to {@link ParsedMail}: the first text/plain and text/html bodies outside
 * attachments, files and inline images (each at most {@code maxAttachmentBytes}, at most {@code maxAttachments},
 * executables refused and named in {@code refusedAttachments}), charsets Java does not know read as
 * windows-1252 rather than refused, auto-reply headers, and delivery status reports.
 */
public final class MailParser {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+@[^<>\\s]+>");
    private static final Pattern PRECEDENCE_AUTO = Pattern.compile("(?i)^\\s*(bulk|list|junk)\\s*$");
    /** Types and extensions agents must never be offered to open. */
    private static final Set<String> REFUSED_TYPES = Set.of("application/x-msdownload", "application/x-msdos-program",
            "application/x-dosexec", "application/x-executable", "application/x-sh", "application/x-bat",
            "application/vnd.microsoft.portable-executable", "application/java-archive", "application/x-ms-installer",
            "application/hta");
    private static final Pattern REFUSED_NAMES = Pattern.compile(
            "(?i).*\\.(exe|com|bat|cmd|scr|pif|msi|msp|js|jse|vbs|vbe|wsf|wsh|hta|jar|ps1|sh|lnk|reg|cpl|dll)$");

    private final long maxAttachmentBytes;
    private final int maxAttachments;

    public MailParser(long maxAttachmentBytes, int maxAttachments) {
        this.maxAttachmentBytes = maxAttachmentBytes;
        this.maxAttachments = maxAttachments;
    }

    public ParsedMail parse(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            Bodies bodies = new Bodies();
            walk(message, bodies, 0);
            InternetAddress from = firstAddress(message.getFrom());
            List<String> recipients = new ArrayList<>();
            addAll(recipients, safeRecipients(message, "To"));
            addAll(recipients, safeRecipients(message, "Cc"));
            for (String header : List.of("Delivered-To", "X-Original-To", "Envelope-To")) {
                String[] values = message.getHeader(header);
                if (values != null) {
                    for (String value : values) {
                        recipients.add(value.strip().toLowerCase(Locale.ROOT));
                    }
                }
            }
            String messageId = header(message, "Message-ID");
            Matcher id = messageId == null ? null : MESSAGE_ID.matcher(messageId);
            messageId = id != null && id.find() ? id.group() : "<sha256." + sha256(raw) + "@no-message-id>";
            String inReplyTo = firstId(header(message, "In-Reply-To"));
            List<String> references = ids(header(message, "References"));
            String text = bodies.text != null ? bodies.text : bodies.html != null ? HtmlText.toText(bodies.html) : "";
            return new ParsedMail(messageId, inReplyTo, references,
                    from == null ? null : from.getAddress().toLowerCase(Locale.ROOT), from == null ? null : from.getPersonal(),
                    List.copyOf(new LinkedHashSet<>(recipients)), decode(message.getSubject()), text, bodies.html,
                    bodies.attachments, bodies.refused, isAutoReply(message, from), bodies.bounce,
                    message.getSentDate() == null ? null : message.getSentDate().toInstant());
        } catch (MessagingException | IOException e) {
            throw new UnreadableMailException("unreadable mail: " + e.getMessage(), e);
        }
    }

    /** RFC 3834 and the de-facto headers of out-of-office and list mail; bounces without a report too. */
    static boolean isAutoReply(MimeMessage message, InternetAddress from) throws MessagingException {
        String autoSubmitted = header(message, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return true;
        }
        if (header(message, "X-Autoreply") != null || header(message, "X-Autorespond") != null
                || header(message, "X-Auto-Response-Suppress") != null) {
            return true;
        }
        String precedence = header(message, "Precedence");
        if (precedence != null && PRECEDENCE_AUTO.matcher(precedence).matches()) {
            return true;
        }
        String local = from == null ? "" : from.getAddress().toLowerCase(Locale.ROOT);
        return local.startsWith("mailer-daemon@") || local.startsWith("postmaster@");
    }

    private final class Bodies {
        String text;
        String html;
        Bounce bounce;
        final List<ParsedAttachment> attachments = new ArrayList<>();
        final List<String> refused = new ArrayList<>();
    }

    private void walk(Part part, Bodies bodies, int depth) throws MessagingException, IOException {
        if (depth > 10) {
            return;
        }
        String disposition = part.getDisposition();
        String fileName = decode(safeFileName(part));
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || fileName != null;
        if (part.isMimeType("multipart/report")) {
            bodies.bounce = report(part);
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    if (bodies.bounce != null && (child.isMimeType("message/delivery-status")
                            || child.isMimeType("message/rfc822") || child.isMimeType("text/rfc822-headers"))) {
                        continue; // the report's machine parts: read by report()
                    }
                    walk(child, bodies, depth + 1);
                }
            }
        } else if (!attachment && part.isMimeType("text/plain") && bodies.text == null) {
            bodies.text = text(part);
        } else if (!attachment && part.isMimeType("text/html") && bodies.html == null) {
            bodies.html = text(part);
        } else if (!part.isMimeType("multipart/*")) {
            file(part, fileName, disposition, bodies);
        }
    }

    private void file(Part part, String fileName, String disposition, Bodies bodies) throws MessagingException, IOException {
        String type = baseType(part.getContentType());
        String name = fileName != null ? sanitizeName(fileName)
                : part.isMimeType("message/rfc822") ? "message.eml" : "attachment." + type.substring(type.indexOf('/') + 1);
        if (REFUSED_TYPES.contains(type) || REFUSED_NAMES.matcher(name).matches()) {
            bodies.refused.add(name + " (type not allowed)");
            return;
        }
        if (bodies.attachments.size() >= maxAttachments) {
            bodies.refused.add(name + " (more than " + maxAttachments + " files)");
            return;
        }
        byte[] content;
        try (InputStream in = part.getInputStream()) {
            content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxAttachmentBytes + 1));
        }
        if (content.length > maxAttachmentBytes) {
            bodies.refused.add(name + " (larger than " + maxAttachmentBytes / (1024 * 1024) + " MiB)");
            return;
        }
        String[] cid = part.getHeader("Content-ID");
        String contentId = cid == null ? null : cid[0].strip().replaceAll("^<|>$", "");
        boolean inline = Part.INLINE.equalsIgnoreCase(disposition) || (disposition == null && contentId != null);
        bodies.attachments.add(new ParsedAttachment(name, type, content, inline, contentId));
    }

    /** RFC 3464: the per-recipient fields of the message/delivery-status part, the quoted Message-IDs. */
    private static Bounce report(Part part) throws MessagingException, IOException {
        ContentType type = new ContentType(part.getContentType());
        if (!"delivery-status".equalsIgnoreCase(type.getParameter("report-type"))) {
            return null;
        }
        String action = null;
        String status = null;
        String diagnostic = null;
        List<String> quoted = new ArrayList<>();
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart child = multipart.getBodyPart(i);
            if (child.isMimeType("message/delivery-status")) {
                String fields = new String(readAll(child), StandardCharsets.UTF_8);
                action = field(fields, "Action");
                status = field(fields, "Status");
                diagnostic = field(fields, "Diagnostic-Code");
            } else if (child.isMimeType("message/rfc822") || child.isMimeType("text/rfc822-headers")) {
                Matcher m = MESSAGE_ID.matcher(new String(readAll(child), StandardCharsets.UTF_8));
                while (m.find()) {
                    quoted.add(m.group());
                }
            }
        }
        return new Bounce(action == null ? null : action.toLowerCase(Locale.ROOT), status, diagnostic, quoted);
    }

    private static byte[] readAll(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof MimeMessage quoted) {
            var out = new java.io.ByteArrayOutputStream();
            quoted.writeTo(out);
            return out.toByteArray();
        }
        try (InputStream in = part.getInputStream()) {
            return in.readNBytes(1024 * 1024);
        }
    }

    /** The first value of {@code name:} in a block of header fields (continuation lines joined). */
    private static String field(String fields, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":[ \\t]*(.*(?:\\r?\\n[ \\t]+.*)*)").matcher(fields);
        return m.find() ? m.group(1).replaceAll("\\r?\\n[ \\t]+", " ").strip() : null;
    }

    /** The part's text in its declared charset; an unknown or broken charset is read as windows-1252. */
    private static String text(Part part) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s;
            }
        } catch (UnsupportedEncodingException e) {
            // fall through: decode the bytes ourselves
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        String charset = null;
        try {
            charset = MimeUtility.javaCharset(new ContentType(part.getContentType()).getParameter("charset"));
        } catch (MessagingException ignored) {
            // no usable Content-Type parameter
        }
        Charset decoder;
        try {
            decoder = charset != null && Charset.isSupported(charset) ? Charset.forName(charset) : Charset.forName("windows-1252");
        } catch (RuntimeException e) {
            decoder = Charset.forName("windows-1252");
        }
        return new String(bytes, decoder);
    }

    private static String safeFileName(Part part) {
        try {
            return part.getFileName();
        } catch (MessagingException e) {
            return null;
        }
    }

    static String sanitizeName(String name) {
        String base = name.replaceAll(".*[/\\\\]", "").replaceAll("\\p{Cntrl}", "").strip();
        if (base.isEmpty()) {
            base = "attachment";
        }
        return base.length() > 255 ? base.substring(base.length() - 255) : base;
    }

    private static String baseType(String contentType) {
        try {
            return new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "application/octet-stream";
        }
    }

    private static String decode(String value) {
        if (value == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException e) {
            return value;
        }
    }

    private static String header(MimeMessage message, String name) throws MessagingException {
        return message.getHeader(name, " ");
    }

    private static Address[] safeRecipients(MimeMessage message, String header) {
        try {
            String value = message.getHeader(header, ",");
            return value == null ? new Address[0] : InternetAddress.parseHeader(value, false);
        } catch (MessagingException e) {
            return new Address[0];
        }
    }

    private static void addAll(List<String> into, Address[] addresses) {
        for (Address address : addresses) {
            if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                into.add(internet.getAddress().toLowerCase(Locale.ROOT));
            }
        }
    }

    private static InternetAddress firstAddress(Address[] addresses) {
        if (addresses == null) {
            return null;
        }
        for (Address address : addresses) {
            if (address instanceof InternetAddress internet && internet.getAddress() != null
                    && internet.getAddress().contains("@")) {
                return internet;
            }
        }
        return null;
    }

    static List<String> ids(String header) {
        List<String> ids = new ArrayList<>();
        if (header != null) {
            Matcher m = MESSAGE_ID.matcher(header);
            while (m.find()) {
                ids.add(m.group());
            }
        }
        return ids;
    }

    private static String firstId(String header) {
        List<String> ids = ids(header);
        return ids.isEmpty() ? null : ids.getFirst();
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
