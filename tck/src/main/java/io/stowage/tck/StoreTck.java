package io.stowage.tck;

import static io.stowage.tck.TckSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stowage.spi.Credentials;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.net.BlackHoleServer;
import io.stowage.tck.net.CannedResponseServer;
import io.stowage.tck.net.RecordingProxy;
import io.stowage.tck.net.ResettingServer;
import io.stowage.tck.net.ThreadWatch;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What {@link BlobStoreTck} and {@link ItemStoreTck} share: the provider's
 * {@link StoreFactory}, backend limits, a silent server, and the checks of how a store
 * applies its settings on the wire, run against stores the kit makes from settings: requests
 * go through the configured proxy; throttling is retried as configured, then reported with
 * {@link StoreErrorCode#THROTTLED}, every attempt signed with the session token that no
 * message shows; a silent backend fails with {@link StoreErrorCode#TIMEOUT} within the API
 * call timeout; {@code close()} ends every thread the store started. These are skipped, with
 * the reason, for stores that use no network.
 *
 * <pre>{@code
 * class MyBlobStoreTckTest extends BlobStoreTck {
 *     protected StoreFactory<BlobStore> blobStores() { return MyStores.FACTORY; }
 * }
 * }</pre>
 *
 * @param <S> the kind of store
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
public abstract class StoreTck<S extends AutoCloseable> {

    private static final String SESSION_KEY_ID = "AKIDSESSION";
    private static final String SESSION_SECRET = "the-secret-key";
    private static final String SESSION_TOKEN = "the-session-token";
    private static final String PROXY_PASSWORD = "proxy-pw-9931";

    private BlackHoleServer blackHole;

    StoreTck() {
        // Extended only by the kit's own classes, which know how to use a store of their kind.
    }

    /** The provider's factory. */
    abstract StoreFactory<S> factory();

    /** A read of the backend that needs no earlier setup (it may fail as long as it reaches the backend). */
    abstract CompletableFuture<?> read(S store);

    /** A write of the backend that needs no earlier setup. */
    abstract CompletableFuture<?> write(S store);

    /** Work that makes the store start what it needs (clients, pools), for the check that close() ends it. */
    abstract void exercise(S store);

    /** A server that throttles every request as the backend's protocol does. */
    abstract CannedResponseServer throttlingServer();

    /** Per-test preparation of the kit class, before backend limits apply. */
    void prepare(TestInfo info) {
    }

    // ------------------------------------------------------------------ hooks

    /**
     * Deviations of the <em>test server</em> from the real service that no store could get
     * past, by test method name (every case of a parameterized test): each named test is
     * skipped with {@code "backend limit: " + reason}. Empty by default.
     *
     * <p>A backend limit is not a capability: use it only when the server the tests run
     * against (s3proxy standing in for S3, say) deviates from the service it imitates, and
     * name the deviation in the reason. A provider's own bug or missing feature is never a
     * backend limit: fix the store, or stop declaring the capability.
     *
     * <pre>{@code
     * protected Map<String, String> backendLimits() {
     *     return Map.of("required_emptyKeySegmentsAreKept",
     *             "the test server cannot store a key with an empty segment ('a//b'); S3 can");
     * }
     * }</pre>
     */
    protected Map<String, String> backendLimits() {
        return Map.of();
    }

    /** A server that accepts connections and never answers, started on first use and closed after the class. */
    protected final synchronized BlackHoleServer blackHole() {
        if (blackHole == null) {
            blackHole = BlackHoleServer.start();
        }
        return blackHole;
    }

    // -------------------------------------------------------------- lifecycle

    @BeforeEach
    final void applyBackendLimits(TestInfo info) {
        prepare(info);
        // Checked after the kit's own preparation, so that clean-up after a skipped test
        // looks in a place of its own. Aborted, not passed: the report shows SKIPPED.
        String limit = info.getTestMethod().map(m -> backendLimits().get(m.getName())).orElse(null);
        if (limit != null) {
            Assumptions.abort("backend limit: " + limit);
        }
    }

    @AfterAll
    final void closeBlackHole() {
        if (blackHole != null) {
            blackHole.close();
        }
    }

    // ---------------------------------------------------------------- network

    @Test
    final void optional_requestsGoThroughTheConfiguredProxy() throws Exception {
        requireNetwork();
        try (RecordingProxy proxy = RecordingProxy.start()) {
            StoreSettings settings = factory().connectionSettings().toBuilder()
                    // A host that does not resolve: only a request handed to the proxy reaches anything.
                    .endpoint(URI.create("http://example.invalid:9"))
                    .region("us-east-1")
                    .credentials(Credentials.basic("AKIDPROXY", "secret"))
                    .proxy(proxy.uri("proxy-user", PROXY_PASSWORD))
                    .maxRetries(0)
                    .apiCallTimeout(Duration.ofSeconds(10))
                    .build();
            StoreException e;
            try (S store = open(settings)) {
                e = failure(() -> read(store), "a read through a proxy that answers 502");
            }
            assertThat(proxy.requestHeads()).as("requests the proxy received").isNotEmpty()
                    .allSatisfy(head -> assertThat(head).contains("example.invalid:9"));
            assertThat(e.getMessage()).as("failure message").doesNotContain(PROXY_PASSWORD);
        }
    }

    @Test
    final void optional_throttlingIsRetriedAsConfiguredThenReportedAsThrottled() {
        requireNetwork();
        try (CannedResponseServer server = throttlingServer()) {
            StoreException e = throttled(server, 2);
            assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.THROTTLED);
            assertThat(e.isDefinite()).as("a throttling answer after the last retry is definite").isTrue();
            assertThat(server.requests()).as("attempts: the first and two retries").hasSize(3);
        }
    }

    @Test
    final void optional_noRetriesMeansOneAttempt() {
        requireNetwork();
        try (CannedResponseServer server = throttlingServer()) {
            StoreException e = throttled(server, 0);
            assertThat(e.code()).as("code: %s", e).isEqualTo(StoreErrorCode.THROTTLED);
            assertThat(server.requests()).as("attempts").hasSize(1);
        }
    }

    @Test
    final void optional_everyAttemptCarriesTheSessionTokenAndNoMessageShowsIt() {
        requireNetwork();
        try (CannedResponseServer server = throttlingServer()) {
            StoreException e = throttled(server, 1);
            assertThat(server.requests()).hasSize(2).allSatisfy(headers -> {
                assertThat(CannedResponseServer.header(headers, "X-Amz-Security-Token")).isEqualTo(SESSION_TOKEN);
                assertThat(CannedResponseServer.header(headers, "Authorization")).contains("Credential=" + SESSION_KEY_ID + "/");
            });
            // The server echoes the token into its error text; the message must mask it.
            assertThat(e.getMessage()).as("message of a failure whose server text holds the token")
                    .contains("***").doesNotContain(SESSION_TOKEN).doesNotContain(SESSION_SECRET);
        }
    }

    @Test
    final void optional_unresponsiveBackendFailsWithTimeout() throws Exception {
        requireNetwork();
        StoreSettings settings = factory().connectionSettings().toBuilder()
                .endpoint(blackHole().uri())
                .connectTimeout(Duration.ofSeconds(1))
                .apiCallTimeout(Duration.ofSeconds(2))
                .maxRetries(0)
                .build();
        Duration bound = Duration.ofSeconds(60);
        try (S slow = open(settings)) {
            StoreException read = failure(() -> read(slow), "a read from a silent backend", bound);
            assertThat(read.code()).as("code: %s", read).isEqualTo(StoreErrorCode.TIMEOUT);
            assertThat(read.isDefinite()).as("a timeout may have been applied").isFalse();
            StoreException write = failure(() -> write(slow), "a write to a silent backend", bound);
            assertThat(write.code()).as("code: %s", write).isEqualTo(StoreErrorCode.TIMEOUT);
        }
    }

    @Test
    final void optional_aConnectionThatCannotBeMadeIsADefiniteFailure() throws Exception {
        requireNetwork();
        // A port held by a bound socket that does not listen: connections to it are refused, and
        // no other socket can take it while the test runs.
        try (java.net.Socket holder = new java.net.Socket()) {
            holder.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            StoreSettings settings = factory().connectionSettings().toBuilder()
                    .endpoint(URI.create("http://127.0.0.1:" + holder.getLocalPort()))
                    .connectTimeout(Duration.ofSeconds(2))
                    .apiCallTimeout(Duration.ofSeconds(10))
                    .maxRetries(0)
                    .build();
            refusedConnection(settings);
        }
    }

    private void refusedConnection(StoreSettings settings) {
        try (S store = open(settings)) {
            StoreException write = failure(() -> write(store), "a write to a port nothing listens on", Duration.ofSeconds(60));
            if (write.code() == StoreErrorCode.TIMEOUT) {
                // Seen once in a dozen full builds on a loaded 2-core machine: the fresh client's
                // first connect attempt ran past the call timeout instead of being refused. Asked
                // again, the refusal is what is checked.
                write = failure(() -> write(store), "a second write to a port nothing listens on", Duration.ofSeconds(60));
            }
            assertThat(write.code()).as("code: %s", write).isEqualTo(StoreErrorCode.CONNECTION);
            assertThat(write.isDefinite()).as("no connection, so nothing was sent").isTrue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    final void optional_aConnectionResetAfterTheRequestIsAnAmbiguousFailure() throws Exception {
        requireNetwork();
        try (ResettingServer server = ResettingServer.start()) {
            try (S store = open(noRetriesAt(server.uri()))) {
                StoreException write = failure(() -> write(store), "a write whose connection is reset after the request",
                        Duration.ofSeconds(60));
                assertThat(server.requests()).as("requests the server read before resetting").isPositive();
                assertThat(write.code()).as("code: %s", write).isEqualTo(StoreErrorCode.CONNECTION_LOST);
                assertThat(write.isDefinite()).as("the request was sent, so it may have been applied").isFalse();
            }
        }
    }

    @Test
    final void optional_aServerErrorAfterTheLastRetryIsAnAmbiguousFailure() {
        requireNetwork();
        try (CannedResponseServer server = CannedResponseServer.start(500, "text/plain", "")) {
            StoreSettings settings = factory().connectionSettings().toBuilder()
                    .endpoint(server.endpoint())
                    .region("us-east-1")
                    .maxRetries(0)
                    .build();
            try (S store = open(settings)) {
                StoreException write = failure(() -> write(store), "a write answered with 500");
                assertThat(write.code()).as("code: %s", write).isEqualTo(StoreErrorCode.OTHER);
                assertThat(write.isDefinite()).as("a server error may come after the write was applied").isFalse();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    final void optional_closeEndsEveryThreadTheStoreStarted() throws InterruptedException {
        requireNetwork();
        assumeTrue(!factory().threadNamePrefixes().isEmpty(),
                "the provider's StoreFactory names no threadNamePrefixes() to watch");
        ThreadWatch watch = ThreadWatch.start(factory().threadNamePrefixes().toArray(new String[0]));
        S store = open(factory().connectionSettings());
        exercise(store);
        assertThat(watch.awaitStarted(Duration.ofSeconds(5)))
                .as("threads the store started (named %s)", factory().threadNamePrefixes())
                .isNotEmpty();
        close(store);
        assertThat(watch.stillAliveAfter(Duration.ofSeconds(15))).as("threads alive 15 s after close()").isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    /** The settings of the store under test with credentials that the backend must refuse. */
    final StoreSettings wrongCredentials() {
        StoreSettings settings = factory().connectionSettings();
        String keyId = settings.credentials().accessKeyId().orElse("AKIDSTOWAGETCK");
        return settings.toBuilder().credentials(Credentials.basic(keyId, "not-the-secret-key")).build();
    }

    /** The store's settings pointed at a test server, with one attempt per call and a 10 s timeout. */
    final StoreSettings noRetriesAt(URI endpoint) {
        return factory().connectionSettings().toBuilder()
                .endpoint(endpoint)
                .region("us-east-1")
                .apiCallTimeout(Duration.ofSeconds(10))
                .maxRetries(0)
                .build();
    }

    final S open(StoreSettings settings) {
        return factory().create(settings);
    }

    static void close(AutoCloseable store) {
        try {
            store.close();
        } catch (Exception e) {
            throw new AssertionError("close() failed: " + e, e);
        }
    }

    private StoreException throttled(CannedResponseServer server, int maxRetries) {
        return throttled(server, maxRetries, this::read, "a read from a throttling server");
    }

    /** A {@link #write} to {@code server} with {@code maxRetries}; how it failed. */
    final StoreException throttledWrite(CannedResponseServer server, int maxRetries) {
        return throttled(server, maxRetries, this::write, "a write to a throttling server");
    }

    private StoreException throttled(CannedResponseServer server, int maxRetries, Function<S, CompletableFuture<?>> call,
                                     String what) {
        StoreSettings settings = factory().connectionSettings().toBuilder()
                .endpoint(server.endpoint())
                .region("us-east-1")
                .credentials(Credentials.session(SESSION_KEY_ID, SESSION_SECRET, SESSION_TOKEN))
                .maxRetries(maxRetries)
                .build();
        try (S store = open(settings)) {
            return failure(() -> call.apply(store), what);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    final void requireNetwork() {
        assumeTrue(factory().networked(), "the store uses no network (StoreFactory.networked() is false)");
    }
}
