package com.quimbi.crm.ticket.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.platform.problem.InvalidInputException;

class HtmlBodyTest {

    @Test
    void formattingAndLinksSurviveAndTextIsDerived() {
        HtmlBody body = HtmlBody.of(null,
                "<p>Hello <b>Maria</b>,</p><p>see <a href=\"https://example.com/track\">tracking</a> &amp; more</p>");
        assertThat(body.html()).contains("<b>Maria</b>").contains("href=\"https://example.com/track\"");
        assertThat(body.text()).isEqualTo("Hello Maria,\nsee tracking & more");
    }

    @Test
    void givenTextIsKeptAsIs() {
        HtmlBody body = HtmlBody.of("  plain words  ", null);
        assertThat(body.text()).isEqualTo("plain words");
        assertThat(body.html()).isNull();
    }

    @Test
    void scriptsAreRefused() {
        assertThatThrownBy(() -> HtmlBody.of(null, "<p>hi</p><script>alert(1)</script>"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("script")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("html");
    }

    @Test
    void eventHandlersAndScriptUrlsAreRefused() {
        assertThatThrownBy(() -> HtmlBody.of(null, "<img src=\"https://x/y.png\" onerror=\"alert(1)\">"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("onerror");
        assertThatThrownBy(() -> HtmlBody.of(null, "<a href=\"javascript:alert(1)\">click</a>"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("href");
        assertThatThrownBy(() -> HtmlBody.of(null, "<iframe src=\"https://evil\"></iframe><p>x</p>"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("iframe");
    }

    @Test
    void harmlessUnknownMarkupIsDroppedQuietly() {
        HtmlBody body = HtmlBody.of(null, "<blink>still</blink> <font color=red>here</font>");
        assertThat(body.html()).doesNotContain("blink").doesNotContain("font");
        assertThat(body.text()).isEqualTo("still here");
    }

    @Test
    void anEmptyBodyIsRefused() {
        assertThatThrownBy(() -> HtmlBody.of(" ", null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> HtmlBody.of(null, "<p> </p>")).isInstanceOf(InvalidInputException.class);
    }
}
