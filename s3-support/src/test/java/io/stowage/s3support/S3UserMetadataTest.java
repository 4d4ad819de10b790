package io.stowage.s3support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.spi.BlobId;
import io.stowage.spi.StoreException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class S3UserMetadataTest {

    private static final BlobId ID = BlobId.of("bucket", "key");

    @Test
    void plainAsciiTravelsAsIs() {
        assertThat(S3UserMetadata.encode(ID, Map.of("department", "finance", "empty", "")))
                .containsEntry("department", "finance").containsEntry("empty", "");
    }

    @Test
    void everythingElseRoundTripsThroughEncodedWords() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("unicode", "Übersicht – 2024 ✓ 日本");
        metadata.put("edges", " leading and trailing ");
        metadata.put("control", "tab\there\nnewline");
        metadata.put("lookalike", "=?UTF-8?B?SGk=?=");
        Map<String, String> encoded = S3UserMetadata.encode(ID, metadata);
        assertThat(encoded.values()).allSatisfy(v -> assertThat(v).matches("[\\x21-\\x7e]*"));
        assertThat(S3UserMetadata.decode(encoded)).isEqualTo(metadata);
    }

    @Test
    void decodesWhatS3AndOtherToolsSend() {
        assertThat(S3UserMetadata.decodeValue("=?UTF-8?Q?caf=C3=A9_au_lait?=")).isEqualTo("café au lait");
        assertThat(S3UserMetadata.decodeValue("=?UTF-8?B?w7w=?= =?UTF-8?B?w7w=?=")).isEqualTo("üü");
        assertThat(S3UserMetadata.decodeValue("=?ISO-8859-1?Q?=E9?=")).isEqualTo("é");
        assertThat(S3UserMetadata.decodeValue("not =?UTF-8?B?w7w=?= encoded")).isEqualTo("not =?UTF-8?B?w7w=?= encoded");
        assertThat(S3UserMetadata.decodeValue("=?bogus-charset?B?w7w=?=")).isEqualTo("=?bogus-charset?B?w7w=?=");
        assertThat(S3UserMetadata.decodeValue(null)).isNull();
    }

    @Test
    void keysMustBeHttpTokens() {
        assertThatThrownBy(() -> S3UserMetadata.encode(ID, Map.of("with space", "v")))
                .isInstanceOf(StoreException.class).hasMessageContaining("with space");
        assertThatThrownBy(() -> S3UserMetadata.encode(ID, Map.of("ümlaut", "v"))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> S3UserMetadata.encode(ID, Map.of("", "v"))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> S3UserMetadata.encode(ID, Map.of("x-amz-meta-double", "v")))
                .isInstanceOf(StoreException.class);
        assertThat(S3UserMetadata.encode(ID, Map.of("Back_Link.table-1", "v"))).containsKey("Back_Link.table-1");
    }
}
