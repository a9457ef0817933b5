package dev.cairn.chunkstore.row;

/**
 * A table definition is invalid: a type that cannot be parsed or has
 * impossible parameters, a duplicate or unknown column, a misplaced
 * AUTO_INCREMENT, a default that does not fit its column. Messages follow
 * MySQL's wording for the same mistake.
 */
public class SchemaException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super(message);
    }
}
