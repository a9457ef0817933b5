package dev.cairn.remotes.http.server;

/** The one form of {@code Range} the protocol uses: {@code bytes=A-B}, {@code bytes=A-} or {@code bytes=-N}. */
final class RangeHeader {
    private RangeHeader() {
    }

    /**
     * The first and last byte (inclusive) of a blob of {@code size} bytes that {@code header}
     * asks for; a range running past the end is cut at the end.
     *
     * @throws HttpError 416 if it starts at or past the end, 400 if it is not a single byte range
     */
    static long[] parse(String header, long size) throws HttpError {
        String h = header.strip();
        if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
            throw HttpError.badRequest("only one range of the form bytes=A-B is supported, got '" + header + "'");
        }
        String spec = h.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            throw HttpError.badRequest("malformed Range '" + header + "'");
        }
        try {
            String a = spec.substring(0, dash);
            String b = spec.substring(dash + 1);
            long from;
            long to;
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) {
                    throw unsatisfiable(size);
                }
                from = Math.max(0, size - suffix);
                to = size - 1;
            } else {
                from = Long.parseLong(a);
                to = b.isEmpty() ? size - 1 : Long.parseLong(b);
                if (from < 0 || to < from) {
                    throw HttpError.badRequest("malformed Range '" + header + "'");
                }
            }
            if (from >= size) {
                throw unsatisfiable(size);
            }
            return new long[] {from, Math.min(to, size - 1)};
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("malformed Range '" + header + "'");
        }
    }

    private static HttpError unsatisfiable(long size) {
        return new RangeNotSatisfiable(size);
    }

    /** 416, with the blob's size for the {@code Content-Range: bytes *}{@code /SIZE} header. */
    static final class RangeNotSatisfiable extends HttpError {
        private static final long serialVersionUID = 1L;

        final long size;

        RangeNotSatisfiable(long size) {
            super(416, "range_not_satisfiable", "the range starts at or past the end of a blob of " + size + " bytes");
            this.size = size;
        }
    }
}
