package io.stowage.spring.models;

import io.stowage.annotations.ModelConfig;
import io.stowage.annotations.PartitionKey;

/** A second scanned model, without files. */
@ModelConfig(table = "spring-receipts")
public class Receipt {

    @PartitionKey
    public String id;

    public long cents;
}
