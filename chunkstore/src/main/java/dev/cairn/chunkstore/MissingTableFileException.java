package dev.cairn.chunkstore;

/** The manifest names a table file that the blob store does not have. */
public class MissingTableFileException extends CorruptChunkException {
    private static final long serialVersionUID = 1L;

    public MissingTableFileException(String file) {
        super(file, null, "the manifest names it but it does not exist");
    }
}
