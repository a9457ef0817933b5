package dev.cairn.testdata.gcs;

import java.util.Map;

/**
 * The generation preconditions of one request ({@code ifGenerationMatch},
 * {@code ifGenerationNotMatch}, {@code ifMetagenerationMatch}, {@code ifMetagenerationNotMatch}),
 * checked the way the service checks them: {@code ifGenerationMatch=0} means "no live object",
 * a failed condition on a write is 412, and a failed not-match on a read is 304.
 */
record Preconditions(Long generationMatch, Long generationNotMatch, Long metagenerationMatch,
        Long metagenerationNotMatch) {

    static final Preconditions NONE = new Preconditions(null, null, null, null);

    static Preconditions from(Map<String, String> query) {
        return new Preconditions(number(query, "ifGenerationMatch"), number(query, "ifGenerationNotMatch"),
                number(query, "ifMetagenerationMatch"), number(query, "ifMetagenerationNotMatch"));
    }

    private static Long number(Map<String, String> query, String name) {
        String v = query.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.valueOf(v);
        } catch (NumberFormatException e) {
            throw GcsError.badRequest("Invalid value for " + name + ": " + v);
        }
    }

    boolean isEmpty() {
        return generationMatch == null && generationNotMatch == null && metagenerationMatch == null
                && metagenerationNotMatch == null;
    }

    /** Checks a write (upload, delete) against the live object, or {@code null} if there is none. */
    void checkWrite(FakeGcsObject live) {
        long generation = live == null ? 0 : live.generation();
        if (generationMatch != null && generationMatch != generation) {
            throw GcsError.conditionNotMet();
        }
        if (generationNotMatch != null && generationNotMatch == generation) {
            throw GcsError.conditionNotMet();
        }
        if (metagenerationMatch != null && (live == null || metagenerationMatch != live.metageneration())) {
            throw GcsError.conditionNotMet();
        }
        if (metagenerationNotMatch != null && live != null && metagenerationNotMatch == live.metageneration()) {
            throw GcsError.conditionNotMet();
        }
    }

    /** Checks a read of {@code live}, which exists. */
    void checkRead(FakeGcsObject live) {
        if (generationMatch != null && generationMatch != live.generation()) {
            throw GcsError.conditionNotMet();
        }
        if (metagenerationMatch != null && metagenerationMatch != live.metageneration()) {
            throw GcsError.conditionNotMet();
        }
        if ((generationNotMatch != null && generationNotMatch == live.generation())
                || (metagenerationNotMatch != null && metagenerationNotMatch == live.metageneration())) {
            throw new GcsError(304, "notModified", "Not Modified");
        }
    }
}
