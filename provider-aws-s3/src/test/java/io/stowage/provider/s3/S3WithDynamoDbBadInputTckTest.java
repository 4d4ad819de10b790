package io.stowage.provider.s3;

import io.stowage.provider.dynamodb.DynaliteStores;
import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import io.stowage.tck.BadInputTck;
import io.stowage.tck.StoreFactory;

/**
 * The bad-input catalogue on the production pairing: the S3 provider on s3proxy and the
 * DynamoDB provider on dynalite. Inputs found out only while the bytes flow (a stream of
 * the wrong length) reach s3proxy here, and must still leave neither object nor item.
 *
 * <pre>{@code
 * mvn -pl provider-aws-s3 test -Dtest=S3WithDynamoDbBadInputTckTest
 * }</pre>
 */
class S3WithDynamoDbBadInputTckTest extends BadInputTck {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return S3ProxyStores.factory();
    }

    @Override
    protected StoreFactory<ItemStore> itemStores() {
        return DynaliteStores.factory();
    }
}
