package io.stowage.tck.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on {@code 127.0.0.1} that reads each request's head and then resets the
 * connection (RST, no answer): a backend that received the request, may have applied it,
 * and broke before replying. A store must report that as an ambiguous failure.
 *
 * <p>{@link #answeringHeads(int)} answers {@code HEAD} requests instead, with a status and
 * no body, and resets the rest: the answer a store gets when it asks, say, whether the
 * bucket of a write whose answer was lost exists.
 *
 * <pre>{@code
 * try (ResettingServer server = ResettingServer.start()) {
 *     BlobStore store = provider.create(StoreSettings.builder().endpoint(server.uri()).maxRetries(0).build());
 * }
 * }</pre>
 */
public final class ResettingServer implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final int headStatus;
    private final Thread acceptor;

    private ResettingServer(ServerSocket server, int headStatus) {
        this.server = server;
        this.headStatus = headStatus;
        this.acceptor = new Thread(this::acceptForever, "stowage-tck-resetting-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Starts a server on a free loopback port that resets every request. */
    public static ResettingServer start() {
        return start(0);
    }

    /**
     * Starts a server on a free loopback port that answers every {@code HEAD} request with
     * {@code status} (no body, then closes the connection) and resets every other request.
     */
    public static ResettingServer answeringHeads(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("Not an HTTP status: " + status);
        }
        return start(status);
    }

    private static ResettingServer start(int headStatus) {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new ResettingServer(server, headStatus);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a loopback server socket", e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Request heads read (and answered with a reset or a HEAD's status) so far. */
    public int requests() {
        return requests.get();
    }

    /** The request lines read so far ({@code "PUT /bucket/key HTTP/1.1"}), in order. */
    public List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread handler = new Thread(() -> readHeadThenAnswer(socket), "stowage-tck-resetting-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void readHeadThenAnswer(Socket socket) {
        try (Socket s = socket) {
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            int b;
            while (matched < end.length && (b = in.read()) >= 0) {
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                head.append((char) b);
            }
            int lineEnd = head.indexOf("\r\n");
            String requestLine = lineEnd < 0 ? head.toString() : head.substring(0, lineEnd);
            requestLines.add(requestLine);
            requests.incrementAndGet();
            if (headStatus != 0 && requestLine.startsWith("HEAD ")) {
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 " + headStatus + " Status\r\nContent-Length: 0\r\nConnection: close\r\n"
                        + "x-amz-request-id: resetting-server\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return;
            }
            // Linger 0: close sends RST, not FIN, as a crashed server or a middlebox does.
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // The client went away first; nothing to reset.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            acceptor.join(5000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ResettingServer(" + uri() + ")";
    }
}
