package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/** What {@link Stowage#table} keeps: one table per model class, nothing per schema. */
class TableHandlesTest {

    static final class Tenanted {
        String id;
        S3Value file;
    }

    private static final ModelSchema<Tenanted> SCHEMA = ModelSchema.builder(Tenanted.class, Tenanted::new)
            .table("tenanted")
            .partitionKey("id", String.class, t -> t.id, (t, v) -> t.id = v)
            .s3Attribute("file", t -> t.file, (t, v) -> t.file = v, o -> o.bucket("tenanted-files"))
            .build();

    @Test
    void aTableOfASchemaDerivedPerCallIsNotKeptOnceTheCallerDropsIt() throws InterruptedException {
        try (Stowage stowage = Stowage.builder().blobStoreProvider("fake-a").build()) {
            WeakReference<ModelSchema<Tenanted>> derived = takeTableOfTenant(stowage, "acme");
            for (int i = 0; i < 100 && derived.get() != null; i++) {
                System.gc();
                Thread.sleep(10);
            }
            assertThat(derived.get()).as("the derived schema, held by nothing but Stowage's table cache if there is one")
                    .isNull();
        }
    }

    @Test
    void aModelClassHasOneTable() {
        try (Stowage stowage = Stowage.builder().blobStoreProvider("fake-a").build()) {
            assertThat(stowage.table(Annotated.class)).isSameAs(stowage.table(Annotated.class));
            assertThat(stowage.table(SCHEMA.withTable("tenanted-b")).schema().tableName()).isEqualTo("tenanted-b");
        }
    }

    @io.stowage.annotations.ModelConfig(table = "annotated")
    static final class Annotated {
        @io.stowage.annotations.PartitionKey String id;
    }

    private static WeakReference<ModelSchema<Tenanted>> takeTableOfTenant(Stowage stowage, String tenant) {
        ModelSchema<Tenanted> schema = SCHEMA.withTable("tenanted-" + tenant);
        Table<Tenanted> table = stowage.table(schema);
        assertThat(table.schema().tableName()).isEqualTo("tenanted-acme");
        return new WeakReference<>(schema);
    }
}
