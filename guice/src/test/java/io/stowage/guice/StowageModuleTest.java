package io.stowage.guice;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stowage.OperationEvent;
import io.stowage.S3File;
import io.stowage.S3Value;
import io.stowage.Stowage;
import io.stowage.StowageConfig;
import io.stowage.StowageListener;
import io.stowage.micrometer.MicrometerStowageListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    @Test
    void listeners_bound_by_any_module_and_by_the_builder_see_the_operations() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<OperationEvent> seen = new CopyOnWriteArrayList<>();
        Injector injector = Guice.createInjector(
                StowageModule.builder()
                        .config(StowageConfig.builder().blobStoreProvider("inmemory").itemStoreProvider("inmemory").build())
                        .listener(MicrometerStowageListener.create(meters))
                        .table(Note.class)
                        .build(),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        Multibinder.newSetBinder(binder(), StowageListener.class).addBinding().toInstance(new StowageListener() {
                            @Override
                            public void onOperation(OperationEvent operation) {
                                seen.add(operation);
                            }
                        });
                    }
                });
        Stowage stowage = injector.getInstance(Stowage.class);
        try {
            Table<Note> notes = injector.getInstance(Key.get(new TypeLiteral<Table<Note>>() { }));
            stowage.syncCreateBucketIfMissing("guice-notes");
            notes.syncCreateTableIfMissing();
            Note note = new Note();
            note.pk = "NOTE#2";
            note.body = S3File.of(new byte[42], "n.bin");
            notes.syncSave(note);
            assertThat(seen).extracting(OperationEvent::kind).containsExactly(OperationEvent.Kind.SAVE);
            assertThat(meters.find(MicrometerStowageListener.STORE_BYTES).tags("operation", "put").summary().totalAmount())
                    .isEqualTo(42);
        } finally {
            stowage.close();
        }
    }
}
