package io.stowage.tck.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on {@code 127.0.0.1} that reads each request's head and then resets the
 * connection (RST, no answer): a backend that received the request, may have applied it,
 * and broke before replying. A store must report that as an ambiguous failure.
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
    private final Thread acceptor;

    private ResettingServer(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::acceptForever, "stowage-tck-resetting-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Starts a server on a free loopback port. */
    public static ResettingServer start() {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new ResettingServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a loopback server socket", e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Request heads read (and answered with a reset) so far. */
    public int requests() {
        return requests.get();
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread handler = new Thread(() -> readHeadThenReset(socket), "stowage-tck-resetting-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void readHeadThenReset(Socket socket) {
        try (Socket s = socket) {
            InputStream in = s.getInputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            int b;
            while (matched < end.length && (b = in.read()) >= 0) {
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            requests.incrementAndGet();
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
