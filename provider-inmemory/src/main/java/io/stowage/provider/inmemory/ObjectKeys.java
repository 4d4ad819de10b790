package io.stowage.provider.inmemory;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * S3's object key rules: valid UTF-8 (so no lone surrogates) of at most 1,024 bytes.
 *
 * <pre>{@code
 * ObjectKeys.validate("company-docs", "documents/DOC/1/v1/report.pdf");
 * }</pre>
 */
final class ObjectKeys {

    /** S3's limit on the UTF-8 length of a key. */
    static final int MAX_KEY_BYTES = 1024;

    private ObjectKeys() {
    }

    /** Throws INVALID_INPUT, naming bucket and key, unless the key is one S3 would accept. */
    static void validate(String bucket, String key) {
        if (key == null || key.isEmpty()) {
            throw Failures.invalid("Object key must not be empty (bucket '" + bucket + "')").bucket(bucket);
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer encoded;
        try {
            encoded = encoder.encode(CharBuffer.wrap(key));
        } catch (CharacterCodingException e) {
            throw Failures.invalid("Object key is not valid Unicode (it has an unpaired surrogate); fix the key")
                    .bucket(bucket).key(key);
        }
        if (encoded.remaining() > MAX_KEY_BYTES) {
            throw Failures.invalid("Object key is " + encoded.remaining() + " UTF-8 bytes, over S3's limit of "
                    + MAX_KEY_BYTES + "; use a shorter key").bucket(bucket).key(key);
        }
    }
}
