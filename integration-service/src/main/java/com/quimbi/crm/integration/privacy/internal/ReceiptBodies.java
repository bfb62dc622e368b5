package com.quimbi.crm.integration.privacy.internal;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Whether a stored webhook body is about a customer: its top-level {@code id} or {@code customer.id}. */
final class ReceiptBodies {

    private ReceiptBodies() {
    }

    static boolean mentions(byte[] body, String customerId) {
        String text = new String(body, StandardCharsets.UTF_8);
        // customers/* bodies carry "id": <number> at the top; privacy bodies "customer": {"id": <number> ...}
        Pattern id = Pattern.compile("\"id\"\\s*:\\s*\"?" + Pattern.quote(customerId) + "\"?\\s*[,}]");
        return id.matcher(text).find();
    }
}
