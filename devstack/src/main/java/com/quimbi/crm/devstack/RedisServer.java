package com.quimbi.crm.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** redis-server 6.2 (embedded-redis binaries) without persistence, or an external server. */
public final class RedisServer implements AutoCloseable {

    private final redis.embedded.RedisServer embedded;
    private final String host;
    private final int port;
    private PidRegistry pids;
    /** redis-server's own process (embedded-redis does not expose it), when INFO told its pid. */
    private Optional<ProcessHandle> process = Optional.empty();

    private RedisServer(redis.embedded.RedisServer embedded, String host, int port) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
    }

    public static RedisServer start(int port) {
        return start(port, null, null);
    }

    static RedisServer start(int port, Path logFile, PidRegistry pids) {
        int actualPort = Ports.requireFree(Ports.orFree(port), "redis");
        Consumer<String> log = logFile == null ? line -> { } : appender(logFile);
        try {
            redis.embedded.RedisServer embedded = redis.embedded.RedisServer.newRedisServer()
                    .port(actualPort)
                    .bind("127.0.0.1")
                    // rate-limit buckets and caches only: nothing worth a dump file in the binary's temp dir
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .soutListener(log)
                    .serrListener(log)
                    .build();
            embedded.start();
            RedisServer server = new RedisServer(embedded, "localhost", actualPort);
            server.process = server.serverPid().flatMap(ProcessHandle::of);
            if (pids != null) {
                server.process.ifPresent(p -> pids.register("redis", p));
                server.pids = pids;
            }
            Reaper.register(server);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Redis did not start on port " + actualPort, e);
        }
    }

    /** An already running server, from {@code redis://host:port} (CRM_REDIS_URL). */
    public static RedisServer external(String url) {
        URI uri = URI.create(url);
        return new RedisServer(null, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://" + host + ":" + port;
    }

    /** The server's own pid from INFO: embedded-redis does not expose its process. */
    Optional<Long> serverPid() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            byte[] buffer = new byte[4096];
            Pattern pid = Pattern.compile("process_id:(\\d+)");
            int n;
            while ((n = in.read(buffer)) > 0) {
                reply.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
                Matcher m = pid.matcher(reply);
                if (m.find()) {
                    return Optional.of(Long.parseLong(m.group(1)));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Consumer<String> appender(Path logFile) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line -> {
            try {
                Files.writeString(logFile, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException ignored) {
                // losing a Redis log line is not worth failing for
            }
        };
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** redis-server's pid (-1 when unknown or external): drills stop it; the supervisor starts it again. */
    public long pid() {
        return process.map(ProcessHandle::pid).orElse(-1L);
    }

    /** An embedded server whose process still runs (an external one is not ours to watch: always true). */
    public boolean isAlive() {
        return embedded == null || process.map(ProcessHandle::isAlive).orElse(true);
    }

    @Override
    public void close() {
        Reaper.unregister(this);
        if (pids != null) {
            pids.unregister("redis");
        }
        if (embedded != null) {
            try {
                embedded.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public String toString() {
        return "redis on " + host + ":" + port;
    }
}
