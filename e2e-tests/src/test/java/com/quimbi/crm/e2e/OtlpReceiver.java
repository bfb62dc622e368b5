package com.quimbi.crm.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * A small OTLP/HTTP trace receiver (what an OpenTelemetry collector offers on {@code :4318/v1/traces}): it decodes
 * every export with OpenTelemetry's protobuf classes and keeps the spans, so a test can follow one trace across
 * processes. Only protobuf bodies, as the services' exporters send them.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One received span: which service sent it, its trace, its name and kind. */
    record ReceivedSpan(String service, String traceId, String name, String kind) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            int status = 200;
            try (InputStream body = exchange.getRequestBody()) {
                InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(body) : body;
                receive(ExportTraceServiceRequest.parseFrom(in.readAllBytes()));
            } catch (InvalidProtocolBufferException e) {
                status = 400;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            byte[] reply = io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse.getDefaultInstance()
                    .toByteArray();
            exchange.sendResponseHeaders(status, status == 200 ? reply.length : -1);
            if (status == 200) {
                exchange.getResponseBody().write(reply);
            }
            exchange.close();
        });
        server.start();
    }

    private void receive(ExportTraceServiceRequest request) {
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = resource.getResource().getAttributesList().stream()
                    .filter(a -> a.getKey().equals("service.name")).map(KeyValue::getValue)
                    .map(v -> v.getStringValue()).findFirst().orElse("?");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                scope.getSpansList().forEach(span -> spans.add(new ReceivedSpan(service,
                        HexFormat.of().formatHex(span.getTraceId().toByteArray()), span.getName(),
                        span.getKind().name())));
            }
        }
    }

    /** Where the services export to: {@code http://127.0.0.1:<port>/v1/traces}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
