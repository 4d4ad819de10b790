package io.stowage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Stowage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DocumentManagementExampleTest {

    @Test
    void the_example_runs_every_step_on_the_in_memory_providers_and_exits_zero() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int status = DocumentManagementExample.runMain(
                () -> Stowage.builder().blobStoreProvider("inmemory").itemStoreProvider("inmemory").build(),
                new PrintStream(buffer, true, StandardCharsets.UTF_8), System.err);

        assertThat(status).isZero();
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("saved    DOC#invoice-2024-001/v1: documents/DOC/invoice-2024-001/v1/invoice.pdf")
                .contains("blobStore=InMemoryBlobStore", "itemStore=InMemoryItemStore")
                .contains("12,582,912 bytes")
                .contains("SHA-256 matches")
                .contains("presign  HTTP 200")
                .contains("old object deleted")
                .endsWith("Example OK" + System.lineSeparator());
    }

    @Test
    void the_program_reports_a_failure_and_exits_non_zero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DocumentManagementExample.runMain(
                () -> Stowage.builder().blobStoreProvider("no-such-store").itemStoreProvider("inmemory").build(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Example FAILED: ").contains("no-such-store");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Example OK");
    }
}
