package io.stowage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Stowage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DocumentManagementExampleTest {

    @Test
    void the_example_runs_every_step_on_the_in_memory_providers() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (Stowage stowage = Stowage.builder().blobStoreProvider("inmemory").itemStoreProvider("inmemory").build();
             PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            new DocumentManagementExample(out).run(stowage);
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("saved    DOC#invoice-2024-001/v1: documents/DOC/invoice-2024-001/v1/invoice.pdf")
                .contains("12,582,912 bytes")
                .contains("SHA-256 matches")
                .contains("presign  HTTP 200")
                .contains("old object deleted")
                .endsWith("Example OK" + System.lineSeparator());
    }
}
