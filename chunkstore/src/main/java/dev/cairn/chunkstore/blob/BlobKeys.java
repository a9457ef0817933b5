package dev.cairn.chunkstore.blob;

import java.util.regex.Pattern;

/** The rules every blob key follows, checked once here so no store can be tricked out of its root. */
public final class BlobKeys {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private BlobKeys() {
    }

    /**
     * Returns {@code key} if it is a valid blob key: non-empty segments of
     * {@code [A-Za-z0-9._-]} joined by {@code /}, none starting with a dot.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static String check(String key) {
        if (key == null || key.isEmpty() || key.length() > 512) {
            throw new IllegalArgumentException("invalid blob key '" + key + "'");
        }
        for (String seg : key.split("/", -1)) {
            if (!SEGMENT.matcher(seg).matches()) {
                throw new IllegalArgumentException("invalid blob key '" + key + "'");
            }
        }
        return key;
    }

    /** Whether {@code key} is a valid blob key (see {@link #check}); for skipping foreign names in a listing. */
    public static boolean isKey(String key) {
        try {
            check(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Checks a listing prefix: like a key, but may be empty or end with {@code /}. */
    public static String checkPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return prefix;
        }
        String body = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (body.isEmpty()) {
            throw new IllegalArgumentException("invalid blob prefix '" + prefix + "'");
        }
        check(body);
        return prefix;
    }
}
