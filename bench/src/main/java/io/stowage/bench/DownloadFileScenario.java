package io.stowage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.stowage.S3File;
import io.stowage.S3Value;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * Downloading the large (multipart) object to a file: raw {@code getObject} with
 * {@code If-Match} straight to the target, against {@code S3Value.saveTo}, which writes
 * a temporary file beside the target and renames it. Both read through a plain client:
 * s3proxy refuses reads of multipart objects through a multipart-enabled one. The
 * heap is sampled: streaming must keep the increase far below the file's size.
 *
 * <pre>{@code
 * Scenario download = new DownloadFileScenario(env);
 * }</pre>
 */
final class DownloadFileScenario implements Scenario {

    private final BenchEnvironment env;
    private final long size;
    private S3Value value;
    private GetObjectRequest rawRequest;
    private Path target;

    DownloadFileScenario(BenchEnvironment env) {
        this.env = env;
        this.size = env.config().largeBytes();
    }

    @Override
    public String name() {
        return "download " + Sizes.label(size) + " to file";
    }

    @Override
    public String rawDescription() {
        return "S3 getObject (If-Match) to file";
    }

    @Override
    public String stowageDescription() {
        return "S3Value.saveTo(path)";
    }

    @Override
    public boolean tracksHeap() {
        return true;
    }

    @Override
    public void prepare() throws IOException {
        BenchDocument doc = new BenchDocument();
        doc.pk = "STOWAGE#download-large";
        doc.sk = "v1";
        doc.name = "large.bin";
        doc.content = S3File.of(env.largeFile());
        env.table().syncSave(doc);
        value = env.table().syncGet(doc.pk, doc.sk).orElseThrow().content;
        rawRequest = GetObjectRequest.builder()
                .bucket(value.bucket())
                .key(value.key())
                .ifMatch(RawDocuments.quote(value.etag()))
                .build();
        target = env.newDirectory("downloads").resolve("large-copy.bin");
    }

    @Override
    public void raw() throws IOException {
        env.raw().s3().getObject(rawRequest, AsyncResponseTransformer.toFile(target)).join();
        check();
    }

    @Override
    public void stowage() throws IOException {
        value.syncSaveTo(target);
        check();
    }

    @Override
    public void afterEach() throws IOException {
        Files.deleteIfExists(target);
    }

    private void check() throws IOException {
        long length = Files.size(target);
        if (length != size) {
            throw new IllegalStateException("downloaded " + length + " bytes, expected " + size);
        }
    }
}
