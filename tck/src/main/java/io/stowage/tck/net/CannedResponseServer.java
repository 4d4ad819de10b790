package io.stowage.tck.net;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server that answers every request with one canned response and records
 * the headers of each request: for what the real test servers never do (throttle, fail
 * with 5xx) and for what a client sends (signatures, tokens, retries). A
 * {@code {header:Name}} in the body is replaced by that request header's value, as
 * servers that echo a request into their error text do: to test that a client masks it.
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

    private static final Pattern HEADER = Pattern.compile("\\{header:([A-Za-z0-9-]+)}");

    private final HttpServer server;
    private final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    private CannedResponseServer(int status, String contentType, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
            requests.add(headers);
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = echo(body, headers).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.getResponseHeaders().add("x-amzn-RequestId", "canned-request");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /**
     * A server answering every request as S3 does when throttling: {@code 503 SlowDown},
     * with the request's session token echoed into the error text.
     */
    public static CannedResponseServer s3SlowDown() {
        return start(503, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code>"
                + "<Message>Please reduce your request rate (token {header:X-Amz-Security-Token}).</Message>"
                + "<RequestId>stub-request</RequestId></Error>");
    }

    /**
     * A server answering every request as DynamoDB does when throttling: {@code 400
     * ThrottlingException}, with the request's session token echoed into the error text.
     */
    public static CannedResponseServer dynamoDbThrottling() {
        return start(400, "application/x-amz-json-1.0",
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\",\"message\":"
                        + "\"Rate of requests exceeds the allowed throughput (token {header:X-Amz-Security-Token}).\"}");
    }

    /** Starts a server on a free loopback port that answers every request as given. */
    public static CannedResponseServer start(int status, String contentType, String body) {
        try {
            return new CannedResponseServer(status, contentType, body);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a loopback HTTP server", e);
        }
    }

    private static String echo(String body, Map<String, List<String>> headers) {
        Matcher placeholder = HEADER.matcher(body);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String value = header(headers, placeholder.group(1));
            placeholder.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        placeholder.appendTail(out);
        return out.toString();
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
