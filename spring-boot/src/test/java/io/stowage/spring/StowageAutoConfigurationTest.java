package io.stowage.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.stowage.OperationEvent;
import io.stowage.S3File;
import io.stowage.Stowage;
import io.stowage.StowageException;
import io.stowage.StowageListener;
import io.stowage.Table;
import io.stowage.micrometer.MicrometerStowageListener;
import io.stowage.micrometer.ObservationStowageListener;
import io.stowage.provider.inmemory.InMemoryBlobStore;
import io.stowage.provider.inmemory.InMemoryItemStore;
import io.stowage.spring.models.Invoice;
import io.stowage.spring.models.Receipt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

/** The starter in a real application context over the in-memory providers. */
class StowageAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StowageAutoConfiguration.class))
            .withPropertyValues("stowage.blobstore.provider=inmemory", "stowage.itemstore.provider=inmemory");

    /** A service of the application's, injected with a typed table like a repository. */
    static final class InvoiceService {
        final Table<Invoice> invoices;

        InvoiceService(Table<Invoice> invoices) {
            this.invoices = invoices;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ServiceConfiguration {
        @Bean
        InvoiceService invoiceService(Table<Invoice> invoices) {
            return new InvoiceService(invoices);
        }
    }

    @Test
    void aServiceIsInjectedWithATableOfTheScannedPackageAndSavesAndLoadsThroughIt() {
        runner.withUserConfiguration(ServiceConfiguration.class)
                .withPropertyValues("stowage.tables.packages=io.stowage.spring.models", "stowage.tables.create-missing=true")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Stowage.class).hasBean("invoiceTable").hasBean("receiptTable");
                    Table<Invoice> invoices = context.getBean(InvoiceService.class).invoices;
                    Invoice invoice = new Invoice();
                    invoice.id = "INV-1";
                    invoice.pdf = S3File.of("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), "inv-1.pdf");
                    invoices.syncSave(invoice);

                    Invoice loaded = invoices.syncGet("INV-1").orElseThrow();
                    assertThat(new String(loaded.pdf.syncGetBytes(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.7");
                    assertThat(loaded.pdf.bucket()).isEqualTo("spring-invoices");

                    Object receipts = context.getBeanProvider(ResolvableType.forClassWithGenerics(Table.class, Receipt.class))
                            .getObject();
                    assertThat(((Table<?>) receipts).schema().tableName()).isEqualTo("spring-receipts");
                });
    }

    @Test
    void tablesListedByClassAreRegisteredWithoutScanning() {
        runner.withPropertyValues("stowage.tables.classes=io.stowage.spring.models.Receipt", "stowage.tables.packages=io.stowage.none")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasBean("receiptTable").doesNotHaveBean("invoiceTable");
                });
    }

    @Test
    void theStowageIsClosedWithTheContext() {
        List<Stowage> seen = new CopyOnWriteArrayList<>();
        runner.withPropertyValues("stowage.tables.classes=io.stowage.spring.models.Receipt", "stowage.tables.create-missing=true")
                .run(context -> seen.add(context.getBean(Stowage.class)));
        assertThat(seen).hasSize(1);
        assertThatThrownBy(() -> seen.get(0).table(Receipt.class)).isInstanceOf(StowageException.class).hasMessageContaining("closed");
    }

    @Test
    void settingsAreReadThroughSpringsRelaxedBindingIntoThePerStoreSettings() {
        runner.withPropertyValues("stowage.region=eu-west-1", "stowage.blobstore.api-call-timeout=45s",
                "stowage.itemstore.maxRetries=7", "stowage.connect-timeout=PT2S", "stowage.consistent-reads=true",
                "stowage.cleanup-in-background=true")
                .run(context -> {
                    Stowage stowage = context.getBean(Stowage.class);
                    assertThat(stowage.config().blobStoreSettings().apiCallTimeout()).contains(Duration.ofSeconds(45));
                    assertThat(stowage.config().itemStoreSettings().apiCallTimeout()).isEmpty();
                    assertThat(stowage.config().itemStoreSettings().maxRetries()).contains(7);
                    assertThat(stowage.config().blobStoreSettings().connectTimeout()).contains(Duration.ofSeconds(2));
                    assertThat(stowage.config().itemStoreSettings().region()).contains("eu-west-1");
                    assertThat(stowage.config().consistentReads()).isTrue();
                    assertThat(stowage.config().cleanupInBackground()).isTrue();
                    assertThat(stowage.blobStore()).isInstanceOf(InMemoryBlobStore.class);
                    assertThat(stowage.itemStore()).isInstanceOf(InMemoryItemStore.class);
                });
    }

    @Test
    void kebabCaseSecretsAreStowagesSettingsAndNeverBecomeProviderProperties() {
        runner.withPropertyValues("stowage.blobstore.access-key-id=AKIDEXAMPLE", "stowage.blobstore.secret-access-key=do-not-pass-me",
                "stowage.itemstore.session-token=tok-not-passed", "stowage.itemstore.access-key-id=AKIDITEM",
                "stowage.itemstore.secretaccesskey=lower-not-passed", "stowage.s3.force-path-style=true",
                "stowage.minio.readTimeout=PT5S", "stowage.minio.write_timeout=PT7S", "stowage.connect_timeout=PT3S")
                .run(context -> {
                    Stowage stowage = context.getBean(Stowage.class);
                    for (io.stowage.spi.StoreSettings settings : List.of(stowage.config().blobStoreSettings(),
                            stowage.config().itemStoreSettings())) {
                        assertThat(settings.properties()).doesNotContainKeys("stowage.blobstore.secret-access-key",
                                "stowage.blobstore.secretAccessKey", "stowage.itemstore.session-token",
                                "stowage.itemstore.sessionToken", "stowage.itemstore.secretaccesskey")
                                .containsEntry("stowage.s3.forcePathStyle", "true")
                                .containsEntry("stowage.minio.readTimeout", "PT5S")
                                .containsEntry("stowage.minio.writeTimeout", "PT7S")
                                .doesNotContainKeys("stowage.connect_timeout", "stowage.connectTimeout");
                        assertThat(settings.connectTimeout()).contains(Duration.ofSeconds(3));
                        assertThat(settings.properties().values()).doesNotContain("do-not-pass-me", "tok-not-passed",
                                "lower-not-passed");
                    }
                    assertThat(stowage.config().blobStoreSettings().credentials().secretAccessKey()).contains("do-not-pass-me");
                    assertThat(stowage.config().itemStoreSettings().credentials().sessionToken()).contains("tok-not-passed");
                });
    }

    @Test
    void aBadSettingFailsTheStartNamingTheSettingAndTheFix() {
        runner.withPropertyValues("stowage.blobstore.api-call-timeout=forever").run(context -> {
            assertThat(context).hasFailed();
            assertThat(stowageCause(context.getStartupFailure()))
                    .hasMessageContaining("stowage.blobstore.apiCallTimeout").hasMessageContaining("30s");
        });
        runner.withPropertyValues("stowage.secret-access-key=do-not-print-me").run(context -> {
            assertThat(context).hasFailed();
            assertThat(stowageCause(context.getStartupFailure())).hasMessageContaining("stowage.accessKeyId")
                    .hasMessageNotContaining("do-not-print-me");
        });
        runner.withPropertyValues("stowage.tables.classes=com.example.Missing").run(context -> {
            assertThat(context).hasFailed();
            assertThat(stowageCause(context.getStartupFailure())).hasMessageContaining("com.example.Missing")
                    .hasMessageContaining("stowage.tables.classes");
        });
    }

    @Test
    void listenerBeansAndCustomizersShapeTheConfigAndAnApplicationStowageWins() {
        List<OperationEvent> operations = new CopyOnWriteArrayList<>();
        runner.withPropertyValues("stowage.tables.classes=io.stowage.spring.models.Receipt", "stowage.tables.create-missing=true")
                .withBean(StowageListener.class, () -> new StowageListener() {
                    @Override
                    public void onOperation(OperationEvent operation) {
                        operations.add(operation);
                    }
                })
                .withBean(StowageConfigCustomizer.class, () -> config -> config.consistentReads(true))
                .run(context -> {
                    assertThat(context.getBean(Stowage.class).config().consistentReads()).isTrue();
                    receipts(context).syncGet("none");
                    assertThat(operations).extracting(OperationEvent::kind).contains(OperationEvent.Kind.GET);
                });
        Stowage own = Stowage.builder().blobStore(InMemoryBlobStore.create()).itemStore(InMemoryItemStore.create()).build();
        runner.withBean(Stowage.class, () -> own).run(context -> assertThat(context.getBean(Stowage.class)).isSameAs(own));
    }

    @Test
    void metersAndObservationsAreBoundWhenTheApplicationHasRegistries() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TestObservationRegistry observations = TestObservationRegistry.create();
        runner.withPropertyValues("stowage.tables.packages=io.stowage.spring.models", "stowage.tables.create-missing=true")
                .withBean(MeterRegistry.class, () -> meters)
                .withBean(ObservationRegistry.class, () -> observations)
                .run(context -> {
                    Table<Invoice> invoices = invoices(context);
                    for (int i = 0; i < 3; i++) {
                        Invoice invoice = new Invoice();
                        invoice.id = "INV-" + i;
                        invoice.pdf = S3File.of(new byte[100], "i.pdf");
                        invoices.syncSave(invoice);
                    }
                    assertThat(meters.find(MicrometerStowageListener.OPERATIONS).tags("operation", "save", "table", "spring-invoices")
                            .timer().count()).isEqualTo(3);
                    assertThat(meters.find(MicrometerStowageListener.STORE_BYTES).tags("operation", "put", "container",
                            "spring-invoices").summary().totalAmount()).isEqualTo(300);
                    TestObservationRegistryAssert.assertThat(observations)
                            .hasNumberOfObservationsWithNameEqualTo(ObservationStowageListener.OPERATION, 3);
                });
    }

    @Test
    void theHealthIsUpWhenEveryTableAndBucketIsThereAndDownNamingWhatIsMissing() {
        runner.withPropertyValues("stowage.tables.packages=io.stowage.spring.models", "stowage.tables.create-missing=true")
                .run(context -> {
                    invoices(context);
                    receipts(context);
                    Health health = context.getBean(StowageHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("table spring-invoices", "reachable")
                            .containsEntry("table spring-receipts", "reachable").containsEntry("bucket spring-invoices", "exists");
                });
        runner.withPropertyValues("stowage.tables.packages=io.stowage.spring.models").run(context -> {
            Health health = context.getBean(StowageHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("bucket spring-invoices", "missing");
            assertThat((String) health.getDetails().get("table spring-invoices")).startsWith("TABLE_NOT_FOUND");
        });
        runner.withPropertyValues("stowage.health.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(StowageHealthIndicator.class));
    }

    /** The Stowage exception that failed the start, under Spring's wrappers. */
    private static StowageException stowageCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StowageException) {
                return (StowageException) t;
            }
        }
        throw new AssertionError("no StowageException in the cause chain", failure);
    }

    @SuppressWarnings("unchecked")
    static Table<Invoice> invoices(org.springframework.context.ApplicationContext context) {
        return (Table<Invoice>) context.getBeanProvider(ResolvableType.forClassWithGenerics(Table.class, Invoice.class)).getObject();
    }

    @SuppressWarnings("unchecked")
    static Table<Receipt> receipts(org.springframework.context.ApplicationContext context) {
        return (Table<Receipt>) context.getBeanProvider(ResolvableType.forClassWithGenerics(Table.class, Receipt.class)).getObject();
    }
}
