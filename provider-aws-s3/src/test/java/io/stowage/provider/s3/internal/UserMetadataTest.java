package io.stowage.provider.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UserMetadataTest {

    @Test
    void plainAsciiTravelsAsIs() {
        assertThat(UserMetadata.encode(Map.of("department", "finance", "empty", "")))
                .containsEntry("department", "finance").containsEntry("empty", "");
    }

    @Test
    void everythingElseRoundTripsThroughEncodedWords() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("unicode", "Übersicht – 2024 ✓ 日本");
        metadata.put("edges", " leading and trailing ");
        metadata.put("control", "tab\there\nnewline");
        metadata.put("lookalike", "=?UTF-8?B?SGk=?=");
        Map<String, String> encoded = UserMetadata.encode(metadata);
        assertThat(encoded.values()).allSatisfy(v -> assertThat(v).matches("[\\x21-\\x7e]*"));
        assertThat(UserMetadata.decode(encoded)).isEqualTo(metadata);
    }

    @Test
    void decodesWhatS3AndOtherToolsSend() {
        assertThat(UserMetadata.decodeValue("=?UTF-8?Q?caf=C3=A9_au_lait?=")).isEqualTo("café au lait");
        assertThat(UserMetadata.decodeValue("=?UTF-8?B?w7w=?= =?UTF-8?B?w7w=?=")).isEqualTo("üü");
        assertThat(UserMetadata.decodeValue("=?ISO-8859-1?Q?=E9?=")).isEqualTo("é");
        assertThat(UserMetadata.decodeValue("not =?UTF-8?B?w7w=?= encoded")).isEqualTo("not =?UTF-8?B?w7w=?= encoded");
        assertThat(UserMetadata.decodeValue("=?bogus-charset?B?w7w=?=")).isEqualTo("=?bogus-charset?B?w7w=?=");
        assertThat(UserMetadata.decodeValue(null)).isNull();
    }

    @Test
    void keysMustBeHttpTokens() {
        assertThatThrownBy(() -> UserMetadata.encode(Map.of("with space", "v")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("with space");
        assertThatThrownBy(() -> UserMetadata.encode(Map.of("ümlaut", "v"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserMetadata.encode(Map.of("", "v"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserMetadata.encode(Map.of("x-amz-meta-double", "v")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(UserMetadata.encode(Map.of("Back_Link.table-1", "v"))).containsKey("Back_Link.table-1");
    }
}
