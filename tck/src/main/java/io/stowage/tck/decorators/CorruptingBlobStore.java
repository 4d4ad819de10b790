package io.stowage.tck.decorators;

import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobStore;
import io.stowage.spi.GetBlobRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link BlobStore} whose reads hand over bytes with their first byte flipped, while the
 * object, its etag and its version stay as they are: corruption at rest or on the wire that
 * no If-Match can see, which only an end-to-end checksum catches. Uploads pass unchanged.
 *
 * <pre>{@code
 * BlobStore corrupting = new CorruptingBlobStore(store);
 * // a value loaded through it fails getBytes() with CHECKSUM_MISMATCH
 * }</pre>
 */
public class CorruptingBlobStore extends ForwardingBlobStore {

    public CorruptingBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public CompletableFuture<byte[]> getBytes(GetBlobRequest request) {
        return super.getBytes(request).thenApply(bytes -> {
            if (bytes.length > 0) {
                bytes[0] ^= 0x01;
            }
            return bytes;
        });
    }

    @Override
    public CompletableFuture<InputStream> getStream(GetBlobRequest request) {
        return super.getStream(request).thenApply(FlipFirstByte::new);
    }

    @Override
    public CompletableFuture<BlobInfo> getToFile(GetBlobRequest request, Path target) {
        return super.getToFile(request, target).thenApply(info -> {
            try (FileChannel file = FileChannel.open(target, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ByteBuffer first = ByteBuffer.allocate(1);
                if (file.read(first, 0) == 1) {
                    first.put(0, (byte) (first.get(0) ^ 0x01));
                    first.rewind();
                    file.write(first, 0);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return info;
        });
    }

    /** A stream whose first byte is flipped. */
    private static final class FlipFirstByte extends FilterInputStream {
        private boolean first = true;

        FlipFirstByte(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && first) {
                first = false;
                return b ^ 0x01;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0 && first) {
                first = false;
                b[off] ^= 0x01;
            }
            return n;
        }
    }
}
