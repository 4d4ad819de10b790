package io.stowage.bench;

import io.stowage.S3File;
import io.stowage.S3Value;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * Downloading the small file into memory: raw {@code getObject} to bytes with
 * {@code If-Match} on the stored etag (what Stowage sends, so that a changed object is
 * refused) against {@code S3Value.getBytes()} of a loaded document. The document is
 * loaded once, untimed: this row is the download alone.
 *
 * <pre>{@code
 * Scenario download = new DownloadBytesScenario(env);
 * }</pre>
 */
final class DownloadBytesScenario implements Scenario {

    private final BenchEnvironment env;
    private final long size;
    private S3Value value;
    private GetObjectRequest rawRequest;

    DownloadBytesScenario(BenchEnvironment env) {
        this.env = env;
        this.size = env.config().smallBytes();
    }

    @Override
    public String name() {
        return "download " + Sizes.label(size) + " to memory";
    }

    @Override
    public int callsPerRound() {
        return 10;
    }

    @Override
    public String rawDescription() {
        return "S3 getObject (If-Match) to bytes";
    }

    @Override
    public String stowageDescription() {
        return "S3Value.getBytes()";
    }

    @Override
    public void prepare() {
        BenchDocument doc = new BenchDocument();
        doc.pk = "STOWAGE#download-small";
        doc.sk = "v1";
        doc.name = "small.bin";
        doc.content = S3File.of(env.smallBytes(), "small.bin");
        env.table().syncSave(doc);
        value = env.table().syncGet(doc.pk, doc.sk).orElseThrow().content;
        rawRequest = GetObjectRequest.builder()
                .bucket(value.bucket())
                .key(value.key())
                .ifMatch(RawDocuments.quote(value.etag()))
                .build();
    }

    @Override
    public void raw() {
        check(env.raw().s3().getObject(rawRequest, AsyncResponseTransformer.toBytes()).join()
                .asByteArrayUnsafe().length);
    }

    @Override
    public void stowage() {
        check(value.syncGetBytes().length);
    }

    private void check(long length) {
        if (length != size) {
            throw new IllegalStateException("downloaded " + length + " bytes, expected " + size);
        }
    }
}
