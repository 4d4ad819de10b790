package io.stowage.guice;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.stowage.S3File;
import io.stowage.S3Value;
import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.Table;
import io.stowage.annotations.ModelConfig;
import io.stowage.annotations.PartitionKey;
import io.stowage.annotations.S3Attribute;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StowageModuleTest {

    @ModelConfig(table = "guice-notes")
    static class Note {
        @PartitionKey String pk;
        @S3Attribute(bucket = "guice-notes") S3Value body;
    }

    @Test
    void injects_one_stowage_and_typed_tables_that_work() {
        Injector injector = Guice.createInjector(StowageModule.builder()
                .config(StowageConfig.builder().blobStoreProvider("inmemory").itemStoreProvider("inmemory").build())
                .table(Note.class)
                .build());
        Stowage stowage = injector.getInstance(Stowage.class);
        try {
            assertThat(injector.getInstance(Stowage.class)).as("singleton").isSameAs(stowage);
            Table<Note> notes = injector.getInstance(Key.get(new TypeLiteral<Table<Note>>() { }));
            assertThat(notes).isSameAs(stowage.table(Note.class));

            stowage.syncCreateBucketIfMissing("guice-notes");
            notes.syncCreateTableIfMissing();
            Note note = new Note();
            note.pk = "NOTE#1";
            note.body = S3File.of("hello".getBytes(StandardCharsets.UTF_8), "hello.txt");
            notes.syncSave(note);
            assertThat(notes.syncGet("NOTE#1").orElseThrow().body.syncGetBytes()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        } finally {
            stowage.close();
        }
    }
}
