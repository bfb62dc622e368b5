package com.quimbi.crm.automation.macro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

class PlaceholdersTest {

    @Test
    void unknownPlaceholdersAreNamedOnceInOrderKnownOnesAndLooseBracesAreNot() {
        assertThat(Placeholders.unknown("Hi {{customer.first_name}}, {{ order.number }} {{x}} {{order.number}} {single}"))
                .containsExactly("order.number", "x");
        assertThat(Placeholders.unknown("{{ ticket.number }} by {{agent.first_name}}")).isEmpty();
        assertThat(Placeholders.unknown(null)).isEmpty();
    }

    @Test
    void rendersValuesMissingOnesAsNothingAndEscapesForHtml() {
        Map<String, String> values = Map.of("customer.first_name", "Ana <b>", "ticket.number", "T-42");
        assertThat(Placeholders.render("Hi {{customer.first_name}}, {{ ticket.number }}{{agent.first_name}}.", values, s -> s))
                .isEqualTo("Hi Ana <b>, T-42.");
        assertThat(Placeholders.render("<p>Hi {{customer.first_name}}</p>", values, HtmlUtils::htmlEscape))
                .isEqualTo("<p>Hi Ana &lt;b&gt;</p>");
        // a value with $ or \ is text, not a regex group reference
        assertThat(Placeholders.render("{{ticket.number}}", Map.of("ticket.number", "$1\\"), s -> s)).isEqualTo("$1\\");
    }

    @Test
    void firstNameIsTheFirstWord() {
        assertThat(Placeholders.firstName("  Ana María López ")).isEqualTo("Ana");
        assertThat(Placeholders.firstName(" ")).isNull();
    }

    @Test
    void tagsAreAddedAtTheEndRemovedAndNeverDoubled() {
        MacroActions actions = new MacroActions(null, null, null, List.of("refund", "vip"), List.of("new"), null, null);
        assertThat(actions.tagsAfter(List.of("new", "vip", "billing"))).containsExactly("vip", "billing", "refund");
    }
}
