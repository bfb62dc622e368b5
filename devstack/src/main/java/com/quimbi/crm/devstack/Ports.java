package com.quimbi.crm.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/** Port picking. Port 0 everywhere in devstack means "pick a free one". */
public final class Ports {

    // The kernel may hand out the same ephemeral port twice before anyone binds it.
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private Ports() {
    }

    /** A port that is free right now (and not handed out before by this JVM). */
    public static synchronized int free() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a socket to find a free port", e);
            }
        }
        throw new IllegalStateException("no free port found");
    }

    /** {@code port}, or a free port when it is 0. */
    public static int orFree(int port) {
        return port == 0 ? free() : port;
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails fast with a readable message instead of a bind error deep in a child's log. */
    static int requireFree(int port, String component) {
        if (!isFree(port)) {
            throw new IllegalStateException("port " + port + " for " + component
                    + " is already in use: is another stack running (./crm status)? Tests should use free ports (port 0).");
        }
        return port;
    }

    static boolean isListening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
