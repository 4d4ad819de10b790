package io.stowage.provider.inmemory;

import static io.stowage.provider.inmemory.TestSupport.failure;
import static io.stowage.provider.inmemory.TestSupport.md5Hex;
import static io.stowage.provider.inmemory.TestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.StoreErrorCode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobStorePresignTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
    private final InMemoryBlobStore store = InMemoryBlobStore.builder().clock(clock).build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final BlobId id = BlobId.of("docs", "reports/2024/report.pdf");
    private BlobInfo stored;

    @BeforeEach
    void object() {
        store.createBucket("docs", null).join();
        stored = store.put(PutBlobRequest.builder().id(id).contentType("application/pdf").build(),
                BlobContent.fromBytes(utf8("%PDF-1.7 pretend"))).join();
        store.put(PutBlobRequest.builder().id(BlobId.of("docs", "reports/2024/other.pdf")).build(),
                BlobContent.fromBytes(utf8("other"))).join();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private HttpResponse<byte[]> get(URI url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> putBody(URI url, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI presignGet() {
        return store.presignGet(GetBlobRequest.of(id), FIVE_MINUTES).join();
    }

    @Test
    void presignedGetReturnsTheBytesContentTypeAndQuotedEtag() throws Exception {
        URI url = presignGet();
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        HttpResponse<byte[]> response = get(url);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(utf8("%PDF-1.7 pretend"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(response.headers().firstValue("ETag")).hasValue("\"" + stored.etag() + "\"");
    }

    @Test
    void presignedGetStillWorksJustBeforeExpiryAndIs403After() throws Exception {
        URI url = presignGet();
        clock.advance(FIVE_MINUTES);
        assertThat(get(url).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<byte[]> response = get(url);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("expired");
    }

    @Test
    void tamperedKeyIs403() throws Exception {
        URI url = presignGet();
        URI tampered = URI.create(url.toString().replace("/report.pdf?", "/other.pdf?"));
        assertThat(tampered).isNotEqualTo(url);
        assertThat(get(tampered).statusCode()).isEqualTo(403);
    }

    @Test
    void tamperedExpiryIs403() throws Exception {
        URI url = presignGet();
        Matcher m = Pattern.compile("X-Stowage-Expires=(\\d+)").matcher(url.toString());
        assertThat(m.find()).isTrue();
        long later = Long.parseLong(m.group(1)) + 3600;
        URI tampered = URI.create(m.replaceFirst("X-Stowage-Expires=" + later));
        assertThat(get(tampered).statusCode()).isEqualTo(403);
    }

    @Test
    void tamperedSignatureIs403() throws Exception {
        String url = presignGet().toString();
        char last = url.charAt(url.length() - 1);
        URI tampered = URI.create(url.substring(0, url.length() - 1) + (last == '0' ? '1' : '0'));
        assertThat(get(tampered).statusCode()).isEqualTo(403);
    }

    @Test
    void missingSignatureIs403() throws Exception {
        String url = presignGet().toString();
        URI stripped = URI.create(url.replaceAll("&X-Stowage-Signature=[0-9a-f]+", ""));
        assertThat(get(stripped).statusCode()).isEqualTo(403);
    }

    @Test
    void getUrlUsedForPutOrWithAlteredMethodIs403() throws Exception {
        URI url = presignGet();
        assertThat(putBody(url, utf8("overwrite")).statusCode()).isEqualTo(403);
        URI altered = URI.create(url.toString().replace("X-Stowage-Method=GET", "X-Stowage-Method=PUT"));
        assertThat(putBody(altered, utf8("overwrite")).statusCode()).isEqualTo(403);
        assertThat(store.getBytes(GetBlobRequest.of(id)).join()).isEqualTo(utf8("%PDF-1.7 pretend"));
    }

    @Test
    void addedSignedParameterIs403() throws Exception {
        URI url = presignGet();
        URI added = URI.create(url.toString().replace("?", "?X-Stowage-If-Match=abc&"));
        assertThat(get(added).statusCode()).isEqualTo(403);
    }

    @Test
    void urlOfAnotherStoreIs403() throws Exception {
        try (InMemoryBlobStore other = InMemoryBlobStore.builder().clock(clock).build()) {
            other.createBucket("docs", null).join();
            URI foreign = other.presignGet(GetBlobRequest.of(id), FIVE_MINUTES).join();
            URI mine = presignGet();
            URI crossed = URI.create("http://127.0.0.1:" + mine.getPort() + foreign.getRawPath() + "?" + foreign.getRawQuery());
            assertThat(get(crossed).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void presignedGetOfMissingObjectIs404() throws Exception {
        URI url = store.presignGet(GetBlobRequest.of(BlobId.of("docs", "missing.pdf")), FIVE_MINUTES).join();
        assertThat(get(url).statusCode()).isEqualTo(404);
        URI noBucket = store.presignGet(GetBlobRequest.of(BlobId.of("no-bucket", "x")), FIVE_MINUTES).join();
        assertThat(get(noBucket).statusCode()).isEqualTo(404);
    }

    @Test
    void presignedGetHonoursRangeHeaderWith206() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(presignGet()).header("Range", "bytes=1-3").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(utf8("PDF"));
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 1-3/16");
        HttpResponse<byte[]> suffix = http.send(HttpRequest.newBuilder(presignGet()).header("Range", "bytes=-7").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(suffix.body()).isEqualTo(utf8("pretend"));
        HttpResponse<byte[]> unsatisfiable = http.send(HttpRequest.newBuilder(presignGet()).header("Range", "bytes=99-").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(unsatisfiable.statusCode()).isEqualTo(416);
    }

    @Test
    void presignedGetWithStaleIfMatchIs412() throws Exception {
        URI url = store.presignGet(GetBlobRequest.builder().id(id).ifMatch(stored.etag()).build(), FIVE_MINUTES).join();
        assertThat(get(url).statusCode()).isEqualTo(200);
        store.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(utf8("changed"))).join();
        assertThat(get(url).statusCode()).isEqualTo(412);
    }

    @Test
    void presignedGetOfZeroByteObjectReturnsAnEmptyBody() throws Exception {
        BlobId empty = BlobId.of("docs", "empty");
        store.put(PutBlobRequest.builder().id(empty).build(), BlobContent.fromBytes(new byte[0])).join();
        HttpResponse<byte[]> response = get(store.presignGet(GetBlobRequest.of(empty), FIVE_MINUTES).join());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void presignedPutStoresTheBodyWithTheSignedContentTypeAndMetadata() throws Exception {
        BlobId target = BlobId.of("docs", "uploads/new.json");
        URI url = store.presignPut(PutBlobRequest.builder().id(target).contentType("application/json")
                .userMetadata(Map.of("Department", "finance")).build(), FIVE_MINUTES).join().uri();
        byte[] body = utf8("{\"a\":1}");
        HttpResponse<byte[]> response = putBody(url, body);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"" + md5Hex(body) + "\"");
        BlobInfo info = store.head(GetBlobRequest.of(target)).join();
        assertThat(info.contentType()).isEqualTo("application/json");
        assertThat(info.etag()).isEqualTo(md5Hex(body));
        assertThat(info.userMetadata()).containsExactly(Map.entry("department", "finance"));
        assertThat(store.getBytes(GetBlobRequest.of(target)).join()).isEqualTo(body);
    }

    @Test
    void presignedGetReturnsUserMetadataHeadersEvenWhenNotAscii() throws Exception {
        BlobId target = BlobId.of("docs", "meta");
        store.put(PutBlobRequest.builder().id(target).userMetadata(Map.of("Owner", "Zoë", "plain", "x")).build(),
                BlobContent.fromBytes(utf8("m"))).join();
        HttpResponse<byte[]> response = get(store.presignGet(GetBlobRequest.of(target), FIVE_MINUTES).join());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(utf8("m"));
        assertThat(response.headers().firstValue("x-amz-meta-plain")).hasValue("x");
        assertThat(response.headers().firstValue("x-amz-meta-owner")).hasValue("=?UTF-8?B?Wm/Dqw==?=");
    }

    @Test
    void presignedPutWithAnotherContentTypeHeaderIs403() throws Exception {
        BlobId target = BlobId.of("docs", "uploads/typed");
        URI url = store.presignPut(PutBlobRequest.builder().id(target).contentType("application/json").build(),
                FIVE_MINUTES).join().uri();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).header("Content-Type", "text/html")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(utf8("<p>"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(failure(store.head(GetBlobRequest.of(target))).code()).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
    }

    @Test
    void presignedPutIs403AfterExpiryAndStoresNothing() throws Exception {
        BlobId target = BlobId.of("docs", "uploads/late");
        URI url = store.presignPut(PutBlobRequest.builder().id(target).build(), FIVE_MINUTES).join().uri();
        clock.advance(Duration.ofMinutes(6));
        assertThat(putBody(url, utf8("late")).statusCode()).isEqualTo(403);
        assertThat(failure(store.head(GetBlobRequest.of(target))).code()).isEqualTo(StoreErrorCode.OBJECT_NOT_FOUND);
    }

    @Test
    void presignedPutAboveMultipartThresholdGetsThePlainMd5LikeS3SinglePut() throws Exception {
        byte[] body = new byte[11 * 1024 * 1024];
        body[42] = 7;
        BlobId target = BlobId.of("docs", "uploads/big");
        URI url = store.presignPut(PutBlobRequest.builder().id(target).build(), FIVE_MINUTES).join().uri();
        assertThat(putBody(url, body).statusCode()).isEqualTo(200);
        assertThat(store.head(GetBlobRequest.of(target)).join().etag()).isEqualTo(md5Hex(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space/and+plus.txt", "percent%20literal", "hash#and?question", "unicodé/日本語.txt",
            "a//double/slash", "dots/../and/./x", "emoji\uD83D\uDE00"})
    void awkwardKeysRoundTripThroughPresignedPutAndGet(String key) throws Exception {
        BlobId target = BlobId.of("docs", key);
        URI putUrl = store.presignPut(PutBlobRequest.builder().id(target).contentType("text/plain").build(),
                FIVE_MINUTES).join().uri();
        assertThat(putBody(putUrl, utf8(key)).statusCode()).isEqualTo(200);
        assertThat(store.getBytes(GetBlobRequest.of(target)).join()).isEqualTo(utf8(key));
        HttpResponse<byte[]> response = get(store.presignGet(GetBlobRequest.of(target), FIVE_MINUTES).join());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(utf8(key));
    }

    @Test
    void versionedPresignedGetReadsTheSignedVersion() throws Exception {
        try (InMemoryBlobStore versioned = InMemoryBlobStore.builder().versioning(true).clock(clock).build()) {
            versioned.createBucket("docs", null).join();
            BlobInfo v1 = versioned.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(utf8("one"))).join();
            versioned.put(PutBlobRequest.builder().id(id).build(), BlobContent.fromBytes(utf8("two"))).join();
            URI url = versioned.presignGet(GetBlobRequest.builder().id(id).versionId(v1.versionId().get()).build(),
                    FIVE_MINUTES).join();
            HttpResponse<byte[]> response = get(url);
            assertThat(response.body()).isEqualTo(utf8("one"));
            assertThat(response.headers().firstValue("x-amz-version-id")).isEqualTo(v1.versionId());
        }
    }

    @Test
    void closeStopsThePresignServer() throws Exception {
        URI url = presignGet();
        assertThat(get(url).statusCode()).isEqualTo(200);
        store.close();
        try {
            HttpResponse<byte[]> response = get(url);
            assertThat(response.statusCode()).as("no server should answer after close").isNotEqualTo(200);
        } catch (ConnectException expected) {
            // the port is closed, which is what close() promises
        } catch (IOException expected) {
            // the connection was refused or reset
        }
    }
}
