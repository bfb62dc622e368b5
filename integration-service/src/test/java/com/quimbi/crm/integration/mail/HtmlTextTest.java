package com.quimbi.crm.integration.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void htmlBecomesTextWithLineBreaksAndNoScripts() {
        assertThat(HtmlText.toText("<div>Hello<br>there</div><script>alert(1)</script><ul><li>one</li><li>two</li></ul>"))
                .isEqualTo("Hello\nthere\none\ntwo");
        assertThat(HtmlText.toText("<p>&quot;a&quot; &#39;b&#39;</p>\n\n\n\n<p>c</p>")).isEqualTo("\"a\" 'b'\n\nc");
    }

    @Test
    void theQuotedHistoryOfAReplyIsCutOff() {
        assertThat(HtmlText.trimQuoted("Thanks, that worked.\n\nOn Tue, 3 Dec 2026 at 10:00, Support <s@shop.test> wrote:\n> old"))
                .isEqualTo("Thanks, that worked.");
        assertThat(HtmlText.trimQuoted("Merci\r\n\r\n-----Original Message-----\r\nFrom: x")).isEqualTo("Merci");
        assertThat(HtmlText.trimQuoted("Yes\nFrom: Support <s@shop.test>\nSent: Monday\nSubject: Re")).isEqualTo("Yes");
        assertThat(HtmlText.trimQuoted("Done.\n> quoted line\n>\n")).isEqualTo("Done.");
        // a mail that is only a quote keeps it; nothing stays nothing
        assertThat(HtmlText.trimQuoted("> only quoted")).isEqualTo("> only quoted");
        assertThat(HtmlText.trimQuoted(null)).isEmpty();
        assertThat(HtmlText.trimQuoted("  \n ")).isEmpty();
    }

    @Test
    void textBecomesEscapedHtmlParagraphs() {
        assertThat(HtmlText.toHtml("a <b> & c\nnext\n\nsecond")).isEqualTo("<div><p>a &lt;b&gt; &amp; c<br>next</p><p>second</p></div>");
    }
}
