package dev.cairn.chunkstore;

import java.io.IOException;

/**
 * Stored data failed a check on read: a truncated or unrecognised file, a CRC
 * mismatch, or bytes that do not hash to their address. Names the file and,
 * where one is involved, the chunk.
 */
public class CorruptChunkException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final Hash chunk;

    public CorruptChunkException(String file, Hash chunk, String problem) {
        super(describe(file, chunk, problem));
        this.file = file;
        this.chunk = chunk;
    }

    public CorruptChunkException(String file, Hash chunk, String problem, Throwable cause) {
        super(describe(file, chunk, problem), cause);
        this.file = file;
        this.chunk = chunk;
    }

    private static String describe(String file, Hash chunk, String problem) {
        return "corrupt table file " + file + (chunk != null ? " (chunk " + chunk + ")" : "") + ": " + problem;
    }

    /** The file that failed the check. */
    public String file() {
        return file;
    }

    /** The chunk being read, or {@code null} if the failure is in the file's index or footer. */
    public Hash chunk() {
        return chunk;
    }
}
