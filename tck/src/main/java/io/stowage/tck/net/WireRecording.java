package io.stowage.tck.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes clients sent through a {@link FaultProxy}, all connections together, once
 * started: at most 64 MiB, so that a test reads the requests' lines and headers on the wire.
 *
 * <pre>{@code
 * WireRecording recording = new WireRecording();
 * recording.start();
 * recording.add(buffer, read);
 * assertThat(recording.text()).contains("x-amz-server-side-encryption: AES256");
 * }</pre>
 */
final class WireRecording {

    private static final int LIMIT = 64 << 20;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile boolean on;

    void start() {
        on = true;
    }

    void add(byte[] buffer, int length) {
        if (!on) {
            return;
        }
        synchronized (bytes) {
            int room = LIMIT - bytes.size();
            if (room > 0) {
                bytes.write(buffer, 0, Math.min(room, length));
            }
        }
    }

    String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
