package dev.cairn.remotes.git;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where blobs and the manifest sit in the tree of the data ref. The one place that knows the
 * layout:
 *
 * <pre>
 * (tree of refs/dolt/data)
 * ├── manifest                      the manifest's bytes
 * └── blobs/
 *     ├── &lt;key&gt;                     a blob of at most the part size, e.g. blobs/HEAD
 *     └── &lt;key&gt;.parts~/            a larger blob, cut into parts so hosts with a per-file
 *         ├── 000000                limit (GitHub: 100 MB) take it; the blob is the parts
 *         └── 000001 ...            concatenated in name order
 * </pre>
 *
 * Blob keys never contain {@code ~} (see {@link dev.cairn.chunkstore.blob.BlobKeys}), so a
 * parts directory cannot be mistaken for a key, and {@code manifest} sits outside
 * {@code blobs/}, so no key is reserved.
 */
final class GitTreeLayout {
    static final String MANIFEST_PATH = "manifest";
    static final String BLOBS_DIR = "blobs/";
    private static final String PARTS_SUFFIX = ".parts~/";
    private static final Pattern PART = Pattern.compile("(.+)\\.parts~/(\\d{6})");

    private GitTreeLayout() {
    }

    /** The path of a blob stored whole. */
    static String wholePath(String key) {
        return BLOBS_DIR + key;
    }

    /** The path of part {@code index} of a blob stored in parts. */
    static String partPath(String key, int index) {
        return BLOBS_DIR + key + PARTS_SUFFIX + String.format("%06d", index);
    }

    /** The key a path under {@code blobs/} belongs to, with its part index (-1 if whole); null if not a blob path. */
    static KeyAndPart parse(String path) {
        if (!path.startsWith(BLOBS_DIR)) {
            return null;
        }
        String rest = path.substring(BLOBS_DIR.length());
        Matcher m = PART.matcher(rest);
        if (m.matches()) {
            return new KeyAndPart(m.group(1), Integer.parseInt(m.group(2)));
        }
        return rest.indexOf('~') >= 0 ? null : new KeyAndPart(rest, -1);
    }

    /** A blob key and which part of it a path holds (-1: the whole blob). */
    record KeyAndPart(String key, int part) {
    }
}
