package io.stowage.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.S3File;
import io.stowage.Stowage;
import io.stowage.Table;
import io.stowage.provider.dynamodb.DynamoDbItemStore;
import io.stowage.provider.s3.S3BlobStore;
import io.stowage.spring.models.Invoice;
import io.stowage.testbackends.DynaliteServer;
import io.stowage.testbackends.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter configured only by properties, against s3proxy and dynalite on loopback. */
class StowageOnRealServersTest {

    @Test
    void propertiesAloneReachS3AndDynamoDbAndATableBeanSavesLoadsAndIsHealthy() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        DynaliteServer dynamo = DynaliteServer.shared();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(StowageAutoConfiguration.class))
                .withPropertyValues(
                        "stowage.region=" + S3ProxyServer.REGION,
                        "stowage.blobstore.provider=s3",
                        "stowage.blobstore.endpoint=" + s3.endpoint(),
                        "stowage.blobstore.access-key-id=" + s3.accessKey(),
                        "stowage.blobstore.secret-access-key=" + s3.secretKey(),
                        "stowage.itemstore.provider=dynamodb",
                        "stowage.itemstore.endpoint=" + dynamo.endpoint(),
                        "stowage.itemstore.access-key-id=" + DynaliteServer.ACCESS_KEY,
                        "stowage.itemstore.secret-access-key=" + DynaliteServer.SECRET_KEY,
                        "stowage.itemstore.api-call-timeout=30s",
                        "stowage.tables.classes=io.stowage.spring.models.Invoice",
                        "stowage.tables.create-missing=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Stowage stowage = context.getBean(Stowage.class);
                    assertThat(stowage.blobStore()).isInstanceOf(S3BlobStore.class);
                    assertThat(stowage.itemStore()).isInstanceOf(DynamoDbItemStore.class);
                    assertThat(stowage.toString()).doesNotContain(s3.secretKey()).doesNotContain(DynaliteServer.SECRET_KEY);

                    Table<Invoice> invoices = StowageAutoConfigurationTest.invoices(context);
                    Invoice invoice = new Invoice();
                    invoice.id = "INV-" + System.nanoTime();
                    byte[] pdf = "%PDF-1.7 on s3proxy".getBytes(StandardCharsets.US_ASCII);
                    invoice.pdf = S3File.of(pdf, "invoice.pdf");
                    invoices.syncSave(invoice);
                    Invoice loaded = invoices.syncGet(invoice.id).orElseThrow();
                    assertThat(loaded.pdf.syncGetBytes()).isEqualTo(pdf);
                    assertThat(stowage.blobStore().bucketExists("spring-invoices", null).join()).isTrue();

                    Health health = context.getBean(StowageHealthIndicator.class).health();
                    assertThat(health.getStatus()).as("%s", health.getDetails()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("table spring-invoices", "reachable")
                            .containsEntry("bucket spring-invoices", "exists");

                    invoices.syncDelete(loaded);
                    assertThat(invoices.syncGet(invoice.id)).isEmpty();
                });
    }
}
