package io.stowage.testbackends;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dynalite is never left running: when the JVM that started it is killed outright
 * (SIGKILL, so no shutdown hook runs), the server notices its stdin closing and exits.
 */
class DynaliteOutlivesNoJvmTest {

    private static final Pattern PORT = Pattern.compile("PORT=(\\d+)");

    @Test
    void dynaliteExitsWhenItsJvmIsKilled(@TempDir Path dir) throws Exception {
        // Output to a file, so that no read below can block: every wait is bounded.
        Path output = dir.resolve("child.out");
        Process child = new ProcessBuilder(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DynaliteChildJvm.class.getName()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        int port;
        try {
            port = awaitPort(output, child, Duration.ofSeconds(60));
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

    private static int awaitPort(Path output, Process child, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            String text = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
            Matcher port = PORT.matcher(text);
            if (port.find()) {
                return Integer.parseInt(port.group(1));
            }
            assertThat(child.isAlive()).as("child JVM alive while starting dynalite; it printed:%n%s", text).isTrue();
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("no PORT= line from the child JVM within " + patience + "; it printed:\n"
                + Files.readString(output, StandardCharsets.UTF_8));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
