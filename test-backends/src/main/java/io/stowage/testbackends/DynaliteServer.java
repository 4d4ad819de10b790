package io.stowage.testbackends;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.stowage.testbackends.internal.BoundedLog;
import io.stowage.testbackends.internal.NodeRuntime;

/**
 * A DynamoDB-compatible server for tests: npm {@code dynalite@4.0.0}, in memory, run by
 * Node.js as a child process of this JVM on a free loopback port.
 *
 * <p>The build installs dynalite ({@code npm ci} on the committed lock file, in
 * {@code test-backends/src/main/node}); this class finds that folder through a resource
 * written at build time, or through the system property {@value #DIRECTORY_PROPERTY} (or
 * the environment variable {@code STOWAGE_DYNALITE_DIR}). It finds {@code node} on the
 * {@code PATH}, or at {@code -Dstowage.node=...} / {@code NODE=...}.
 *
 * <p>Most tests share one server per JVM through {@link #shared()}, which is stopped with
 * the JVM; tests that need a server of their own (to stop it, for instance) use
 * {@link #start()} or {@link #builder()} in a try-with-resources block. The child process
 * also exits by itself when this JVM dies, however it dies (it watches its stdin).
 *
 * <pre>{@code
 * DynaliteServer dynamo = DynaliteServer.shared();
 * StoreSettings settings = StoreSettings.builder()
 *         .endpoint(dynamo.endpoint())
 *         .region(dynamo.region())
 *         .credentials(Credentials.basic(dynamo.accessKey(), dynamo.secretKey()))
 *         .build();
 * }</pre>
 *
 * <p>What dynalite does not do, which tests must respect: it has no transactions
 * ({@code TransactWriteItems}, {@code TransactGetItems}); it does not verify request
 * signatures (any key pair is accepted, so wrong credentials are not refused); tables stay
 * in {@code CREATING} for {@link Builder#createTableDelay(Duration)} (50 ms here, 500 ms
 * in dynalite by default).
 */
public final class DynaliteServer implements LoopbackServer {

    /** The region tests sign for; dynalite accepts any. */
    public static final String REGION = "us-east-1";
    /** A dummy access key: dynalite does not check signatures, but the SDK needs a key to sign with. */
    public static final String ACCESS_KEY = "stowage-dynalite";
    /** A dummy secret key, for the same reason. */
    public static final String SECRET_KEY = "stowage-dynalite-secret";
    /** System property naming the folder where dynalite is installed (overrides the build-time value). */
    public static final String DIRECTORY_PROPERTY = "stowage.dynalite.dir";

    private static final Pattern LISTENING = Pattern.compile("DYNALITE_LISTENING port=(\\d+)");
    private static final String LOOPBACK = "127.0.0.1";
    private static final Object SHARED_LOCK = new Object();
    private static volatile DynaliteServer shared;
    // A failed start is remembered so that each later test fails at once with the same
    // cause instead of waiting out the start timeout again.
    private static volatile IllegalStateException sharedFailure;

    private final Process process;
    private final OutputStream stdin;
    private final int port;
    private final URI endpoint;
    private final BoundedLog stderr;
    private final boolean isShared;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DynaliteServer(Process process, int port, BoundedLog stderr, Thread stderrPump, boolean isShared) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.port = port;
        this.endpoint = URI.create("http://" + LOOPBACK + ":" + port);
        this.stderr = stderr;
        this.isShared = isShared;
        this.shutdownHook = new Thread(this::stop, "dynalite-shutdown-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        // Every later test fails with "connection refused" when the server dies: say why, once, where the reports keep it.
        process.onExit().thenAccept(p -> {
            if (!closed.get()) {
                try {
                    // The process can be reaped before its last lines (the crash's stack) are read.
                    stderrPump.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.err.println("dynalite on port " + port + " exited unexpectedly with code " + p.exitValue()
                        + "; its stderr:\n" + stderr.text());
            }
        });
    }

    /**
     * The server shared by every test of this JVM: started on first use, stopped when the
     * JVM exits. Closing it is ignored.
     *
     * @throws IllegalStateException if Node.js or dynalite is missing or the server does not start
     */
    public static DynaliteServer shared() {
        DynaliteServer s = shared;
        if (s != null) {
            return s;
        }
        synchronized (SHARED_LOCK) {
            if (shared == null) {
                if (sharedFailure != null) {
                    throw new IllegalStateException(sharedFailure.getMessage(), sharedFailure);
                }
                try {
                    shared = builder().startShared();
                } catch (IllegalStateException e) {
                    sharedFailure = e;
                    throw e;
                }
            }
            return shared;
        }
    }

    /** Starts a server of the caller's own, with the default options; the caller closes it. */
    public static DynaliteServer start() {
        return builder().start();
    }

    /** Options for a server of the caller's own. */
    public static Builder builder() {
        return new Builder();
    }

    /** The server's endpoint, {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The loopback port the server listens on. */
    public int port() {
        return port;
    }

    /** {@value #REGION}. */
    public String region() {
        return REGION;
    }

    /** {@value #ACCESS_KEY}. */
    public String accessKey() {
        return ACCESS_KEY;
    }

    /** {@value #SECRET_KEY}. */
    public String secretKey() {
        return SECRET_KEY;
    }

    /** Whether the child process is still alive. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** What dynalite has written to stderr so far (the last 64 KiB). */
    public String stderr() {
        return stderr.text();
    }

    /** Stops the server and its process tree; ignored on the {@link #shared()} server. Idempotent. */
    @Override
    public void close() {
        if (isShared) {
            return;
        }
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to: nothing to remove
        }
    }

    @Override
    public String toString() {
        return "DynaliteServer(" + endpoint + (isShared ? ", shared" : "") + (process.isAlive() ? "" : ", stopped") + ")";
    }

    private void stop() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        destroyTree(process, stdin);
    }

    /**
     * Closing stdin asks the server to stop; then SIGTERM, then SIGKILL, each bounded, so
     * that a stuck child never delays the JVM's exit by more than a few seconds.
     */
    static void destroyTree(Process process, OutputStream stdin) {
        List<ProcessHandle> descendants = new ArrayList<>();
        process.descendants().forEach(descendants::add);
        try {
            stdin.close();
        } catch (IOException ignored) {
            // the pipe is already gone: the child has exited or is exiting
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(2, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    /**
     * Options of a server: start timeout, table-creation delay, item size limit, and where
     * Node.js and dynalite are.
     *
     * <pre>{@code
     * try (DynaliteServer own = DynaliteServer.builder().startTimeout(Duration.ofSeconds(60)).start()) {
     *     URI endpoint = own.endpoint();
     * }
     * }</pre>
     */
    public static final class Builder {
        private Duration startTimeout = Duration.ofSeconds(30);
        private Duration createTableDelay = Duration.ofMillis(50);
        private Integer maxItemSizeKb;
        private Path nodeExecutable;
        private Path dynaliteDirectory;

        private Builder() {
        }

        /** How long to wait for the server to accept connections (default 30 s). */
        public Builder startTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, was " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /** How long a new table stays in CREATING (default 50 ms; dynalite's own default is 500 ms). */
        public Builder createTableDelay(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("createTableDelay must not be negative, was " + delay);
            }
            this.createTableDelay = delay;
            return this;
        }

        /** The item size limit dynalite enforces, in KiB (default 400, as DynamoDB). */
        public Builder maxItemSizeKb(int kb) {
            if (kb < 1) {
                throw new IllegalArgumentException("maxItemSizeKb must be >= 1, was " + kb);
            }
            this.maxItemSizeKb = kb;
            return this;
        }

        /** The {@code node} executable (default: {@code stowage.node}, {@code NODE}, then the PATH). */
        public Builder nodeExecutable(Path node) {
            this.nodeExecutable = node;
            return this;
        }

        /** The folder holding {@code dynalite-server.js} and {@code node_modules/dynalite}. */
        public Builder dynaliteDirectory(Path directory) {
            this.dynaliteDirectory = directory;
            return this;
        }

        /**
         * Starts the server and waits until it accepts connections.
         *
         * @throws IllegalStateException if Node.js or dynalite is missing, or the server
         *         does not start in time (the message carries dynalite's stderr)
         */
        public DynaliteServer start() {
            return launch(false);
        }

        DynaliteServer startShared() {
            return launch(true);
        }

        private DynaliteServer launch(boolean isShared) {
            Path node = nodeExecutable != null ? nodeExecutable : NodeRuntime.locateNode();
            NodeRuntime.requireVersion(node, 20, "dynalite 4");
            Path dir = dynaliteDirectory != null ? dynaliteDirectory : NodeRuntime.locateDynaliteDirectory();
            NodeRuntime.requireDynaliteInstalled(dir);

            List<String> command = new ArrayList<>(List.of(node.toString(), "dynalite-server.js",
                    "--host", LOOPBACK, "--port", "0",
                    "--createTableMs", Long.toString(createTableDelay.toMillis()),
                    "--deleteTableMs", Long.toString(createTableDelay.toMillis()),
                    "--updateTableMs", Long.toString(createTableDelay.toMillis())));
            if (maxItemSizeKb != null) {
                command.add("--maxItemSizeKb");
                command.add(maxItemSizeKb.toString());
            }
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            Process process;
            try {
                process = pb.start();
            } catch (IOException e) {
                throw new IllegalStateException("Could not run Node.js at " + node + " to start dynalite: "
                        + e.getMessage() + ". " + NodeRuntime.INSTALL_HINT, e);
            }

            BoundedLog stderr = new BoundedLog(64 * 1024);
            BoundedLog stdout = new BoundedLog(16 * 1024);
            CompletableFuture<Integer> listening = new CompletableFuture<>();
            Thread stderrPump = pump(process.getErrorStream(), "dynalite-stderr", stderr, null);
            pump(process.getInputStream(), "dynalite-stdout", stdout, listening);
            process.onExit().thenAccept(p -> listening.completeExceptionally(
                    new IllegalStateException("dynalite exited with code " + p.exitValue())));

            long deadline = System.nanoTime() + startTimeout.toNanos();
            try {
                int port = awaitPort(listening, deadline);
                awaitConnectable(port, deadline);
                return new DynaliteServer(process, port, stderr, stderrPump, isShared);
            } catch (RuntimeException e) {
                destroyTree(process, process.getOutputStream());
                throw new IllegalStateException("dynalite did not start (" + e.getMessage() + "); command: "
                        + String.join(" ", command) + " in " + dir + "\n--- dynalite stderr ---\n" + stderr.text()
                        + "\n--- dynalite stdout ---\n" + stdout.text(), e);
            }
        }

        private int awaitPort(CompletableFuture<Integer> listening, long deadline) {
            try {
                return listening.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("no port reported within " + startTimeout.toSeconds() + " s");
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for dynalite", e);
            }
        }

        private void awaitConnectable(int port, long deadline) {
            IOException last = null;
            while (System.nanoTime() < deadline) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(LOOPBACK, port), 1000);
                    return;
                } catch (IOException e) {
                    last = e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for dynalite", e);
                }
            }
            throw new IllegalStateException("port " + port + " did not accept connections within "
                    + startTimeout.toSeconds() + " s" + (last == null ? "" : ": " + last.getMessage()));
        }

        private static Thread pump(InputStream in, String name, BoundedLog log, CompletableFuture<Integer> listening) {
            Thread t = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        log.append(line);
                        if (listening != null && !listening.isDone()) {
                            Matcher m = LISTENING.matcher(line);
                            if (m.find()) {
                                listening.complete(Integer.parseInt(m.group(1)));
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // the process went away; what was read is kept
                }
            }, name);
            t.setDaemon(true);
            t.start();
            return t;
        }
    }
}
