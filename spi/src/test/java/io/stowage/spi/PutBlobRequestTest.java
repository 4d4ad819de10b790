package io.stowage.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A {@link PutBlobRequest} is immutable: its metadata is its own copy, and a builder made
 * from it (which shares the request's metadata until it adds to it) never changes it.
 *
 * <pre>{@code
 * mvn -pl spi test -Dtest=PutBlobRequestTest
 * }</pre>
 */
class PutBlobRequestTest {

    private static final BlobId ID = BlobId.of("bucket", "docs/a.bin");

    @Test
    void theMetadataIsACopyThatCannotBeChanged() {
        Map<String, String> given = new HashMap<>(Map.of("department", "finance"));
        PutBlobRequest request = PutBlobRequest.builder().id(ID).userMetadata(given).build();
        given.put("department", "sales");

        assertThat(request.userMetadata()).containsExactly(Map.entry("department", "finance"));
        assertThatThrownBy(() -> request.userMetadata().put("other", "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aBuilderFromARequestKeepsItsMetadataAndAddingToItLeavesTheRequestAlone() {
        PutBlobRequest original = PutBlobRequest.builder().id(ID).userMetadata(Map.of("department", "finance")).build();

        PutBlobRequest same = original.toBuilder().createOnly(true).build();
        PutBlobRequest.Builder changing = original.toBuilder();
        PutBlobRequest first = changing.build();
        PutBlobRequest added = changing.userMetadata(Map.of("team", "audit")).build();
        PutBlobRequest again = changing.userMetadata(Map.of("year", "2026")).build();

        assertThat(same.userMetadata()).isEqualTo(Map.of("department", "finance"));
        assertThat(same.createOnly()).isTrue();
        assertThat(original.userMetadata()).as("the original").isEqualTo(Map.of("department", "finance"));
        assertThat(first.userMetadata()).as("built before the builder added").isEqualTo(Map.of("department", "finance"));
        assertThat(added.userMetadata()).isEqualTo(Map.of("department", "finance", "team", "audit"));
        assertThat(again.userMetadata()).isEqualTo(Map.of("department", "finance", "team", "audit", "year", "2026"));
        assertThat(added.userMetadata()).as("built before the builder added again").doesNotContainKey("year");
    }
}
