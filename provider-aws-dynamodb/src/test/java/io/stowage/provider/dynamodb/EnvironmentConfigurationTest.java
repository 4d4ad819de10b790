package io.stowage.provider.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.stowage.testbackends.DynaliteServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings left unset give way to the standard AWS environment: each case runs
 * {@link EnvironmentProbe} in a child JVM with only the AWS variables it sets.
 */
class EnvironmentConfigurationTest {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void endpointRegionAndKeysComeFromTheEnvironment(@TempDir Path home) throws Exception {
        DynaliteServer dynalite = DynaliteServer.shared();

        String out = runProbe(home, Map.of(
                "AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString(),
                "AWS_REGION", "eu-central-1",
                "AWS_ACCESS_KEY_ID", dynalite.accessKey(),
                "AWS_SECRET_ACCESS_KEY", dynalite.secretKey()), "ddb-env-keys-" + SUFFIX);

        assertThat(out).contains("region=eu-central-1").contains("found=true");
    }

    @Test
    void genericEndpointAndNamedProfileComeFromTheEnvironment(@TempDir Path home) throws Exception {
        DynaliteServer dynalite = DynaliteServer.shared();
        Path config = home.resolve("config");
        Files.writeString(config, "[profile stowage-env]\nregion = ap-northeast-1\n", StandardCharsets.UTF_8);
        Path credentials = home.resolve("credentials");
        Files.writeString(credentials, "[stowage-env]\naws_access_key_id = " + dynalite.accessKey()
                + "\naws_secret_access_key = " + dynalite.secretKey() + "\n", StandardCharsets.UTF_8);

        String out = runProbe(home, Map.of(
                "AWS_ENDPOINT_URL", dynalite.endpoint().toString(),
                "AWS_CONFIG_FILE", config.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", credentials.toString(),
                "AWS_PROFILE", "stowage-env"), "ddb-env-profile-" + SUFFIX);

        assertThat(out).contains("region=ap-northeast-1").contains("found=true");
    }

    @Test
    void regionFallsBackToUsEast1WhenNothingNamesOne(@TempDir Path home) throws Exception {
        DynaliteServer dynalite = DynaliteServer.shared();

        String out = runProbe(home, Map.of(
                "AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString(),
                "AWS_CONFIG_FILE", home.resolve("no-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString(),
                "AWS_ACCESS_KEY_ID", dynalite.accessKey(),
                "AWS_SECRET_ACCESS_KEY", dynalite.secretKey(),
                // keeps the region chain off the instance metadata service, which is not here
                "AWS_EC2_METADATA_DISABLED", "true"), "ddb-env-fallback-" + SUFFIX);

        assertThat(out).contains("region=us-east-1").contains("found=true");
    }

    private static String runProbe(Path home, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                EnvironmentProbe.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().put("HOME", home.toString());
        pb.environment().putAll(env);
        // Output to a file, so that the wait below is bounded even if the child never ends.
        Path output = Files.createTempFile(home, "probe-", ".out");
        pb.redirectOutput(output.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        boolean finished = p.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as("probe finished within 60 s; it printed:%n%s", text).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
