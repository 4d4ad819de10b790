/**
 * Annotations that map a class onto an item: {@link io.stowage.annotations.ModelConfig},
 * keys, attributes, defaults, generated values and {@link io.stowage.annotations.S3Attribute}.
 */
package io.stowage.annotations;
