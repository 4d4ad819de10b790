package io.stowage.testbackends;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3-compatible server (s3proxy) running in this JVM on a free loopback port, with
 * an in-memory store and SigV4 authentication on under a freshly generated key pair.
 *
 * <p>Most tests share one server per JVM through {@link #shared()}, which a shutdown
 * hook stops; tests that need a server of their own (to stop it, for instance) use
 * {@link #start()} in a try-with-resources block.
 *
 * <pre>{@code
 * S3ProxyServer s3 = S3ProxyServer.shared();
 * StoreSettings settings = StoreSettings.builder()
 *         .endpoint(s3.endpoint())
 *         .region(s3.region())
 *         .credentials(Credentials.basic(s3.accessKey(), s3.secretKey()))
 *         .build();
 * }</pre>
 *
 * <p>Known limits of s3proxy 4.1.0, which tests must respect: objects uploaded in parts
 * cannot be read through an AWS SDK client built with {@code multipartEnabled(true)}
 * (501; read with a plain client); checksums are verified on upload but never returned;
 * the CRT-based client's multipart uploads fail; a key with an empty segment is stored
 * without it ({@link #EMPTY_KEY_SEGMENT_LIMIT}).
 */
public final class S3ProxyServer implements LoopbackServer {

    /** The region s3proxy answers for; it accepts signatures for this region. */
    public static final String REGION = "us-east-1";

    /**
     * Why a key with an empty segment cannot round-trip here, for tests to skip with. Not
     * Jetty's doing: s3proxy sets {@code UriCompliance.LEGACY} and its servlet receives
     * {@code /bucket/a//b} intact; its nio2 stores (the transient one too) then resolve the
     * key as a file-system path, where an empty name cannot exist, so {@code a//b} is stored
     * and listed as {@code a/b}. No server setting changes that.
     */
    public static final String EMPTY_KEY_SEGMENT_LIMIT = "s3proxy 4.1.0 stores keys as file-system paths, so a key "
            + "with an empty segment ('double//slash') is stored and listed as 'double/slash' although the client "
            + "sends '//'; real S3 keeps it";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Object SHARED_LOCK = new Object();
    private static volatile S3ProxyServer shared;

    private final S3Proxy proxy;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final AtomicBoolean closed = new AtomicBoolean();

    private S3ProxyServer(S3Proxy proxy, URI endpoint, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * The server shared by every test of this JVM: started on first use, stopped when the
     * JVM exits. Callers must not close it (closing it is ignored).
     */
    public static S3ProxyServer shared() {
        S3ProxyServer s = shared;
        if (s != null) {
            return s;
        }
        synchronized (SHARED_LOCK) {
            if (shared == null) {
                S3ProxyServer started = startServer();
                Runtime.getRuntime().addShutdownHook(new Thread(started::stopQuietly, "s3proxy-shutdown"));
                shared = started;
            }
            return shared;
        }
    }

    /** Starts a server of the caller's own, in memory, which the caller closes. */
    public static S3ProxyServer start() {
        return startServer(new TransientNio2BlobStore());
    }

    /**
     * Starts a server of the caller's own whose objects live in files under
     * {@code directory}. The in-memory store keeps every object in this JVM's heap, which
     * hides what a test of client-side memory use wants to see; this one does not.
     */
    public static S3ProxyServer startOnDisk(Path directory) {
        try {
            Files.createDirectories(directory);
            return startServer(new FilesystemNio2BlobStore(directory.toAbsolutePath().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the s3proxy directory " + directory, e);
        }
    }

    private static S3ProxyServer startServer() {
        return startServer(new TransientNio2BlobStore());
    }

    private static S3ProxyServer startServer(BlobStore store) {
        // Random keys per server: a test that passes with them proves the signature is
        // really computed, and no well-known key can leak into a real account's logs.
        String accessKey = "AKST" + randomHex(8).toUpperCase(Locale.ROOT);
        String secretKey = randomHex(20);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                // Port 0: the kernel picks a free one, so parallel builds never clash.
                .endpoint(URI.create("http://127.0.0.1:0"))
                // The SDK sends headers s3proxy does not know (checksum, SDK metadata);
                // refusing them would fail ordinary requests.
                .ignoreUnknownHeaders(true)
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start within " + START_TIMEOUT
                            + " (state " + proxy.getState() + ")");
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(proxy);
            throw new IllegalStateException("Interrupted while starting s3proxy", e);
        } catch (RuntimeException e) {
            stopQuietly(proxy);
            throw e;
        } catch (Exception e) {
            stopQuietly(proxy);
            throw new IllegalStateException("Cannot start s3proxy", e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        return new S3ProxyServer(proxy, endpoint, accessKey, secretKey);
    }

    /** The HTTP endpoint, {@code http://127.0.0.1:PORT}, for path-style requests. */
    public URI endpoint() {
        return endpoint;
    }

    /** The region to sign requests for: {@value #REGION}. */
    public String region() {
        return REGION;
    }

    /** The access key id the server accepts. */
    public String accessKey() {
        return accessKey;
    }

    /** The secret key the server accepts. */
    public String secretKey() {
        return secretKey;
    }

    /** The port the server listens on. */
    public int port() {
        return endpoint.getPort();
    }

    /** Whether this server is still running. */
    public boolean isRunning() {
        return !closed.get();
    }

    /**
     * A bucket name that no other test uses: lower case, valid for S3, starting with
     * {@code prefix} (trimmed so that the whole name stays within 63 characters).
     */
    public static String uniqueBucketName(String prefix) {
        String clean = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String head = clean.isEmpty() ? "b" : clean;
        if (head.length() > 40) {
            head = head.substring(0, 40);
        }
        if (!Character.isLetterOrDigit(head.charAt(0))) {
            head = "b" + head;
        }
        return head + (head.endsWith("-") ? "" : "-") + suffix;
    }

    /** Stops the server; a no-op for the {@link #shared()} one, which the JVM's exit stops. */
    @Override
    public void close() {
        if (this == shared) {
            return;
        }
        stopQuietly();
    }

    private void stopQuietly() {
        if (closed.compareAndSet(false, true)) {
            stopQuietly(proxy);
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            // Stopping happens at test teardown or JVM exit, where a failure has no one
            // left to act on it; the port is freed with the process anyway.
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public String toString() {
        // Never the secret: test reports print this.
        return "S3ProxyServer(" + endpoint + ", region=" + REGION + ", accessKey=" + accessKey + ")";
    }
}
