package io.stowage.tck.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.stowage.spi.StoreSettings;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FaultProxyTest {

    private static final int MB = 1024 * 1024;
    /** What a client sends to an {@link #answering(int)} target to get one answer. */
    private static final byte[] REQUEST = "GET\n".getBytes(StandardCharsets.US_ASCII);

    @AfterEach
    void noProxyThreadOutlivesItsProxy() {
        assertThat(proxyThreads()).isEmpty();
    }

    @Test
    void passThroughForwardsFiveMegabytesEachWayUnchanged() throws Exception {
        byte[] payload = payload(5 * MB);
        try (Target target = new Target(FaultProxyTest::echo);
             FaultProxy proxy = FaultProxy.inFrontOf(target.uri());
             Socket client = connect(proxy)) {
            CompletableFuture<Void> sent = sendThenShutdown(client, payload);
            Read back = read(client.getInputStream(), Integer.MAX_VALUE);
            sent.get(5, TimeUnit.SECONDS);

            assertThat(back.failure()).isNull();
            assertThat(back.size()).isEqualTo(payload.length);
            assertThat(sha256(back.bytes())).isEqualTo(sha256(payload));
            assertThat(proxy.bytesToServer()).isEqualTo(payload.length);
            assertThat(proxy.bytesToClient()).isEqualTo(payload.length);
            assertThat(proxy.connections()).isEqualTo(1);
            assertThat(proxy.faultsInjected()).isZero();
        }
    }

    @Test
    void aResetAfterNRequestBytesForwardsExactlyNBytesThenResets() throws Exception {
        CompletableFuture<Long> received = new CompletableFuture<>();
        try (Target target = new Target(socket -> sink(socket, received));
             FaultProxy proxy = FaultProxy.inFrontOf(target.uri());
             Socket client = connect(proxy)) {
            proxy.resetRequestAfter(100_000);

            assertThatThrownBy(() -> {
                client.getOutputStream().write(payload(300_000));
                client.getInputStream().read();
            }).isInstanceOf(SocketException.class).hasMessageContaining("Connection reset");
            assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo(100_000L);
            assertThat(proxy.bytesToServer()).isEqualTo(100_000L);
            assertThat(proxy.faultsInjected()).isEqualTo(1);
        }
    }

    @Test
    void aResetAfterNResponseBytesDeliversExactlyNBytesThenResets() throws Exception {
        try (Target target = new Target(answering(MB));
             FaultProxy proxy = FaultProxy.inFrontOf(target.uri());
             Socket client = connect(proxy)) {
            proxy.resetResponseAfter(200_000);

            client.getOutputStream().write(REQUEST);
            Read read = read(client.getInputStream(), MB);

            assertThat(read.size()).isEqualTo(200_000);
            assertThat(sha256(read.bytes())).isEqualTo(sha256(Arrays.copyOf(payload(MB), 200_000)));
            assertThat(read.failure()).isInstanceOf(SocketException.class).hasMessageContaining("Connection reset");
            assertThat(proxy.bytesToClient()).isEqualTo(200_000L);
            assertThat(proxy.faultsInjected()).isEqualTo(1);
        }
    }

    @Test
    void aStalledResponseTimesTheClientOutWhileTheProxyHoldsTheConnection() throws Exception {
        try (Target target = new Target(answering(10_000));
             FaultProxy proxy = FaultProxy.inFrontOf(target.uri());
             Socket client = connect(proxy)) {
            proxy.stallResponseAfter(1_000);
            client.setSoTimeout(300);

            client.getOutputStream().write(REQUEST);
            Read stalled = read(client.getInputStream(), 10_000);

            assertThat(stalled.size()).isEqualTo(1_000);
            assertThat(stalled.failure()).isInstanceOf(SocketTimeoutException.class);
            assertThat(proxy.faultsInjected()).isEqualTo(1);

            // Held, not dropped: once the fault is cleared the rest of the answer arrives on the same connection.
            proxy.clearFaults();
            client.setSoTimeout(5_000);
            Read rest = read(client.getInputStream(), 9_000);
            assertThat(rest.failure()).isNull();
            assertThat(rest.size()).isEqualTo(9_000);
            assertThat(proxy.connections()).isEqualTo(1);
        }
    }

    @Test
    void aFaultLimitedToOneConnectionCutsTheFirstAndLetsTheNextThrough() throws Exception {
        try (Target target = new Target(answering(50_000));
             FaultProxy proxy = FaultProxy.inFrontOf(target.uri())) {
            proxy.resetResponseAfter(10).times(1);

            Read first = request(proxy, 50_000);
            Read retry = request(proxy, 50_000);

            assertThat(first.size()).isEqualTo(10);
            assertThat(first.failure()).isInstanceOf(SocketException.class).hasMessageContaining("Connection reset");
            assertThat(retry.failure()).isNull();
            assertThat(retry.size()).isEqualTo(50_000);
            assertThat(sha256(retry.bytes())).isEqualTo(sha256(payload(50_000)));
            assertThat(proxy.connections()).isEqualTo(2);
            assertThat(proxy.faultsInjected()).isEqualTo(1);
        }
    }

    @Test
    void aFaultWithoutALimitCutsEveryConnectionUntilCleared() throws Exception {
        try (Target target = new Target(answering(50_000));
             FaultProxy proxy = FaultProxy.inFrontOf(target.uri())) {
            proxy.resetResponseAfter(10);

            for (int i = 0; i < 3; i++) {
                Read cut = request(proxy, 50_000);
                assertThat(cut.size()).isEqualTo(10);
                assertThat(cut.failure()).isInstanceOf(SocketException.class);
            }
            proxy.clearFaults();
            Read whole = request(proxy, 50_000);

            assertThat(whole.failure()).isNull();
            assertThat(whole.size()).isEqualTo(50_000);
            assertThat(proxy.faultsInjected()).isEqualTo(3);
        }
    }

    @Test
    void aFaultArmedWhileAConnectionIsOpenTakesHoldAtItsNextRequest() throws Exception {
        try (Target target = new Target(answering(20_000));
             FaultProxy proxy = FaultProxy.inFrontOf(target.uri());
             Socket client = connect(proxy)) {
            client.getOutputStream().write(REQUEST);
            assertThat(read(client.getInputStream(), 20_000).size()).isEqualTo(20_000);

            proxy.resetResponseAfter(10);
            client.getOutputStream().write(REQUEST);
            Read cut = read(client.getInputStream(), 20_000);

            // Counted from the moment the fault took hold, not from the connection's first byte.
            assertThat(cut.size()).isEqualTo(10);
            assertThat(cut.failure()).isInstanceOf(SocketException.class).hasMessageContaining("Connection reset");
            assertThat(proxy.connections()).isEqualTo(1);
        }
    }

    @Test
    void aDelayOnEachChunkSlowsARoundTripByAtLeastTheDelayEachWay() throws Exception {
        Duration delay = Duration.ofMillis(150);
        try (Target target = new Target(FaultProxyTest::echo);
             FaultProxy proxy = FaultProxy.inFrontOf(target.uri());
             Socket client = connect(proxy)) {
            proxy.delayEachChunk(delay);

            long start = System.nanoTime();
            client.getOutputStream().write(REQUEST);
            Read echoed = read(client.getInputStream(), REQUEST.length);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(echoed.bytes()).isEqualTo(REQUEST);
            assertThat(elapsed).isGreaterThanOrEqualTo(delay.multipliedBy(2));
            assertThat(proxy.faultsInjected()).as("a delay counts once per connection").isEqualTo(1);
        }
    }

    @Test
    void settingsForTheBackendReachItThroughTheProxyWithTheSameRegionAndKeys() throws Exception {
        try (Target target = new Target(FaultProxyTest::echo);
             FaultProxy proxy = FaultProxy.inFrontOf(target.uri())) {
            StoreSettings backend = StoreSettings.builder().endpoint(target.uri()).region("eu-west-3")
                    .credentials(io.stowage.spi.Credentials.basic("backend-access", "backend-secret")).build();
            StoreSettings settings = proxy.settingsFor(backend);

            assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:" + proxy.port()));
            assertThat(proxy.port()).isNotEqualTo(target.uri().getPort());
            assertThat(settings.region()).contains("eu-west-3");
            assertThat(settings.credentials()).isEqualTo(backend.credentials());
            assertThat(proxy.toString()).doesNotContain("backend-secret");
            try (Socket client = new Socket(settings.endpoint().orElseThrow().getHost(), proxy.port())) {
                client.getOutputStream().write(REQUEST);
                assertThat(read(client.getInputStream(), REQUEST.length).bytes()).isEqualTo(REQUEST);
            }
        }
    }

    @Test
    void closeEndsEveryConnectionAndLeavesNoProxyThreadBehind() throws Exception {
        try (Target target = new Target(answering(10_000))) {
            FaultProxy proxy = FaultProxy.inFrontOf(target.uri());
            try (Socket stalled = connect(proxy); Socket idle = connect(proxy)) {
                proxy.stallResponseAfter(1_000).times(1);
                stalled.getOutputStream().write(REQUEST);
                assertThat(read(stalled.getInputStream(), 1_000).size()).isEqualTo(1_000);
                idle.getOutputStream().write(REQUEST);
                assertThat(read(idle.getInputStream(), 10_000).size()).isEqualTo(10_000);
                assertThat(proxyThreads()).hasSizeGreaterThanOrEqualTo(5);

                proxy.close();

                assertThat(proxyThreads()).isEmpty();
                assertThat(read(stalled.getInputStream(), 1).size()).isZero();
                assertThat(read(idle.getInputStream(), 1).size()).isZero();
                assertThatThrownBy(() -> new Socket("127.0.0.1", proxy.port()).close()).isInstanceOf(ConnectException.class);
                proxy.close();
            }
        }
    }

    @Test
    void anUnreachableTargetResetsTheClientInsteadOfAnsweringNothing() throws Exception {
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = gone.getLocalPort();
        }
        try (FaultProxy proxy = FaultProxy.inFrontOf(URI.create("http://127.0.0.1:" + closedPort));
             Socket client = connect(proxy)) {
            Read read = read(client.getInputStream(), 1);

            assertThat(read.size()).isZero();
            assertThat(read.failure()).isInstanceOf(SocketException.class).hasMessageContaining("Connection reset");
        }
    }

    @Test
    void aTargetNeedsAPortAndAFaultNeedsCountsOfZeroOrMore() {
        assertThatThrownBy(() -> FaultProxy.inFrontOf(URI.create("http://127.0.0.1"))).isInstanceOf(IllegalArgumentException.class);
        try (FaultProxy proxy = FaultProxy.inFrontOf(URI.create("http://127.0.0.1:9"))) {
            assertThatThrownBy(() -> proxy.resetRequestAfter(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> proxy.delayEachChunk(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> proxy.stallResponseAfter(0).times(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static List<String> proxyThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("stowage-fault-proxy"))
                .map(Thread::getName)
                .toList();
    }

    private static Socket connect(FaultProxy proxy) throws IOException {
        Socket socket = new Socket(proxy.endpoint().getHost(), proxy.port());
        // A test that goes wrong fails on this instead of hanging until the class timeout.
        socket.setSoTimeout(5_000);
        return socket;
    }

    /** One request on a connection of its own: what came back of an answer of {@code size} bytes. */
    private static Read request(FaultProxy proxy, int size) throws IOException {
        try (Socket client = connect(proxy)) {
            client.getOutputStream().write(REQUEST);
            return read(client.getInputStream(), size);
        }
    }

    /** What a client read: bytes until it had all it wanted, the stream ended, or a read failed. */
    private record Read(byte[] bytes, IOException failure) {
        int size() {
            return bytes.length;
        }
    }

    private static Read read(InputStream in, int wanted) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (got.size() < wanted) {
                int n = in.read(buffer, 0, Math.min(buffer.length, wanted - got.size()));
                if (n < 0) {
                    break;
                }
                got.write(buffer, 0, n);
            }
            return new Read(got.toByteArray(), null);
        } catch (IOException e) {
            return new Read(got.toByteArray(), e);
        }
    }

    private static CompletableFuture<Void> sendThenShutdown(Socket client, byte[] data) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        // Its own thread: the echo comes back while we write, and must be read meanwhile.
        Thread writer = new Thread(() -> {
            try {
                client.getOutputStream().write(data);
                client.shutdownOutput();
                done.complete(null);
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        }, "fault-proxy-test-writer");
        writer.setDaemon(true);
        writer.start();
        return done;
    }

    private static byte[] payload(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    private static void echo(Socket socket) throws IOException {
        socket.getInputStream().transferTo(socket.getOutputStream());
        socket.shutdownOutput();
    }

    /** A target that answers every {@link #REQUEST} on a connection with the same {@code size} bytes. */
    private static Handler answering(int size) {
        byte[] answer = payload(size);
        return socket -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (in.readNBytes(REQUEST.length).length == REQUEST.length) {
                out.write(answer);
            }
        };
    }

    private static void sink(Socket socket, CompletableFuture<Long> received) {
        long count = 0;
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                count += n;
            }
        } catch (IOException e) {
            // The reset the test is after: what arrived before it is the count.
        }
        received.complete(count);
    }

    @FunctionalInterface
    private interface Handler {
        void handle(Socket socket) throws IOException;
    }

    /** A loopback server that hands each connection to a handler, on a thread of its own. */
    private static final class Target implements AutoCloseable {
        private final ServerSocket listener;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        Target(Handler handler) throws IOException {
            listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket socket = listener.accept();
                        accepted.add(socket);
                        Thread worker = new Thread(() -> handle(handler, socket), "fault-proxy-test-target");
                        worker.setDaemon(true);
                        worker.start();
                    }
                } catch (IOException e) {
                    // close() closed the listener.
                }
            }, "fault-proxy-test-target-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private static void handle(Handler handler, Socket socket) {
            try (socket) {
                handler.handle(socket);
            } catch (IOException e) {
                // The proxy cut the connection: what most of these tests are about.
            }
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + listener.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
