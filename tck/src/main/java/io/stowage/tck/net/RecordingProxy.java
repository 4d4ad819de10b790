package io.stowage.tck.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy on loopback that forwards nothing: it records the head of each request it
 * receives (a {@code CONNECT host:port} tunnel request or an absolute-form request) and
 * answers {@code 502 Bad Gateway}. Enough to prove that a client sends its requests
 * through the configured proxy, and for which target.
 *
 * <pre>{@code
 * try (RecordingProxy proxy = RecordingProxy.start()) {
 *     // a client with proxy.uri() as its proxy calls http://example.invalid:9/...
 *     assertThat(proxy.requestHeads()).anySatisfy(h -> assertThat(h).contains("example.invalid:9"));
 * }
 * }</pre>
 */
public final class RecordingProxy implements AutoCloseable {

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final ServerSocket socket;
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private RecordingProxy() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "recording-proxy-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts the proxy on a free loopback port. */
    public static RecordingProxy start() {
        try {
            return new RecordingProxy();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a loopback port for the proxy", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** {@code http://user:password@127.0.0.1:<port>}: this proxy, with credentials for clients to send. */
    public URI uri(String user, String password) {
        return URI.create("http://" + user + ":" + password + "@127.0.0.1:" + socket.getLocalPort());
    }

    /** The request line and headers of each request received so far. */
    public List<String> requestHeads() {
        return List.copyOf(heads);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(5_000);
                heads.add(readHead(client.getInputStream()));
                OutputStream out = client.getOutputStream();
                out.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // A client that hangs up early, or the socket closing: nothing to record.
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length && head.size() < MAX_HEAD_BYTES) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a listening socket that failed to close leaves nothing to act on.
        }
    }
}
