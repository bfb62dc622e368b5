package com.quimbi.crm.integration.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** Raw RFC 5322 / MIME mails as a mail server hands them over, parsed without any server. */
class MailParserTest {

    private final MailParser parser = new MailParser(1024, 2);

    private static byte[] mail(String raw) {
        return raw.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void envelopeHeadersAddRecipientsAndAMailWithoutMessageIdGetsOneFromItsContent() {
        byte[] raw = mail("""
                From: Ann Buyer <Ann@Example.com>
                To: support@shop.test
                Delivered-To: Returns+Box@Shop.test
                X-Original-To: help@shop.test
                Subject: =?UTF-8?Q?Caf=C3=A9_order?=
                Content-Type: text/plain; charset=UTF-8

                Where is my order?
                """);

        ParsedMail parsed = parser.parse(raw);

        assertThat(parsed.recipients()).containsExactly("support@shop.test", "returns+box@shop.test", "help@shop.test");
        assertThat(parsed.fromAddress()).isEqualTo("ann@example.com");
        assertThat(parsed.fromName()).isEqualTo("Ann Buyer");
        assertThat(parsed.subject()).isEqualTo("Café order");
        assertThat(parsed.text()).contains("Where is my order?");
        // the same bytes always get the same id: a redelivered mail is recognised as the same mail
        assertThat(parsed.messageId()).matches("<sha256\\.[0-9a-f]{64}@no-message-id>")
                .isEqualTo(parser.parse(raw).messageId());
        assertThat(parsed.autoReply()).isFalse();
    }

    @Test
    void listAndBulkPrecedenceAndMailerDaemonAreAutoReplies() {
        assertThat(parser.parse(mail("""
                From: news@shop.test
                To: support@shop.test
                Precedence: bulk
                Message-ID: <n1@shop.test>

                weekly news
                """)).autoReply()).isTrue();
        assertThat(parser.parse(mail("""
                From: MAILER-DAEMON@mx.example.com
                To: support@shop.test
                Message-ID: <n2@shop.test>

                undeliverable
                """)).autoReply()).isTrue();
        assertThat(parser.parse(mail("""
                From: ann@example.com
                To: support@shop.test
                Auto-Submitted: no
                Precedence: first-class
                Message-ID: <n3@shop.test>

                a person wrote this
                """)).autoReply()).isFalse();
    }

    @Test
    void aCharsetJavaDoesNotKnowIsReadAsWindows1252() {
        byte[] head = mail("""
                From: ann@example.com
                Message-ID: <c1@example.com>
                Content-Type: text/plain; charset=x-made-up-charset
                Content-Transfer-Encoding: 8bit

                """);
        byte[] body = "Caf\u00e9 \u20ac".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        byte[] raw = new byte[head.length + body.length];
        System.arraycopy(head, 0, raw, 0, head.length);
        System.arraycopy(body, 0, raw, head.length, body.length);

        String text = parser.parse(raw).text();
        assertThat(text.codePoints().toArray()).as(text.codePoints().mapToObj(Integer::toHexString).toList().toString())
                .containsExactly("Café €".codePoints().toArray());
    }

    @Test
    void attachmentsOverTheCountOrSizeLimitAreRefusedByNameAndEmptyNamesGetOne() {
        String small = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
        String big = Base64.getEncoder().encodeToString(new byte[2048]);
        ParsedMail parsed = parser.parse(mail("""
                From: ann@example.com
                Message-ID: <a1@example.com>
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain

                see attached
                --b
                Content-Type: application/pdf
                Content-Disposition: attachment; filename="huge.pdf"
                Content-Transfer-Encoding: base64

                %s
                --b
                Content-Type: text/plain
                Content-Disposition: attachment; filename="../../"
                Content-Transfer-Encoding: base64

                %s
                --b
                Content-Type: image/png
                Content-ID: <logo@example.com>
                Content-Transfer-Encoding: base64

                %s
                --b
                Content-Type: text/csv
                Content-Disposition: attachment; filename="third.csv"
                Content-Transfer-Encoding: base64

                %s
                --b--
                """.formatted(big, small, small, small)));

        assertThat(parsed.text()).contains("see attached");
        assertThat(parsed.refusedAttachments()).containsExactly("huge.pdf (larger than 0 MiB)",
                "third.csv (more than 2 files)");
        assertThat(parsed.attachments()).extracting(ParsedMail.ParsedAttachment::name)
                .containsExactly("attachment", "attachment.png");
        ParsedMail.ParsedAttachment image = parsed.attachments().get(1);
        assertThat(image.inline()).isTrue();
        assertThat(image.contentId()).isEqualTo("logo@example.com");
        assertThat(new String(parsed.attachments().getFirst().content(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void aBounceQuotingTheWholeOriginalMessageNamesItsMessageId() {
        ParsedMail parsed = parser.parse(mail("""
                From: Mail Delivery System <MAILER-DAEMON@mx.example.com>
                To: support@shop.test
                Message-ID: <dsn1@mx.example.com>
                Content-Type: multipart/report; report-type=delivery-status; boundary="r"

                --r
                Content-Type: text/plain

                Your message could not be delivered.
                --r
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.com

                Final-Recipient: rfc822; gone@example.com
                Action: Failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 user
                 unknown
                --r
                Content-Type: message/rfc822

                From: support@shop.test
                To: gone@example.com
                Message-ID: <original-42@shop.test>
                Subject: Your ticket

                Hello
                --r--
                """));

        assertThat(parsed.bounce()).isNotNull();
        assertThat(parsed.bounce().action()).isEqualTo("failed");
        assertThat(parsed.bounce().status()).isEqualTo("5.1.1");
        assertThat(parsed.bounce().diagnostic()).isEqualTo("smtp; 550 5.1.1 user unknown");
        assertThat(parsed.bounce().quotedMessageIds()).contains("<original-42@shop.test>");
        assertThat(parsed.text()).contains("could not be delivered");
        // the report's machine parts are neither body nor attachment
        assertThat(parsed.attachments()).isEmpty();
        assertThat(parsed.autoReply()).isTrue();
    }

    @Test
    void aReportOfAnotherTypeIsNoBounce() {
        ParsedMail parsed = parser.parse(mail("""
                From: ann@example.com
                Message-ID: <mdn1@example.com>
                Content-Type: multipart/report; report-type=disposition-notification; boundary="r"

                --r
                Content-Type: text/plain

                Your message was read.
                --r--
                """));

        assertThat(parsed.bounce()).isNull();
        assertThat(parsed.text()).contains("was read");
    }

    @Test
    void anHtmlOnlyMailGetsItsTextFromTheHtml() {
        ParsedMail parsed = parser.parse(mail("""
                From: ann@example.com
                Message-ID: <h1@example.com>
                In-Reply-To: <t-1@shop.test> (the ticket)
                References: <t-0@shop.test> <t-1@shop.test>
                Content-Type: text/html; charset=UTF-8

                <html><head><style>p{color:red}</style></head><body><p>Fish &amp; chips</p><p>2&nbsp;&lt;3</p></body></html>
                """));

        assertThat(parsed.text()).isEqualTo("Fish & chips\n2 <3");
        assertThat(parsed.html()).contains("<p>Fish &amp; chips</p>");
        assertThat(parsed.inReplyTo()).isEqualTo("<t-1@shop.test>");
        assertThat(parsed.references()).containsExactly("<t-0@shop.test>", "<t-1@shop.test>");
    }
    @Test
    void anUnknownOrIllegalCharsetIsReadAsWindows1252AndAFromWithoutAddressIsNoSender() {
        ParsedMail unknown = parser.parse(mail("""
                From: undisclosed
                To: support@shop.test
                Message-ID: <cs1@shop.test>
                Content-Type: text/plain; charset="x-no-such-charset"

                Caf\u00e9 ouvert
                """));
        assertThat(unknown.text()).contains("Café ouvert");
        assertThat(unknown.fromAddress()).isNull();
        ParsedMail illegal = parser.parse(mail("""
                From: ann@example.com
                To: support@shop.test
                Message-ID: <cs2@shop.test>
                Content-Type: text/plain; charset="bad charset!"

                na\u00efve
                """));
        assertThat(illegal.text()).contains("naïve");
    }

    @Test
    void partsNestedDeeperThanTenLevelsAreNotRead() {
        StringBuilder raw = new StringBuilder("""
                From: ann@example.com
                To: support@shop.test
                Message-ID: <deep@shop.test>
                MIME-Version: 1.0
                """);
        for (int depth = 0; depth < 12; depth++) {
            raw.append("Content-Type: multipart/mixed; boundary=\"b").append(depth).append("\"\n\n--b").append(depth).append("\n");
        }
        raw.append("Content-Type: text/plain\n\nburied text\n");
        for (int depth = 11; depth >= 0; depth--) {
            raw.append("--b").append(depth).append("--\n");
        }
        ParsedMail parsed = parser.parse(mail(raw.toString()));
        assertThat(parsed.messageId()).isEqualTo("<deep@shop.test>");
        assertThat(parsed.text()).doesNotContain("buried text");
    }
}
