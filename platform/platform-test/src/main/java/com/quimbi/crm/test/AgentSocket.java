package com.quimbi.crm.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client (the JDK's) that keeps every frame it receives and how it was closed. */
public final class AgentSocket implements WebSocket.Listener, AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    public volatile Integer closeCode;
    public volatile String closeReason;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** Opens the socket, or throws with the handshake's HTTP status in the message. */
    public static AgentSocket open(String url, String origin) {
        AgentSocket listener = new AgentSocket();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        try {
            listener.socket = builder.buildAsync(URI.create(url), listener).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("handshake failed: " + rootMessage(e), e);
        }
        return listener;
    }

    /** The handshake's HTTP status when it was refused (e.g. 403), or -1 when it succeeded. */
    public static int refusal(String url, String origin) {
        try (AgentSocket socket = open(url, origin)) {
            return -1;
        } catch (IllegalStateException e) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b([45]\\d\\d)\\b").matcher(e.getMessage());
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String all = t.toString();
        if (t instanceof java.net.http.WebSocketHandshakeException h) {
            all += " status " + h.getResponse().statusCode();
        }
        return all;
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public JsonNode await(String type, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(10))
                .until(() -> frames.stream().anyMatch(f -> type.equals(f.path("type").asString())));
        return frames.stream().filter(f -> type.equals(f.path("type").asString())).findFirst().orElseThrow();
    }

    public List<JsonNode> ofType(String type) {
        return frames.stream().filter(f -> type.equals(f.path("type").asString())).toList();
    }

    public boolean isOpen() {
        return closeCode == null && !socket.isInputClosed();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(JSON.readTree(partial.toString()));
            partial.setLength(0);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closeCode = statusCode;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (closeCode == null) {
            closeCode = 1006;
        }
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
    }
}
