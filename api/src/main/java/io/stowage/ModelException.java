package io.stowage;

/**
 * A schema or validation error: a model Stowage cannot map, a required attribute
 * missing, a bad key or filename, an item over 400 KB. Raised before anything is
 * uploaded or written.
 *
 * <pre>{@code
 * try {
 *     stowage.table(NoKeyModel.class);
 * } catch (ModelException e) {
 *     // "Model com.acme.NoKeyModel has no @PartitionKey field: annotate one field ..."
 * }
 * }</pre>
 */
public class ModelException extends StowageException {

    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
