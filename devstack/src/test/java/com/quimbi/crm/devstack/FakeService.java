package com.quimbi.crm.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a Spring Boot jar in ServiceProcessIT: readiness on SERVER_PORT, /env/NAME echoes a
 * variable, FAKE_FAIL makes it exit at once.
 */
public final class FakeService {

    public static void main(String[] args) throws IOException {
        if (System.getenv("FAKE_FAIL") != null) {
            System.out.println("fake service: refusing to start");
            System.exit(3);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("SERVER_PORT"))), 0);
        server.createContext("/actuator/health/readiness", exchange -> reply(exchange, "{\"status\":\"UP\"}"));
        server.createContext("/env/", exchange -> reply(exchange, String.valueOf(System.getenv(exchange.getRequestURI().getPath().substring(5)))));
        server.start();
        System.out.println("fake service listening");
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
