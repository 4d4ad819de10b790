package io.stowage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.testbackends.DynaliteServer;
import io.stowage.testbackends.S3ProxyServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The example's AWS mode as a user runs it: a separate JVM whose only configuration is the
 * standard AWS environment ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_S3},
 * {@code AWS_ENDPOINT_URL_DYNAMODB}, the access keys), pointed at s3proxy and dynalite. It
 * creates its bucket and table, runs every step on the S3 and DynamoDB providers, and exits 0.
 */
class ExampleOnRealServersTest {

    @Test
    void theAwsModeRunsEveryStepOnS3AndDynamoDbFromTheStandardEnvironment() throws Exception {
        String printed = runExample("example-aws-mode.log", Map.of());
        assertThat(printed)
                .contains("blobStore=S3BlobStore", "itemStore=DynamoDbItemStore")
                .contains("presign  HTTP 200, application/pdf, SHA-256 matches (" + S3ProxyServer.shared().endpoint())
                .contains("saved    DOC#invoice-2024-001/v1: documents/DOC/invoice-2024-001/v1/invoice.pdf")
                .contains("SHA-256 matches")
                .contains("Example OK");
    }

    /** The MinIO client once pulled SLF4J 1.x, which printed a "StaticLoggerBinder" warning on every start. */
    @Test
    void onTheMinioClasspathTheExampleRunsOnMinioAndPrintsNoSlf4jWarning() throws Exception {
        String printed = runExample("example-minio-mode.log", Map.of("STOWAGE_BLOBSTORE", "minio"));
        assertThat(printed).contains("blobStore=MinioBlobStore", "itemStore=DynamoDbItemStore").contains("Example OK");
        assertThat(printed).as("SLF4J warnings").doesNotContain("SLF4J").doesNotContain("StaticLoggerBinder");
    }

    /** Runs the example's AWS mode in a JVM of its own against s3proxy and dynalite; returns what it printed. */
    private static String runExample(String log, Map<String, String> extraEnvironment) throws Exception {
        S3ProxyServer s3 = S3ProxyServer.shared();
        DynaliteServer dynamo = DynaliteServer.shared();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder child = new ProcessBuilder(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                DocumentManagementExample.class.getName(), "--aws"))
                .redirectErrorStream(true)
                // A file, not a pipe: a child that prints much can never block on a full pipe.
                .redirectOutput(new File("target", log));
        Map<String, String> env = child.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("STOWAGE_"));
        env.put("AWS_REGION", s3.region());
        env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
        // No profile file of the developer's may change what the child sees.
        env.put("AWS_CONFIG_FILE", new File("target", "no-aws-config").getAbsolutePath());
        env.put("AWS_SHARED_CREDENTIALS_FILE", new File("target", "no-aws-credentials").getAbsolutePath());
        env.putAll(extraEnvironment);
        Process process = child.start();
        boolean ended = process.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String printed = java.nio.file.Files.readString(Path.of("target", log), StandardCharsets.UTF_8);
        assertThat(ended).as("the example ended; it printed:%n%s", printed).isTrue();
        assertThat(process.exitValue()).as("exit status; it printed:%n%s", printed).isZero();
        return printed;
    }
}
