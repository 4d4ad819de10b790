package io.stowage.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.KeyContext;
import io.stowage.KeyLayout;
import io.stowage.ModelException;
import io.stowage.internal.ObjectKeys;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.ListBlobsRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.testbackends.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every object key the default layout builds from values validation accepts travels to a
 * real S3 server and back unchanged: s3proxy stores it under exactly that key (no
 * normalisation of {@code .}, {@code ..}, {@code //}, percent signs or Unicode), lists it
 * under it, and serves its bytes from it.
 */
class AcceptedKeysRoundTripPropertiesTest {

    private static final String BUCKET = "accepted-keys-round-trip";
    private static final List<String> CHARACTERS = List.of("a", "Z", "0", "#", "%", "%2F", "/", ".", "..", " ", "~", "-",
            "_", "+", "?", "&", "=", ";", "'", "\"", "<", "*", "\u00e9", "\u65e5", "\ud83d\ude00", "\u00a0");

    private static S3BlobStore store;

    @BeforeContainer
    static void start() {
        store = S3ProxyStores.store(S3ProxyServer.shared());
        store.createBucket(BUCKET, null).join();
    }

    @AfterContainer
    static void stop() {
        store.close();
    }

    @Provide
    Arbitrary<String> segments() {
        return Arbitraries.of(CHARACTERS).list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join("", parts));
    }

    @Property(tries = 150, maxDiscardRatio = 20)
    void everyAcceptedKeyRoundTripsOnS3Proxy(@ForAll("segments") String pk, @ForAll("segments") String sk,
                                             @ForAll("segments") String filename) {
        Optional<String> accepted = acceptedKey(pk, sk, filename);
        Assume.that(accepted.isPresent());
        String key = accepted.get();
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        BlobId id = BlobId.of(BUCKET, key);

        BlobInfo put = store.put(PutBlobRequest.builder().id(id).contentType("text/plain").build(),
                BlobContent.fromBytes(bytes)).join();
        assertThat(put.id().key()).as("key answered by the put").isEqualTo(key);
        assertThat(store.getBytes(GetBlobRequest.of(id)).join()).as("bytes under %s", key).isEqualTo(bytes);
        List<String> listed = store.list(ListBlobsRequest.builder().bucket(BUCKET).prefix(key).build()).join()
                .blobs().stream().map(b -> b.id().key()).collect(Collectors.toList());
        assertThat(listed).as("keys listed under the prefix %s", key).contains(key);
    }

    private static Optional<String> acceptedKey(String pk, String sk, String filename) {
        String where = "Table 't', attribute 'content'";
        try {
            ObjectKeys.checkKeyValue(pk, "partition key", true, where);
            ObjectKeys.checkKeyValue(sk, "sort key", false, where);
            ObjectKeys.checkFilename(filename, where);
            String key = KeyLayout.defaultLayout().objectKey(KeyContext.builder().table("t").attribute("content")
                    .bucket(BUCKET).prefix("docs/").partitionKey(pk).sortKey(sk).filename(filename).build());
            ObjectKeys.checkKey(key, where);
            ObjectKeys.checkKeySegments(key, where);
            return Optional.of(key);
        } catch (ModelException refused) {
            return Optional.empty();
        }
    }
}
