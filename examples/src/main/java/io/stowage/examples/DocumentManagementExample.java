package io.stowage.examples;

import io.stowage.S3File;
import io.stowage.Stowage;
import io.stowage.Table;
import io.stowage.spi.BlobId;
import io.stowage.spi.GetBlobRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The seed's document-management example as a program: upload a 12 MiB invoice (so the
 * multipart path runs), list, download and verify, share a presigned URL, replace the
 * file, and delete. Runs on the in-memory providers by default; with {@code --aws}, on S3
 * and DynamoDB as the standard AWS environment describes them ({@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL_DYNAMODB}, the credentials chain),
 * creating the bucket and the table if they are missing. Exits non-zero if any step fails.
 *
 * <pre>{@code
 * mvn -B -q -pl examples -am -DskipTests package exec:java
 * AWS_REGION=eu-west-1 mvn -B -q -pl examples -am -DskipTests package exec:java -Dexec.args=--aws
 * }</pre>
 */
public final class DocumentManagementExample {

    static final long FILE_SIZE = 12L * 1024 * 1024;
    static final String BUCKET = "company-docs";

    private final PrintStream out;

    public DocumentManagementExample(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        boolean aws = java.util.Arrays.asList(args).contains("--aws");
        int status = runMain(() -> stowage(aws), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * The in-memory providers, or (with {@code aws}) S3 and DynamoDB from the standard AWS
     * environment; {@code stowage.blobstore} / {@code STOWAGE_BLOBSTORE} and their item-store
     * twins still choose other providers.
     */
    static Stowage stowage(boolean aws) {
        io.stowage.StowageConfig env = io.stowage.StowageConfig.fromEnvironment();
        return Stowage.builder().config(env.toBuilder()
                .blobStoreProvider(env.blobStoreProvider().orElse(aws ? "s3" : "inmemory"))
                .itemStoreProvider(env.itemStoreProvider().orElse(aws ? "dynamodb" : "inmemory"))
                .build()).build();
    }

    /**
     * The program: 0 when every step passed, 1 (after saying what failed) when one did,
     * including when Stowage cannot even be set up.
     */
    static int runMain(Supplier<Stowage> stowages, PrintStream out, PrintStream err) {
        try (Stowage stowage = stowages.get()) {
            new DocumentManagementExample(out).run(stowage);
            return 0;
        } catch (Throwable t) {
            Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
            err.println("Example FAILED: " + cause);
            cause.printStackTrace(err);
            return 1;
        }
    }

    /** Runs every step; throws on the first failure. */
    public void run(Stowage stowage) throws Exception {
        Path work = Files.createTempDirectory("stowage-example");
        try {
            runIn(stowage, work);
        } finally {
            deleteTree(work);
        }
    }

    private void runIn(Stowage stowage, Path work) throws Exception {
        out.printf("stores   %s%n", stowage);
        stowage.syncCreateBucketIfMissing(BUCKET);
        Table<Document> documents = stowage.table(Document.class);
        documents.syncCreateTableIfMissing();

        Path invoice = work.resolve("invoice.pdf");
        String invoiceSha = writeRandomFile(invoice, FILE_SIZE);

        Document doc = new Document();
        doc.pk = "DOC#invoice-2024-001";
        doc.name = "Invoice January 2024";
        doc.content = S3File.of(invoice)
                .withContentType("application/pdf")
                .withMetadata(Map.of("department", "finance"))
                .withProgress(new ProgressBar(out, "upload  "));
        long started = System.nanoTime();
        documents.save(doc).join();
        out.printf("saved    %s/%s: %s (%,d bytes, etag %s) in %d ms%n", doc.pk, doc.sk, doc.content.key(),
                doc.content.size(), doc.content.etag(), (System.nanoTime() - started) / 1_000_000);
        check(doc.content.etag().matches("[0-9a-f]{32}-\\d+"), "a 12 MiB upload should be multipart, etag was " + doc.content.etag());

        Document v2 = new Document();
        v2.pk = doc.pk;
        v2.sk = "v2";
        v2.name = "Invoice January 2024 (annotated)";
        v2.content = S3File.of("Paid on 2024-02-01".getBytes(StandardCharsets.UTF_8), "notes.txt");
        documents.syncSave(v2);
        out.printf("saved    %s/%s: %s (%,d bytes, %s)%n", v2.pk, v2.sk, v2.content.key(), v2.content.size(),
                v2.content.contentType());

        List<Document> listed = documents.query(doc.pk).syncToList();
        for (Document d : listed) {
            out.printf("listed   %s/%s %s: %,d bytes, %s, uploaded %s%n", d.pk, d.sk, d.name, d.content.size(),
                    d.content.contentType(), d.uploadedAt);
        }
        check(listed.size() == 2, "expected 2 documents in the partition, found " + listed.size());

        Document loaded = documents.syncGet(doc.pk).orElseThrow(() -> new IllegalStateException("v1 not found"));
        Path download = work.resolve("downloaded.pdf");
        loaded.content.syncSaveTo(download, new ProgressBar(out, "download"));
        check(invoiceSha.equals(sha256(download)), "downloaded bytes differ from the uploaded file");
        check(loaded.content.metadata().equals(Map.of("department", "finance")), "metadata was " + loaded.content.metadata());
        out.printf("download %s: %,d bytes, SHA-256 matches%n", download.getFileName(), Files.size(download));

        URI url = loaded.content.syncPresignedUrl(Duration.ofMinutes(5));
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        String viaUrl;
        try (InputStream body = response.body()) {
            viaUrl = sha256(body);
        }
        check(response.statusCode() == 200, "presigned GET returned HTTP " + response.statusCode());
        check(invoiceSha.equals(viaUrl), "presigned GET returned other bytes");
        out.printf("presign  HTTP %d, %s, SHA-256 matches (%s...)%n", response.statusCode(),
                response.headers().firstValue("Content-Type").orElse("?"), url.toString().substring(0, Math.min(60, url.toString().length())));

        String oldKey = loaded.content.key();
        loaded.content = S3File.of("corrected invoice".getBytes(StandardCharsets.UTF_8), "invoice-corrected.pdf");
        documents.syncSave(loaded);
        check(!objectExists(stowage, BUCKET, oldKey), "the replaced object " + oldKey + " should be gone");
        out.printf("replace  %s -> %s (old object deleted)%n", oldKey, loaded.content.key());

        for (Document d : documents.query(doc.pk).syncToList()) {
            String key = d.content.key();
            documents.syncDelete(d);
            check(!objectExists(stowage, BUCKET, key), "object " + key + " should be gone after delete");
        }
        check(documents.query(doc.pk).syncToList().isEmpty(), "the partition should be empty after delete");
        out.println("delete   both documents and their objects: done");
        out.println("Example OK");
    }

    private static boolean objectExists(Stowage stowage, String bucket, String key) {
        try {
            stowage.blobStore().head(GetBlobRequest.of(BlobId.of(bucket, key))).join();
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof io.stowage.spi.StoreException
                    && ((io.stowage.spi.StoreException) e.getCause()).code() == io.stowage.spi.StoreErrorCode.OBJECT_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("Check failed: " + message);
        }
    }

    /** Writes pseudo-random bytes in 64 KiB chunks (never the whole file in memory); returns its SHA-256. */
    static String writeRandomFile(Path path, long size) throws IOException {
        MessageDigest digest = sha256Digest();
        Random random = new Random(42);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream os = Files.newOutputStream(path)) {
            long left = size;
            while (left > 0) {
                random.nextBytes(chunk);
                int n = (int) Math.min(chunk.length, left);
                os.write(chunk, 0, n);
                digest.update(chunk, 0, n);
                left -= n;
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return sha256(in);
        }
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256Digest();
        try (DigestInputStream d = new DigestInputStream(in, digest)) {
            d.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
