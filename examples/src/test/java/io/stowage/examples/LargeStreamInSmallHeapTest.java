package io.stowage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.testbackends.S3ProxyServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 1 GiB stream of unknown length saved and read back through the S3 and MinIO providers
 * in a JVM of its own limited to a 128 MiB heap, against s3proxy keeping its objects on disk
 * (so that the server's copy is in no heap either). The child would die of an
 * {@code OutOfMemoryError} if anything held the file.
 */
class LargeStreamInSmallHeapTest {

    private static final long GIB = 1L << 30;

    @TempDir
    static Path serverFiles;
    private static S3ProxyServer server;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.startOnDisk(serverFiles.resolve("s3proxy"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "minio"})
    void aGibibyteStreamOfUnknownLengthIsSavedAndReadBackIn128MibOfHeap(String provider) throws Exception {
        String bucket = S3ProxyServer.uniqueBucketName("large-" + provider);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File log = new File("target", "large-stream-" + provider + ".log");
        Process child = new ProcessBuilder(List.of(javaBin, "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), LargeStreamUpload.class.getName(), provider, server.endpoint().toString(),
                server.accessKey(), server.secretKey(), bucket, Long.toString(GIB)))
                .redirectErrorStream(true).redirectOutput(log).start();
        boolean ended = child.waitFor(6, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String printed = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        assertThat(ended).as("the child ended; it printed:%n%s", printed).isTrue();
        assertThat(child.exitValue()).as("exit status; it printed:%n%s", printed).isZero();

        Matcher m = Pattern.compile("size=(\\d+) etag=(\\S+) key=(\\S+) read=(\\d+) .*peakHeapMiB=(\\d+)").matcher(printed);
        assertThat(m.find()).as("the child's report in:%n%s", printed).isTrue();
        assertThat(Long.parseLong(m.group(1))).as("stored size").isEqualTo(GIB);
        assertThat(Long.parseLong(m.group(4))).as("bytes read back").isEqualTo(GIB);
        assertThat(m.group(2)).as("a multipart etag").matches("[0-9a-f]{32}-\\d+");
        Path stored = serverFiles.resolve("s3proxy").resolve(bucket).resolve(m.group(3));
        assertThat(Files.size(stored)).as("the object s3proxy wrote").isEqualTo(GIB);
        assertThat(Long.parseLong(m.group(5))).as("peak heap (MiB)").isLessThanOrEqualTo(128);
        System.out.println("[large-stream] " + provider + ": " + printed.trim().lines().reduce((a, b) -> b).orElse(""));
        Files.delete(stored);
    }
}
