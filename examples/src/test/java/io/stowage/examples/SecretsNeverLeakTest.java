package io.stowage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.S3File;
import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.annotations.Sse;
import io.stowage.provider.dynamodb.DynamoDbItemStore;
import io.stowage.provider.minio.MinioBlobStore;
import io.stowage.provider.s3.S3BlobStore;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobStore;
import io.stowage.spi.Credentials;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemStore;
import io.stowage.spi.ListBlobsRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.ServerSideEncryption;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.model.TckDocument;
import io.stowage.tck.net.BlackHoleServer;
import io.stowage.tck.net.CannedResponseServer;
import io.stowage.tck.net.RecordingProxy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every secret the library accepts (the secret key, the session token, the endpoint's and
 * the proxy's passwords), set to known values, never appears in an exception message, a
 * stack trace (causes and suppressed included), a {@code toString()} or a log line, whatever
 * fails: a server that refuses the request and echoes the secrets back in its error, a
 * server that never answers, a port nobody listens on, a proxy that refuses to connect.
 * Driven through the S3, MinIO and DynamoDB providers directly and through {@code Stowage}.
 */
class SecretsNeverLeakTest {

    private static final String SECRET_KEY = "SeCrEtKeY-do-not-leak-7f3a9c";
    private static final String SESSION_TOKEN = "SeSsIoNtOkEn-do-not-leak-91bd02";
    private static final String ENDPOINT_PASSWORD = "EnDpOiNtPw-do-not-leak-5521";
    private static final String PROXY_PASSWORD = "PrOxYpW-do-not-leak-0c44";
    private static final byte[] CUSTOMER_KEY = "SsEcKeY-do-not-leak-32-bytes-!!!".getBytes(StandardCharsets.US_ASCII);
    private static final ServerSideEncryption SSE_C = ServerSideEncryption.customer(CUSTOMER_KEY);
    /** The SSE-C key in every form it travels in (S3 servers never echo it, so no canned error holds it). */
    private static final List<String> SECRETS = List.of(SECRET_KEY, SESSION_TOKEN, ENDPOINT_PASSWORD, PROXY_PASSWORD,
            SSE_C.customerKeyBase64(), new String(CUSTOMER_KEY, StandardCharsets.US_ASCII));

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private PrintStream out;
    private PrintStream err;
    private Handler handler;
    private Level rootLevel;
    private int checked;

    @BeforeEach
    void captureLogsAndConsole() {
        out = System.out;
        err = System.err;
        PrintStream tee = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(tee);
        System.setErr(tee);
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // Stowage's own lines at every level; other libraries' from INFO up. (A client
                // library's wire trace, which the user turns on to see the raw requests, shows
                // the signed headers by design.)
                boolean own = record.getLoggerName() != null && record.getLoggerName().startsWith("io.stowage");
                if (!own && record.getLevel().intValue() < Level.INFO.intValue()) {
                    return;
                }
                StringWriter w = new StringWriter();
                w.append(record.getLoggerName()).append(' ').append(String.valueOf(record.getMessage()));
                if (record.getParameters() != null) {
                    for (Object p : record.getParameters()) {
                        w.append(' ').append(String.valueOf(p));
                    }
                }
                if (record.getThrown() != null) {
                    record.getThrown().printStackTrace(new PrintWriter(w));
                }
                seen.add("log: " + w);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
    }

    @AfterEach
    void restore() {
        System.setOut(out);
        System.setErr(err);
        Logger root = Logger.getLogger("");
        root.removeHandler(handler);
        root.setLevel(rootLevel);
    }

    @Test
    void noSecretLeaksFromAnyProviderWhateverFails(@TempDir Path dir) throws Exception {
        String echo = "<Error><Code>AccessDenied</Code><Message>key " + SECRET_KEY + " with token " + SESSION_TOKEN
                + " and password " + ENDPOINT_PASSWORD + " refused</Message></Error>";
        String dynamoEcho = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#AccessDeniedException\",\"message\":\"token "
                + SESSION_TOKEN + " and key " + SECRET_KEY + " refused\"}";
        try (CannedResponseServer s3Refusing = CannedResponseServer.start(403, "application/xml", echo);
             CannedResponseServer dynamoRefusing = CannedResponseServer.start(400, "application/x-amz-json-1.0", dynamoEcho);
             BlackHoleServer silent = BlackHoleServer.start();
             RecordingProxy proxy = RecordingProxy.start()) {
            List<URI> blobEndpoints = List.of(withPassword(s3Refusing.endpoint()), withPassword(silent.uri()),
                    URI.create("http://user:" + ENDPOINT_PASSWORD + "@127.0.0.1:9"));
            List<URI> itemEndpoints = List.of(withPassword(dynamoRefusing.endpoint()), withPassword(silent.uri()),
                    URI.create("http://user:" + ENDPOINT_PASSWORD + "@127.0.0.1:9"));
            List<Function<StoreSettings, BlobStore>> blobProviders = List.of(S3BlobStore::create, MinioBlobStore::create);

            for (URI endpoint : blobEndpoints) {
                boolean slow = endpoint.getPort() == silent.port();
                for (boolean viaProxy : slow ? new boolean[] {false} : new boolean[] {false, true}) {
                    StoreSettings settings = settings(endpoint, viaProxy ? proxy.uri("puser", PROXY_PASSWORD) : null);
                    for (Function<StoreSettings, BlobStore> provider : blobProviders) {
                        try (BlobStore store = provider.apply(settings)) {
                            record(store.toString());
                            driveBlobStore(store, dir, slow);
                        }
                    }
                }
            }
            for (URI endpoint : itemEndpoints) {
                try (ItemStore store = DynamoDbItemStore.create(settings(endpoint, null))) {
                    record(store.toString());
                    driveItemStore(store);
                }
            }
            StowageConfig config = StowageConfig.builder()
                    .blobStoreProvider("s3").itemStoreProvider("dynamodb")
                    .settings(settings(withPassword(s3Refusing.endpoint()), proxy.uri("puser", PROXY_PASSWORD)))
                    .itemStore(s -> s.endpoint(withPassword(dynamoRefusing.endpoint())))
                    .sseCustomerKey(CUSTOMER_KEY)
                    .build();
            record(config.toString());
            try (Stowage stowage = Stowage.builder().config(config).build()) {
                record(stowage.toString());
                driveStowage(stowage, dir);
            }
        }
        seen.add("console: " + console.toString(StandardCharsets.UTF_8));
        assertThat(checked).as("failures and strings checked").isGreaterThan(300);
        out.println("[secrets] " + checked + " messages, traces and strings and " + seen.stream().filter(t -> t.startsWith("log: "))
                .count() + " log lines scanned for " + SECRETS.size() + " secrets");
        for (String text : seen) {
            for (String secret : SECRETS) {
                assertThat(text).as("a secret in: %s", text.length() > 300 ? text.substring(0, 300) + "..." : text)
                        .doesNotContain(secret);
            }
        }
    }

    private static StoreSettings settings(URI endpoint, URI proxy) {
        return StoreSettings.builder().endpoint(endpoint).region("us-east-1")
                .credentials(Credentials.session("AKIDSECRETTEST", SECRET_KEY, SESSION_TOKEN))
                .proxy(proxy).maxRetries(0).apiCallTimeout(Duration.ofSeconds(1)).connectTimeout(Duration.ofSeconds(1))
                .build();
    }

    private static URI withPassword(URI endpoint) {
        return URI.create("http://user:" + ENDPOINT_PASSWORD + "@" + endpoint.getHost() + ":" + endpoint.getPort());
    }

    /** Every blob call; against a silent server (each call waits for its timeout) only the main three. */
    private void driveBlobStore(BlobStore store, Path dir, boolean slow) {
        BlobId id = BlobId.of("secret-bucket", "docs/a.txt");
        attempt(() -> store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(new byte[10])));
        attempt(() -> store.put(PutBlobRequest.builder().id(id).encryption(SSE_C).build(), BlobContent.fromBytes(new byte[10])));
        attempt(() -> store.getBytes(GetBlobRequest.builder().id(id).encryption(SSE_C).build()));
        record(PutBlobRequest.builder().id(id).encryption(SSE_C).build().toString());
        record(GetBlobRequest.builder().id(id).encryption(SSE_C).build().toString());
        attempt(() -> store.getBytes(GetBlobRequest.of(id)));
        attempt(() -> store.list(ListBlobsRequest.builder().bucket("secret-bucket").build()));
        if (slow) {
            return;
        }
        attempt(() -> store.head(GetBlobRequest.of(id)));
        attempt(() -> store.getToFile(GetBlobRequest.of(id), dir.resolve("a.txt")));
        attempt(() -> store.getStream(GetBlobRequest.of(id)));
        attempt(() -> store.delete(DeleteBlobRequest.of(id)));
        attempt(() -> store.bucketExists("secret-bucket", null));
        attempt(() -> store.createBucket("secret-bucket", null));
    }

    private void driveItemStore(ItemStore store) {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("p"));
        attempt(() -> store.get(ItemKeyRequest.builder().table("secret-table").key(key).build()));
        attempt(() -> store.put(PutItemRequest.builder().table("secret-table").item(key).build()));
        attempt(() -> store.delete(ItemKeyRequest.builder().table("secret-table").key(key).build()));
    }

    private void driveStowage(Stowage stowage, Path dir) throws Exception {
        var table = stowage.table(TckDocument.schema("secret-table", "secret-bucket"));
        TckDocument d = new TckDocument();
        d.pk = "p";
        d.content = S3File.of(Files.writeString(dir.resolve("doc.txt"), "doc"));
        attempt(() -> table.save(d));
        attempt(() -> table.get("p", "v1"));
        attempt(() -> table.deleteByKey("p", "v1"));
        attempt(table::createTableIfMissing);
        attempt(() -> stowage.createBucketIfMissing("secret-bucket"));
        var encrypted = stowage.table(TckDocument.encryptedSchema("secret-table", "secret-bucket", Sse.CUSTOMER, null));
        TckDocument e = new TckDocument();
        e.pk = "e";
        e.content = S3File.of("encrypted".getBytes(StandardCharsets.UTF_8), "e.txt");
        attempt(() -> encrypted.save(e));
        attempt(() -> encrypted.get("e"));
    }

    /** Runs one call, which must fail, and records its message, its stack trace and its string. */
    private void attempt(Supplier<? extends CompletableFuture<?>> call) {
        Throwable failure;
        try {
            call.get().join();
            failure = null;
        } catch (Throwable t) {
            failure = t;
        }
        assertThat(failure).as("every call against a refusing, silent or missing server fails").isNotNull();
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        List<String> texts = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            texts.add(String.valueOf(t.getMessage()));
            texts.add(t.toString());
        }
        texts.add(trace.toString());
        texts.forEach(this::record);
    }

    private void record(String text) {
        seen.add(text);
        checked++;
    }
}
