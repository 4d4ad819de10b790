package io.stowage.spi;

/**
 * What an item store can do beyond the required core (create table, put, get, delete,
 * query, scan, conditions). The TCK skips, with the reason, tests of capabilities a
 * store does not declare.
 *
 * <pre>{@code
 * if (store.capabilities().contains(ItemCapability.CONSISTENT_READ)) { ... }
 * }</pre>
 */
public enum ItemCapability {
    /** Gets and queries can be strongly consistent. */
    CONSISTENT_READ,
    /** Multi-item transactions (not used by Stowage yet; dynalite lacks them). */
    TRANSACTIONS,
    /** The store refuses unknown or wrong credentials. */
    CREDENTIALS_CHECKED
}
