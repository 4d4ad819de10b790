package io.stowage.spring.models;

import io.stowage.S3Value;
import io.stowage.annotations.ModelConfig;
import io.stowage.annotations.PartitionKey;
import io.stowage.annotations.S3Attribute;

/** A model the starter finds by scanning {@code stowage.tables.packages}. */
@ModelConfig(table = "spring-invoices")
public class Invoice {

    @PartitionKey
    public String id;

    @S3Attribute(bucket = "spring-invoices", prefix = "pdf/")
    public S3Value pdf;
}
