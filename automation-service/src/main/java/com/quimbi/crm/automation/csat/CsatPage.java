package com.quimbi.crm.automation.csat;

import org.springframework.web.util.HtmlUtils;

/** The survey page: plain HTML, no script, no style (it runs under the gateway's strict CSP); values escaped. */
final class CsatPage {

    private CsatPage() {
    }

    static String render(CsatSurveys.SurveyView view, boolean justRated) {
        StringBuilder page = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>How did we do?</title></head><body><main>\n");
        String request = view.ticketNumber() == null ? "your request" : "your request " + esc(view.ticketNumber());
        if (view.rating() != null) {
            page.append("<h1>").append(justRated ? "Thank you!" : "Your rating").append("</h1>\n<p>You rated ")
                    .append(request).append(": <strong>").append(esc(CsatSurveys.label(view.rating())))
                    .append("</strong>.</p>\n");
        } else {
            page.append("<h1>How did we do?</h1>\n<p>Please rate ").append(request).append(".</p>\n");
        }
        if (view.closed()) {
            return page.append("<p>The request is closed; the rating can no longer change.</p>\n</main></body></html>\n")
                    .toString();
        }
        page.append("<ul>\n");
        for (String rating : CsatSurveys.ratings(view.scale())) {
            page.append("<li><a href=\"?rating=").append(rating).append("\">").append(esc(CsatSurveys.label(rating)))
                    .append("</a></li>\n");
        }
        page.append("</ul>\n");
        if (view.rating() != null) {
            page.append("<form method=\"post\"><input type=\"hidden\" name=\"rating\" value=\"")
                    .append(esc(view.rating())).append("\">\n<label for=\"comment\">Anything to add? (optional)</label><br>\n")
                    .append("<textarea id=\"comment\" name=\"comment\" rows=\"5\" cols=\"50\" maxlength=\"")
                    .append(CsatSurveys.MAX_COMMENT).append("\">")
                    .append(view.comment() == null ? "" : esc(view.comment()))
                    .append("</textarea><br>\n<button type=\"submit\">Send</button></form>\n");
        }
        return page.append("</main></body></html>\n").toString();
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
