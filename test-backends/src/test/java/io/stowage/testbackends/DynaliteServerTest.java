package io.stowage.testbackends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynaliteServerTest {

    @Test
    void sharedServerAnswersDynamoDbRequests() throws Exception {
        DynaliteServer server = DynaliteServer.shared();

        assertThat(DynaliteServer.shared()).isSameAs(server);
        assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.region()).isEqualTo("us-east-1");
        // Unsigned: dynalite answers with DynamoDB's own error shape, which proves it is dynalite.
        HttpResponse<String> response = listTables(server.endpoint());
        assertThat(response.body()).contains("MissingAuthenticationTokenException");
    }

    @Test
    void closingTheSharedServerIsIgnored() {
        DynaliteServer server = DynaliteServer.shared();
        server.close();
        assertThat(server.isRunning()).isTrue();
    }

    @Test
    void ownServerStopsOnClose() {
        DynaliteServer own = DynaliteServer.start();
        int port = own.port();
        assertThat(own.port()).isNotEqualTo(DynaliteServer.shared().port());
        assertThat(connects(port)).isTrue();

        own.close();
        own.close();

        assertThat(own.isRunning()).isFalse();
        assertThat(connects(port)).isFalse();
    }

    @Test
    void missingNodeIsReportedWithInstallInstructions(@TempDir Path dir) {
        assertThatThrownBy(() -> DynaliteServer.builder().nodeExecutable(dir.resolve("no-such-node")).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apt-get install nodejs npm");
    }

    @Test
    void missingInstallationIsReported(@TempDir Path dir) {
        assertThatThrownBy(() -> DynaliteServer.builder().dynaliteDirectory(dir).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("node_modules/dynalite")
                .hasMessageContaining("npm ci");
    }

    @Test
    void serverThatDiesAtStartIsReportedWithItsStderr(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("node_modules/dynalite"));
        Files.writeString(dir.resolve("node_modules/dynalite/package.json"), "{}");
        Files.writeString(dir.resolve("dynalite-server.js"), "console.error('boom at start'); process.exit(3)");

        assertThatThrownBy(() -> DynaliteServer.builder().dynaliteDirectory(dir).startTimeout(Duration.ofSeconds(10)).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("boom at start");
    }

    /**
     * dynalite itself throws when a client goes away in the middle of a request, which ended
     * the process (a client timeout did it in CI, and every later test then failed with
     * "connection refused"); the wrapper keeps the server up.
     */
    @Test
    void aClientThatAbortsMidRequestDoesNotKillTheServer() throws Exception {
        try (DynaliteServer own = DynaliteServer.start()) {
            for (int i = 0; i < 5; i++) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", own.port()), 1000);
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
                            + "X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 100\r\n\r\n{")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    // Linger 0: the close is a reset, with the request 99 bytes short.
                    socket.setSoLinger(true, 0);
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (own.isRunning() && countOf(own.stderr(), "aborted a request") < 5 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(own.isRunning()).as("dynalite after 5 aborted requests; stderr:%n%s", own.stderr()).isTrue();
            assertThat(countOf(own.stderr(), "aborted a request")).as("aborts dynalite saw").isEqualTo(5);
            assertThat(listTables(own.endpoint()).body()).contains("MissingAuthenticationTokenException");
        }
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static HttpResponse<String> listTables(URI endpoint) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .timeout(Duration.ofSeconds(10))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static boolean connects(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
