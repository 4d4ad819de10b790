package io.stowage.tck.net;

import io.stowage.spi.StoreSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A TCP proxy on loopback, between a client and a test server (s3proxy, dynalite), that
 * breaks the wire when a test asks: it resets a connection after so many request or
 * response bytes, stalls a response, or slows every chunk. For tests of what a store does
 * when the network fails under it: an upload cut mid-part, a download cut mid-stream, a
 * call that stalls past its timeout.
 *
 * <p>A fault takes hold of a connection at the first bytes the connection carries after
 * the fault was armed: a connection opened later, or one already open (an SDK's pooled
 * connection) when its next request goes out. It holds every such connection until
 * {@link #clearFaults()}, or only the next {@link Fault#times(int) n} of them. Its bytes
 * are counted per connection and direction, from the moment it took hold.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.inFrontOf(s3proxySettings.endpoint().orElseThrow())) {
 *     BlobStore store = S3BlobStore.create(proxy.settingsFor(s3proxySettings));
 *     proxy.resetRequestAfter(1024 * 1024).times(1);   // the first try is cut mid-part, the retry goes through
 *     store.put(request, BlobContent.fromBytes(data)).join();
 *     assertThat(proxy.faultsInjected()).isEqualTo(1);
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {

    private static final String THREAD_PREFIX = "stowage-fault-proxy-";
    private static final int CHUNK = 32 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final long CLOSE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long ACK_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final URI endpoint;
    // Guards arming and closing; its monitor also wakes stalled and delayed connections.
    private final Object lock = new Object();
    private final List<Fault> armed = new CopyOnWriteArrayList<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong faultsInjected = new AtomicLong();
    private final AtomicLong bytesToServer = new AtomicLong();
    private final AtomicLong bytesToClient = new AtomicLong();
    private final Thread acceptor;
    private volatile long lastFaultId;
    private volatile boolean closed;

    private FaultProxy(URI target) {
        if (target.getHost() == null || target.getPort() < 0) {
            throw new IllegalArgumentException("A fault proxy needs a target with a host and a port: " + target);
        }
        this.target = new InetSocketAddress(target.getHost(), target.getPort());
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1", e);
        }
        this.endpoint = URI.create("http://127.0.0.1:" + listener.getLocalPort());
        this.acceptor = newThread(this::acceptLoop, "accept");
    }

    /** Starts a proxy in front of the server at {@code target}, of which only the host and the port count. */
    public static FaultProxy inFrontOf(URI target) {
        Objects.requireNonNull(target, "target");
        return new FaultProxy(target).start();
    }

    private FaultProxy start() {
        acceptor.start();
        return this;
    }

    /** The proxy's endpoint, {@code http://127.0.0.1:PORT}: where clients connect instead of the backend. */
    public URI endpoint() {
        return endpoint;
    }

    /** The port the proxy listens on. */
    public int port() {
        return endpoint.getPort();
    }

    /** The backend's settings with this proxy as the endpoint: the same region and credentials, through the proxy. */
    public StoreSettings settingsFor(StoreSettings backend) {
        return backend.toBuilder().endpoint(endpoint).build();
    }

    /**
     * Resets a connection (RST on both sides) once the client has sent {@code bytes} bytes
     * on it: the proxy forwards exactly that many to the server, and not one more. On Linux
     * the reset waits (a second at most) until the server's kernel has them all.
     */
    public Fault resetRequestAfter(long bytes) {
        return arm(Kind.RESET_REQUEST, bytes, 0);
    }

    /**
     * Resets a connection (RST on both sides) once the server has sent {@code bytes} bytes
     * on it: the proxy forwards exactly that many to the client, and not one more. On Linux
     * the reset waits (a second at most) until the client's kernel has them all.
     */
    public Fault resetResponseAfter(long bytes) {
        return arm(Kind.RESET_RESPONSE, bytes, 0);
    }

    /**
     * Forwards {@code bytes} bytes of the server's answer on a connection, then nothing, the
     * connection held open, until {@link #clearFaults()} (which resumes it) or {@link #close()}:
     * only the client's own timeout ends the wait.
     */
    public Fault stallResponseAfter(long bytes) {
        return arm(Kind.STALL_RESPONSE, bytes, 0);
    }

    /** Waits {@code delay} before forwarding each chunk read from either side. */
    public Fault delayEachChunk(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("A delay cannot be negative: " + delay);
        }
        return arm(Kind.DELAY, 0, delay.toNanos());
    }

    /** Disarms every fault, for the connections they hold too: stalled ones resume. */
    public void clearFaults() {
        synchronized (lock) {
            for (Fault fault : armed) {
                fault.cleared = true;
            }
            armed.clear();
            lock.notifyAll();
        }
    }

    private final WireRecording recording = new WireRecording();

    /** From now on, keeps what clients send (up to 64 MiB) for {@link #sentToServer()}. */
    public FaultProxy record() {
        recording.start();
        return this;
    }

    /** What clients sent to the server since {@link #record()}, as ISO-8859-1 text: request lines, headers, bodies. */
    public String sentToServer() {
        return recording.text();
    }

    /**
     * How many DynamoDB requests for {@code operation} (as {@code "PutItem"}) clients sent to the
     * server since {@link #record()}, read from their {@code X-Amz-Target} headers.
     */
    public int dynamoDbRequestsSent(String operation) {
        Matcher m = Pattern.compile("x-amz-target:\\s*DynamoDB_\\d+\\." + Pattern.quote(operation) + "\\r?\\n",
                Pattern.CASE_INSENSITIVE).matcher(sentToServer());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** How many connections the proxy has accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** How many times a fault took effect: each reset, each stall, each connection a delay slowed. */
    public long faultsInjected() {
        return faultsInjected.get();
    }

    /** How many bytes the proxy has forwarded from clients to the server, all connections together. */
    public long bytesToServer() {
        return bytesToServer.get();
    }

    /** How many bytes the proxy has forwarded from the server to clients, all connections together. */
    public long bytesToClient() {
        return bytesToClient.get();
    }

    /** Stops listening, closes every connection and waits for its threads to end; never throws. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            lock.notifyAll();
        }
        closeQuietly(listener);
        // Every connection the acceptor let in is in the set by now: it checks `closed` under the lock.
        for (Connection connection : open) {
            connection.close(false);
        }
        long deadline = System.nanoTime() + CLOSE_TIMEOUT_NANOS;
        try {
            // The acceptor first: once it has ended, no thread can start behind our back.
            TimeUnit.NANOSECONDS.timedJoin(acceptor, deadline - System.nanoTime());
            for (Thread thread : threads) {
                if (thread != Thread.currentThread()) {
                    TimeUnit.NANOSECONDS.timedJoin(thread, deadline - System.nanoTime());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Fault arm(Kind kind, long bytes, long delayNanos) {
        if (bytes < 0) {
            throw new IllegalArgumentException("A byte count cannot be negative: " + bytes);
        }
        synchronized (lock) {
            Fault fault = new Fault(lastFaultId + 1, kind, bytes, delayNanos);
            armed.add(fault);
            // Published after the fault is in the list: a connection that sees the id finds the fault.
            lastFaultId = fault.id;
            return fault;
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                // close() closes the listener to end this loop; a listener failing otherwise would keep failing.
                return;
            }
            Connection connection = new Connection(connections.incrementAndGet(), client);
            synchronized (lock) {
                if (closed) {
                    closeQuietly(client);
                    return;
                }
                open.add(connection);
            }
            newThread(connection::runToServer, connection.id + "-to-server").start();
        }
    }

    private Thread newThread(Runnable body, String name) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, THREAD_PREFIX + port() + "-" + name);
        thread.setDaemon(true);
        // Registered before it starts, so that close() cannot miss it.
        threads.add(thread);
        return thread;
    }

    private void injected(Hold hold) {
        if (hold.counted.compareAndSet(false, true)) {
            faultsInjected.incrementAndGet();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Teardown: the socket is gone either way, and nobody could act on the failure.
        }
    }

    private static void reset(Socket socket) {
        try {
            // Linger 0 turns the close into an RST: what a cut cable or a crashed peer looks like.
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // Already closed or never connected: a plain close is all that is left to do.
        }
        closeQuietly(socket);
    }

    @Override
    public String toString() {
        // Never the secret: test reports print this.
        return "FaultProxy(" + endpoint + " -> " + target + ", connections=" + connections() + ")";
    }

    /**
     * A fault armed on a {@link FaultProxy}: it holds every connection that carries bytes
     * until the proxy's faults are cleared, unless {@link #times(int)} limits it.
     *
     * <pre>{@code
     * proxy.resetResponseAfter(4096).times(1);   // cut the first download, let the retry through
     * proxy.delayEachChunk(Duration.ofMillis(50));   // every connection, until clearFaults()
     * }</pre>
     */
    public static final class Fault {

        private static final int UNLIMITED = -1;

        private final long id;
        private final Kind kind;
        private final long bytes;
        private final long delayNanos;
        private final AtomicInteger remaining = new AtomicInteger(UNLIMITED);
        private volatile boolean cleared;

        private Fault(long id, Kind kind, long bytes, long delayNanos) {
            this.id = id;
            this.kind = kind;
            this.bytes = bytes;
            this.delayNanos = delayNanos;
        }

        /**
         * Limits this fault to the next {@code connections} connections it takes hold of.
         * Call it as the fault is armed, before the traffic it is meant for: a connection
         * that carried bytes in between was already taken.
         */
        public Fault times(int connections) {
            if (connections < 1) {
                throw new IllegalArgumentException("A fault holds one connection at least: " + connections);
            }
            remaining.set(connections);
            return this;
        }

        private boolean claim() {
            return remaining.getAndUpdate(left -> left > 0 ? left - 1 : left) != 0;
        }
    }

    private enum Direction { TO_SERVER, TO_CLIENT }

    private enum Kind {
        RESET_REQUEST(Direction.TO_SERVER), RESET_RESPONSE(Direction.TO_CLIENT), STALL_RESPONSE(Direction.TO_CLIENT), DELAY(null);

        private final Direction direction;

        Kind(Direction direction) {
            this.direction = direction;
        }
    }

    /** A fault holding one connection. */
    private static final class Hold {
        private final Fault fault;
        private final AtomicBoolean counted = new AtomicBoolean();
        // Bytes the fault's direction had forwarded when the fault first saw it; touched by that direction's thread only.
        private long baseline = -1;

        private Hold(Fault fault) {
            this.fault = fault;
        }

        /** Bytes still to forward before the fault fires. */
        private long left(long forwarded) {
            if (baseline < 0) {
                baseline = forwarded;
            }
            return fault.bytes - (forwarded - baseline);
        }
    }

    /** One client connection and its connection to the target, pumped by two threads. */
    private final class Connection {
        private final int id;
        private final Socket client;
        private final Socket server = new Socket();
        private final List<Hold> holds = new CopyOnWriteArrayList<>();
        private final AtomicInteger endedDirections = new AtomicInteger();
        private volatile long consideredUpTo;
        private volatile boolean connectionClosed;

        private Connection(int id, Socket client) {
            this.id = id;
            this.client = client;
        }

        private void runToServer() {
            try {
                // No Nagle: a small tail held back for an ACK would be lost to a reset, and slow every exchange.
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                server.connect(target, CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                // To the client an unreachable target must look like a failure, not like an empty answer.
                close(true);
                return;
            }
            synchronized (this) {
                if (connectionClosed) {
                    return;
                }
                newThread(() -> pump(Direction.TO_CLIENT), id + "-to-client").start();
            }
            pump(Direction.TO_SERVER);
        }

        private void pump(Direction direction) {
            Socket from = direction == Direction.TO_SERVER ? client : server;
            Socket to = direction == Direction.TO_SERVER ? server : client;
            AtomicLong total = direction == Direction.TO_SERVER ? bytesToServer : bytesToClient;
            byte[] buffer = new byte[CHUNK];
            long forwarded = 0;
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                while (true) {
                    int read = in.read(buffer);
                    if (read < 0) {
                        endOfStream(to);
                        return;
                    }
                    takeNewFaults();
                    delay();
                    if (direction == Direction.TO_SERVER) {
                        recording.add(buffer, read);
                    }
                    int offset = 0;
                    while (offset < read) {
                        Hold firing = null;
                        long send = read - offset;
                        for (Hold hold : holds) {
                            if (!hold.fault.cleared && hold.fault.kind.direction == direction) {
                                long left = hold.left(forwarded);
                                if (left <= send) {
                                    firing = hold;
                                    send = left;
                                }
                            }
                        }
                        if (send > 0) {
                            out.write(buffer, offset, (int) send);
                            total.addAndGet(send);
                            forwarded += send;
                            offset += (int) send;
                        }
                        if (firing == null) {
                            continue;
                        }
                        injected(firing);
                        if (firing.fault.kind != Kind.STALL_RESPONSE) {
                            awaitAcknowledged(to);
                            close(true);
                            return;
                        }
                        stall(firing.fault);
                        if (!firing.fault.cleared) {
                            // Woken by a close, not by clearFaults(): nothing more goes through.
                            close(false);
                            return;
                        }
                    }
                }
            } catch (IOException e) {
                // Either side failing, or close() pulling the sockets away, ends the whole connection.
                close(false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close(false);
            }
        }

        /** Takes hold of this connection for the faults armed since it last looked. */
        private void takeNewFaults() {
            long latest = lastFaultId;
            if (latest == consideredUpTo) {
                return;
            }
            synchronized (this) {
                for (Fault fault : armed) {
                    if (fault.id > consideredUpTo && fault.id <= latest && !fault.cleared && fault.claim()) {
                        holds.add(new Hold(fault));
                    }
                }
                consideredUpTo = Math.max(consideredUpTo, latest);
            }
        }

        private void delay() throws InterruptedException {
            long nanos = 0;
            for (Hold hold : holds) {
                if (hold.fault.kind == Kind.DELAY && !hold.fault.cleared) {
                    nanos += hold.fault.delayNanos;
                    injected(hold);
                }
            }
            if (nanos > 0) {
                long deadline = System.nanoTime() + nanos;
                synchronized (lock) {
                    for (long left = nanos; left > 0 && !connectionClosed && !closed; left = deadline - System.nanoTime()) {
                        TimeUnit.NANOSECONDS.timedWait(lock, left);
                    }
                }
            }
        }

        private void stall(Fault fault) throws InterruptedException {
            synchronized (lock) {
                while (!fault.cleared && !connectionClosed && !closed) {
                    lock.wait();
                }
            }
        }

        /**
         * Waits, a second at most, until the peer's kernel has acknowledged every byte written
         * to {@code socket}: an RST drops what is still queued, as it is when the peer's receive
         * window is full, and the peer would get fewer bytes than counted. Linux tells through
         * {@code /proc/net}; elsewhere the reset goes at once.
         */
        private void awaitAcknowledged(Socket socket) throws InterruptedException {
            String local = String.format(":%04X", socket.getLocalPort());
            String remote = String.format(":%04X", socket.getPort());
            long deadline = System.nanoTime() + ACK_TIMEOUT_NANOS;
            while (!connectionClosed && !closed && System.nanoTime() < deadline && unacknowledged(local, remote)) {
                Thread.sleep(1);
            }
        }

        private boolean unacknowledged(String localPort, String remotePort) {
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                try (Stream<String> lines = Files.lines(Path.of(table))) {
                    // Columns: slot, local and remote address:port, state (01: established), tx_queue:rx_queue.
                    if (lines.map(line -> line.trim().split("\\s+")).anyMatch(f -> f.length > 4 && f[1].endsWith(localPort)
                            && f[2].endsWith(remotePort) && "01".equals(f[3]) && !f[4].startsWith("00000000:"))) {
                        return true;
                    }
                } catch (IOException | UncheckedIOException e) {
                    // No such table (IPv6 off, or not Linux): nothing to wait for there.
                }
            }
            return false;
        }

        /** Passes a half-close on, so that a client that shuts its output still gets its answer. */
        private void endOfStream(Socket to) {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // The other side is already gone; the connection closes below or through the other thread.
            }
            if (endedDirections.incrementAndGet() == 2) {
                close(false);
            }
        }

        private void close(boolean reset) {
            synchronized (this) {
                if (connectionClosed) {
                    return;
                }
                connectionClosed = true;
            }
            open.remove(this);
            if (reset) {
                reset(client);
                reset(server);
            } else {
                closeQuietly(client);
                closeQuietly(server);
            }
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }
}
