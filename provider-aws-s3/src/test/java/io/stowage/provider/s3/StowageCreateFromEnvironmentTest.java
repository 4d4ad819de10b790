package io.stowage.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.stowage.testbackends.DynaliteServer;
import io.stowage.testbackends.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production pairing configured by nothing but the standard AWS environment (and the
 * provider choice): {@code Stowage.create()} in a child JVM whose only settings are
 * {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_REGION} and
 * the access keys saves, loads and deletes a document with a file.
 */
class StowageCreateFromEnvironmentTest {

    @Test
    void standardAwsVariablesConfigureBothStoresOfStowageCreate(@TempDir Path home) throws Exception {
        S3ProxyServer s3 = S3ProxyServer.shared();
        DynaliteServer dynalite = DynaliteServer.shared();

        String out = runProbe(home, Map.of(
                "STOWAGE_BLOBSTORE", "s3",
                "STOWAGE_ITEMSTORE", "dynamodb",
                "AWS_ENDPOINT_URL_S3", s3.endpoint().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString(),
                "AWS_REGION", s3.region(),
                // dynalite checks no signature, so s3proxy's keys serve both
                "AWS_ACCESS_KEY_ID", s3.accessKey(),
                "AWS_SECRET_ACCESS_KEY", s3.secretKey()));

        assertThat(out).contains("key=docs/env-probe/hello.txt").contains("bytesMatch=true").contains("gone=true");
    }

    private static String runProbe(Path home, Map<String, String> env) throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                EnvironmentStowageProbe.class.getName(), "env-probe")).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("STOWAGE_"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("AWS_CONFIG_FILE", home.resolve("no-config").toString());
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
        pb.environment().putAll(env);
        // Output to a file, so that the wait below is bounded even if the child never ends.
        Path output = Files.createTempFile(home, "probe-", ".out");
        pb.redirectOutput(output.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as("probe finished within 120 s; it printed:%n%s", text).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
