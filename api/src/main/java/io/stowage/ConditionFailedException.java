package io.stowage;

/**
 * A conditional write or delete whose condition did not hold on the stored item.
 *
 * <pre>{@code
 * catch (ConditionFailedException e) { // someone else changed the item first }
 * }</pre>
 */
public class ConditionFailedException extends ItemStoreException {

    private static final long serialVersionUID = 1L;

    public ConditionFailedException(String message, String table, Throwable cause) {
        super(Reason.CONDITION_FAILED, message, table, cause);
    }
}
