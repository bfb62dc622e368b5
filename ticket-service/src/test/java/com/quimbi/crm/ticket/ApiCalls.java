package com.quimbi.crm.ticket;

import java.net.http.HttpRequest;
import java.util.UUID;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

/** The verbs platform-test's Api lacks (PATCH, DELETE, custom headers), and a ticket fixture. */
public final class ApiCalls {

    private ApiCalls() {
    }

    public static Api.Reply patch(Api api, String path, String json, String ifMatch) {
        HttpRequest.Builder b = api.request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return api.send(b);
    }

    public static Api.Reply delete(Api api, String path) {
        return api.send(api.request(path).DELETE());
    }

    public static Api.Reply post(Api api, String path, String json, String header, String value) {
        return api.send(api.request(path).header("Content-Type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static String ticket(String subject, String email) {
        return """
                {"subject":"%s","description":"Details of %s.","priority":"normal","channel":"email",
                 "customerEmail":"%s"}""".formatted(subject, subject, email);
    }

    /** Opens a ticket as the agent and returns its id. */
    public static String openTicket(Api api, String subject, String email) {
        Api.Reply reply = api.as(DemoUser.AGENT).post("/api/tickets", ticket(subject, email));
        if (reply.status() != 201) {
            throw new AssertionError("could not open a ticket: " + reply);
        }
        return reply.json().path("id").asString();
    }

    public static String uniqueEmail(String name) {
        return name + "+" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
