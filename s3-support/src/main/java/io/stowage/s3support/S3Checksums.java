package io.stowage.s3support;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.CRC32C;

/**
 * S3's form of a CRC32C checksum ({@code x-amz-checksum-crc32c}): base64 of the four
 * big-endian bytes of the Castagnoli CRC, written once for the API (which records it in the
 * item) and for stores that verify it.
 *
 * <pre>{@code
 * String header = S3Checksums.crc32c("123456789".getBytes(US_ASCII));   // "4waSgw=="
 * }</pre>
 */
public final class S3Checksums {

    private S3Checksums() {
    }

    /** The base64 CRC32C of {@code data}. */
    public static String crc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data, 0, data.length);
        return crc32cBase64(crc.getValue());
    }

    /** The base64 form of a CRC32C value. */
    public static String crc32cBase64(long value) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) value).array());
    }
}
