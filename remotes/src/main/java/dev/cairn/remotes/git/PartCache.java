package dev.cairn.remotes.git;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * The most recently read large blob objects, whole, up to a byte budget. Git stores an
 * object zlib-compressed as one stream, so reading a range means inflating from its start;
 * table-file readers read many small ranges of one file, and without this each would inflate
 * up to a whole part. Small objects are not kept: inflating them again is cheap.
 */
final class PartCache {
    private static final long KEEP_FROM = 1 << 20;

    private final long budget;
    private final LinkedHashMap<ObjectId, byte[]> kept = new LinkedHashMap<>(16, 0.75f, true);
    private long used;

    PartCache(long budget) {
        this.budget = budget;
    }

    /** The whole object's bytes. */
    byte[] load(ObjectReader reader, ObjectId id, long size) throws IOException {
        if (size < KEEP_FROM || size > budget) {
            return reader.open(id, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
        }
        synchronized (this) {
            byte[] b = kept.get(id);
            if (b != null) {
                return b;
            }
        }
        byte[] b = reader.open(id, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
        synchronized (this) {
            if (kept.putIfAbsent(id.copy(), b) == null) {
                used += b.length;
                for (Iterator<Map.Entry<ObjectId, byte[]>> it = kept.entrySet().iterator(); used > budget && it.hasNext(); ) {
                    used -= it.next().getValue().length;
                    it.remove();
                }
            }
        }
        return b;
    }
}
