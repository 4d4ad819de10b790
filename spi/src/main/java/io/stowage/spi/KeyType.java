package io.stowage.spi;

/**
 * The scalar types a table key attribute may have, as in DynamoDB.
 *
 * <pre>{@code
 * TableDefinition.of("documents", "pk", KeyType.S, "sk", KeyType.S);
 * }</pre>
 */
public enum KeyType { S, N, B }
