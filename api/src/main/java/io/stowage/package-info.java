/**
 * Stowage: large files in a blob store beside DynamoDB-style items. Start with
 * {@link io.stowage.Stowage}, {@link io.stowage.Table}, {@link io.stowage.S3File} and
 * {@link io.stowage.S3Value}.
 */
package io.stowage;
