/**
 * Helpers for providers that speak the S3 protocol, whatever client library they use:
 * S3's limits and part-size arithmetic, user metadata in {@code x-amz-meta-*} headers,
 * the mapping of S3 error codes onto {@link io.stowage.spi.StoreErrorCode}, upload
 * streams held to their declared length, and the cause-chain and download chores every
 * such provider repeats. JDK only, like the rest of the SPI; the client-specific parts
 * (exception types, header classes) stay in the providers, which delegate here.
 *
 * <pre>{@code
 * Map<String, String> headers = S3UserMetadata.encode(request.userMetadata());
 * long partSize = S3PartSizes.partSizeFor(size, settings.partSize());
 * StoreErrorCode code = S3ErrorCodes.codeFor("NoSuchKey", 404, key);
 * }</pre>
 */
package io.stowage.s3support;
