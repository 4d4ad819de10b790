package io.stowage.s3support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.spi.BlobId;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3RulesTest {

    @Test
    void bucketNamesFollowTheGeneralPurposeRules() {
        assertThat(S3Rules.bucketNameProblem("company-docs")).isNull();
        assertThat(S3Rules.bucketNameProblem("a.b-c1")).isNull();
        assertThat(S3Rules.bucketNameProblem("Company_Docs")).contains("Company_Docs").contains("lowercase");
        assertThat(S3Rules.bucketNameProblem("ab")).isNotNull();
        assertThat(S3Rules.bucketNameProblem("a".repeat(64))).isNotNull();
        assertThat(S3Rules.bucketNameProblem("a..b")).contains("'.'");
        assertThat(S3Rules.bucketNameProblem("a.-b")).isNotNull();
        assertThat(S3Rules.bucketNameProblem("192.168.1.1")).contains("IP address");
        assertThat(S3Rules.bucketNameProblem(null)).contains("empty");
        StoreException e = catchStore(() -> S3Rules.requireBucketName("Bad_Name"));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(e.bucket()).isEqualTo("Bad_Name");
    }

    @Test
    void keysAreValidUnicodeOfAtMost1024Utf8Bytes() {
        assertThat(S3Rules.keyProblem("a".repeat(1024))).isNull();
        assertThat(S3Rules.keyProblem("é".repeat(512))).isNull();
        assertThat(S3Rules.keyProblem("a".repeat(1025))).contains("1025").contains("1024");
        assertThat(S3Rules.keyProblem("é".repeat(513))).contains("1026");
        assertThat(S3Rules.keyProblem("")).contains("empty");
        assertThat(S3Rules.keyProblem("p\uDC00/f.txt")).as("an unpaired surrogate travels as '?'").contains("surrogate");
        assertThat(S3Rules.keyProblem("\uD83D\uDE00.txt")).as("a paired surrogate is fine").isNull();
        StoreException e = catchStore(() -> S3Rules.requireKey(BlobId.of("b", "x".repeat(2000))));
        assertThat(e.code()).isEqualTo(StoreErrorCode.INVALID_INPUT);
        assertThat(e.bucket()).isEqualTo("b");
        assertThat(S3Rules.utf8Length("aé")).isEqualTo(3);
        assertThat(S3Rules.utf8Length("\uD800")).isEqualTo(-1);
    }

    @Test
    void metadataKeysAreTokensAndEverythingFitsIn2Kb() {
        assertThat(S3Rules.metadataProblem(Map.of("department", "finance", "Back_Link.table-1", "v"))).isNull();
        assertThat(S3Rules.metadataProblem(Map.of("with space", "v"))).contains("with space");
        assertThat(S3Rules.metadataProblem(Map.of("ümlaut", "v"))).isNotNull();
        assertThat(S3Rules.metadataProblem(Map.of("x-amz-meta-double", "v"))).contains("x-amz-");
        assertThat(S3Rules.metadataProblem(Map.of("X-Amz-Meta-Double", "v"))).contains("x-amz-");
        assertThat(S3Rules.metadataProblem(Map.of("x-amz", "v"))).isNull();
        Map<String, String> caseTwins = new LinkedHashMap<>();
        caseTwins.put("Dept", "a");
        caseTwins.put("dept", "b");
        assertThat(S3Rules.metadataProblem(caseTwins)).contains("'Dept' and 'dept' differ only in case");
        Map<String, String> apart = new LinkedHashMap<>();
        apart.put("Dept", "a");
        apart.put("team", "b");
        apart.put("DEPT", "c");
        assertThat(S3Rules.metadataProblem(apart)).contains("'Dept' and 'DEPT' differ only in case");
        assertThat(S3Rules.metadataProblem(Map.of("k", "v".repeat(2047)))).isNull();
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 100_000; i++) {
            many.put("k" + i, "");
        }
        assertThat(S3Rules.metadataProblem(many)).contains("100000 keys").contains("over S3's limit");
        assertThat(S3Rules.metadataProblem(Map.of("k", "v".repeat(2048)))).contains("2049");
        // Counted as sent: a non-ASCII value travels base64-encoded, which is longer.
        assertThat(S3Rules.metadataProblem(Map.of("k", "é".repeat(800)))).contains("over S3's limit");
    }

    @Test
    void presignExpiriesAreOneSecondToSevenDays() {
        assertThat(S3Rules.presignExpiryProblem(Duration.ofSeconds(1))).isNull();
        assertThat(S3Rules.presignExpiryProblem(Duration.ofDays(7))).isNull();
        assertThat(S3Rules.presignExpiryProblem(Duration.ofMillis(999))).isNotNull();
        assertThat(S3Rules.presignExpiryProblem(Duration.ofDays(7).plusSeconds(1))).isNotNull();
        assertThat(S3Rules.presignExpiryProblem(null)).isNotNull();
        StoreException e = catchStore(() -> S3Rules.requirePresignExpiry(BlobId.of("b", "k"), Duration.ZERO));
        assertThat(e.key()).isEqualTo("k");
    }

    @Test
    void listPagesHoldAtMostAThousandKeys() {
        assertThat(S3Rules.listPageSize(0)).isEqualTo(1000);
        assertThat(S3Rules.listPageSize(5)).isEqualTo(5);
        assertThat(S3Rules.listPageSize(5000)).isEqualTo(1000);
    }

    @Test
    void theNullVersionNamesNoVersion() {
        assertThat(S3Rules.isNullVersion(null)).isTrue();
        assertThat(S3Rules.isNullVersion("")).isTrue();
        assertThat(S3Rules.isNullVersion("null")).isTrue();
        assertThat(S3Rules.isNullVersion("3HL4kqtJlcpXroDTDmJ")).isFalse();
    }

    @Test
    void aContentTypeFoundValidDoesNotLetAnInvalidOneThrough() {
        assertThat(S3Rules.contentTypeProblem("application/pdf")).isNull();
        assertThat(S3Rules.contentTypeProblem("application/pdf")).isNull();
        assertThat(S3Rules.contentTypeProblem("application pdf")).contains("is not a media type");
        assertThat(S3Rules.contentTypeProblem("text/plain; charset=utf-8")).isNull();
        assertThat(S3Rules.contentTypeProblem("text/plain; charset=utf-8\n")).contains("is not a media type");
        assertThat(S3Rules.contentTypeProblem(null)).contains("empty");
    }

    private static StoreException catchStore(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(StoreException.class);
        try {
            r.run();
        } catch (StoreException e) {
            return e;
        }
        throw new AssertionError("unreachable");
    }
}
