package io.stowage.tck.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on {@code 127.0.0.1} that accepts connections and never answers: the
 * endpoint of a backend that hangs. Point a store at {@link #uri()} with a short API-call
 * timeout to check that it fails with {@code TIMEOUT} instead of waiting forever.
 *
 * <pre>{@code
 * try (BlackHoleServer blackHole = BlackHoleServer.start()) {
 *     BlobStore store = provider.create(StoreSettings.builder()
 *             .endpoint(blackHole.uri())
 *             .apiCallTimeout(Duration.ofSeconds(1))
 *             .build());
 *     ...
 * }
 * }</pre>
 */
public final class BlackHoleServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    private BlackHoleServer(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::acceptForever, "stowage-tck-black-hole-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Starts a server on a free loopback port. */
    public static BlackHoleServer start() {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new BlackHoleServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a loopback server socket", e);
        }
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                // Holding the socket keeps the connection open, so the client waits for a reply that never comes.
                accepted.add(server.accept());
                connections.incrementAndGet();
            } catch (IOException e) {
                return;
            }
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** How many connections were accepted: zero means the client never tried this endpoint. */
    public int acceptedConnections() {
        return connections.get();
    }

    /** Closes the server and every accepted connection. Idempotent. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
        for (Socket socket : accepted) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already gone.
            }
        }
        accepted.clear();
    }

    @Override
    public String toString() {
        return "BlackHoleServer(" + uri() + ")";
    }
}
