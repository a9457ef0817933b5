package dev.cairn.chunkstore.blob;

import java.io.FileNotFoundException;

/** A blob that was asked for does not exist. */
public class NoSuchBlobException extends FileNotFoundException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public NoSuchBlobException(String key) {
        super("no such blob: " + key);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
