package com.quimbi.crm.quimbi.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.quimbi.insight.DraftContext;
import com.quimbi.crm.quimbi.insight.LatestOrder;
import com.quimbi.crm.quimbi.insight.ReplyDraft;
import com.quimbi.crm.quimbi.insight.Source;

class DraftTemplatesTest {

    static DraftContext context(String category, String sentiment, String tier, String name) {
        return new DraftContext("t-1", "#1042", "Order #5521 arrived damaged", "The mug is broken.", "email", category,
                sentiment, "c-1", name, tier, List.of(), "friendly", null);
    }

    @Test
    void aDraftNamesTheCustomersLatestShopOrderWithItsTracking() {
        DraftContext c = context("shipping", "neutral", "standard", "Ann");
        DraftContext withOrder = new DraftContext(c.ticketId(), c.number(), "Where is my parcel?", "Nothing arrived yet.",
                c.channel(), c.category(), c.sentiment(), c.customerId(), c.customerName(), c.tier(), c.customerMessages(),
                c.tone(), new LatestOrder("#1001", "paid", "fulfilled", "UPS", "1Z2345", "https://www.ups.com/track?tracknum=1Z2345"));

        assertThat(DraftTemplates.draft(withOrder).text()).contains("Your latest order #1001 is paid and fulfilled")
                .contains("with UPS, tracking number 1Z2345: https://www.ups.com/track?tracknum=1Z2345");
        assertThat(DraftTemplates.draft(c).text()).doesNotContain("latest order");
    }

    @Test
    void aDraftIsFilledWithTheTicketAndOrderAndMatchesTheMood() {
        ReplyDraft draft = DraftTemplates.draft(context("product", "negative", "standard", "Maria"));

        assertThat(draft.text()).startsWith("Hi Maria,").contains("I'm sorry").contains("order #5521")
                .contains("#1042").doesNotContain("{order}");
        assertThat(draft.suggestedActions()).contains("offer_replacement");
        assertThat(draft.source()).isEqualTo(Source.FALLBACK);
    }

    @Test
    void vipsHearTheyHavePriorityAndUnknownCategoriesGetTheGeneralReply() {
        ReplyDraft draft = DraftTemplates.draft(context("something_new", "neutral", "vip", null));

        assertThat(draft.text()).startsWith("Hi there,").contains("priority handling")
                .contains("Thanks for getting in touch");
    }

    @Test
    void theSameContextGivesTheSameDraft() {
        assertThat(DraftTemplates.draft(context("shipping", "neutral", "standard", "Sam")))
                .isEqualTo(DraftTemplates.draft(context("shipping", "neutral", "standard", "Sam")));
    }
}
