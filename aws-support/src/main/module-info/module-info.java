/**
 * What the AWS SDK providers share, written once: their Netty event loops (one group for
 * the S3 and DynamoDB stores of one {@code Stowage}) and the HTTP proxy configuration.
 * Not for applications: the providers' internals use it.
 *
 * <pre>{@code
 * module io.stowage.provider.s3 {
 *     requires io.stowage.awssupport;
 * }
 * }</pre>
 */
module io.stowage.awssupport {
    requires transitive io.stowage.spi;
    requires transitive software.amazon.awssdk.http.nio.netty;
    requires io.netty.common;
    requires io.netty.transport;

    exports io.stowage.awssupport;
}
