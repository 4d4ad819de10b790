package io.stowage.testbackends;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A dynalite is never left running: when the JVM that started it is killed outright
 * (SIGKILL, so no shutdown hook runs), the server notices its stdin closing and exits.
 */
class DynaliteOutlivesNoJvmTest {

    @Test
    void dynaliteExitsWhenItsJvmIsKilled() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DynaliteChildJvm.class.getName()))
                .redirectErrorStream(true);
        Process child = pb.start();
        int port;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            StringBuilder seen = new StringBuilder();
            port = -1;
            while ((line = out.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.startsWith("PORT=")) {
                    port = Integer.parseInt(line.substring("PORT=".length()).trim());
                    break;
                }
            }
            assertThat(port).as("port printed by the child JVM; it said:%n%s", seen).isPositive();
            assertThat(accepts(port)).as("dynalite answers while its JVM lives").isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child JVM killed").isTrue();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        boolean stillThere = true;
        while (stillThere && Instant.now().isBefore(deadline)) {
            stillThere = accepts(port);
            if (stillThere) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        assertThat(stillThere).as("dynalite still accepting on port %s 20 s after its JVM was killed", port).isFalse();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
