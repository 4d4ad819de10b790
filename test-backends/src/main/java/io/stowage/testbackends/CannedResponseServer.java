package io.stowage.testbackends;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server that answers every request with one canned response and records
 * the headers of each request: for what the real test servers never do (throttle, fail
 * with 5xx) and for what a client sends (signatures, tokens, retries).
 *
 * <pre>{@code
 * try (CannedResponseServer server = CannedResponseServer.start(503, "application/xml",
 *         "<Error><Code>SlowDown</Code></Error>")) {
 *     // point a client at server.endpoint(), then:
 *     assertThat(server.requests()).hasSize(3);
 * }
 * }</pre>
 */
public final class CannedResponseServer implements AutoCloseable {

    private final HttpServer server;
    private final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    private CannedResponseServer(int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(Map.copyOf(exchange.getRequestHeaders()));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.getResponseHeaders().add("x-amzn-RequestId", "canned-request");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** Starts a server on a free loopback port that answers every request as given. */
    public static CannedResponseServer start(int status, String contentType, String body) {
        try {
            return new CannedResponseServer(status, contentType, body);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a loopback HTTP server", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The headers of each request received so far, in order. */
    public List<Map<String, List<String>>> requests() {
        return List.copyOf(requests);
    }

    /** The body of each request received so far, as UTF-8 text, in order. */
    public List<String> requestBodies() {
        return List.copyOf(bodies);
    }

    /** A header of one recorded request, whatever its case; several values joined by commas; null when absent. */
    public static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(h -> String.join(",", h.getValue())).findFirst().orElse(null);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
