package com.quimbi.crm.integration.mail;

import java.util.regex.Pattern;

/**
 * Plain-text views of mail bodies: HTML reduced to text (for mails without a text part), the quoted history of a
 * reply cut off (the plain view agents read; the HTML keeps the whole mail), text escaped into HTML.
 */
public final class HtmlText {

    private static final Pattern SCRIPT_STYLE = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");
    private static final Pattern BLOCK = Pattern.compile("(?i)<\\s*(br|/p|/div|/li|/tr|/h[1-6]|/blockquote)\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    /** "On Tue, 3 Dec 2026 at 10:00, Ann <ann@example.com> wrote:" and the usual translations */
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "(?im)^\\s*(On\\s.{1,300}\\swrote:|Le\\s.{1,300}\\sa écrit\\s?:|Am\\s.{1,300}\\sschrieb\\s.{0,100}:|El\\s.{1,300}\\sescribió:|Il\\s.{1,300}\\sha scritto:|Op\\s.{1,300}\\sschreef\\s.{0,100}:)\\s*$");
    private static final Pattern OUTLOOK = Pattern.compile(
            "(?im)^\\s*(-{2,}\\s*Original Message\\s*-{2,}|_{10,}|From:\\s.+\\R\\s*(Sent|Date):\\s.+)");

    private HtmlText() {
    }

    public static String toText(String html) {
        String text = SCRIPT_STYLE.matcher(html).replaceAll("");
        text = BLOCK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return text.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    /**
     * The new part of a reply: everything from the first attribution line ("On … wrote:"), Outlook header block or
     * "-----Original Message-----" on is dropped, and so are trailing ">" quoted lines. Never returns an empty text
     * when the mail had one (a mail that is only a quote keeps it).
     */
    public static String trimQuoted(String text) {
        if (text == null || text.isBlank()) {
            return text == null ? "" : text.strip();
        }
        String normalized = text.replace("\r\n", "\n");
        int cut = normalized.length();
        var attribution = ATTRIBUTION.matcher(normalized);
        if (attribution.find()) {
            cut = Math.min(cut, attribution.start());
        }
        var outlook = OUTLOOK.matcher(normalized);
        if (outlook.find()) {
            cut = Math.min(cut, outlook.start());
        }
        String head = normalized.substring(0, cut);
        String[] lines = head.split("\n", -1);
        int end = lines.length;
        while (end > 0 && (lines[end - 1].isBlank() || lines[end - 1].startsWith(">"))) {
            end--;
        }
        String trimmed = String.join("\n", java.util.Arrays.copyOf(lines, end)).strip();
        return trimmed.isEmpty() ? normalized.strip() : trimmed;
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Plain text as simple HTML: escaped, paragraphs and line breaks kept. */
    public static String toHtml(String text) {
        StringBuilder html = new StringBuilder("<div>");
        for (String paragraph : text.replace("\r\n", "\n").split("\n{2,}")) {
            html.append("<p>").append(escape(paragraph).replace("\n", "<br>")).append("</p>");
        }
        return html.append("</div>").toString();
    }
}
