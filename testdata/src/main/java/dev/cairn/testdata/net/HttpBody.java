package dev.cairn.testdata.net;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** How a message's body is framed: none, a length, chunks, or until the connection closes. */
record HttpBody(long length, boolean chunked, boolean untilClose) {
    static final HttpBody NONE = new HttpBody(0, false, false);

    static HttpBody ofRequest(HttpHead h) throws IOException {
        if (isChunked(h)) {
            return new HttpBody(-1, true, false);
        }
        String length = h.get("Content-Length");
        return length == null ? NONE : new HttpBody(parseLength(length), false, false);
    }

    static HttpBody ofResponse(String requestMethod, HttpHead h) throws IOException {
        int status = h.status();
        if (requestMethod.equals("HEAD") || status == 204 || status == 304) {
            return NONE;
        }
        if (isChunked(h)) {
            return new HttpBody(-1, true, false);
        }
        String length = h.get("Content-Length");
        return length == null ? new HttpBody(-1, false, true) : new HttpBody(parseLength(length), false, false);
    }

    private static boolean isChunked(HttpHead h) {
        String te = h.get("Transfer-Encoding");
        return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    }

    private static long parseLength(String value) throws IOException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length: " + value, e);
        }
    }

    boolean hasBody() {
        return chunked || untilClose || length > 0;
    }

    /** Whether some but not all of the body can be sent. */
    boolean canCut() {
        return chunked || untilClose || length >= 2;
    }

    /**
     * Copies the body from {@code in} to {@code out}, framing and all. With {@code cut},
     * stops part-way (half a length-framed body, half of the first chunk or read) and
     * leaves the rest unread.
     */
    void copy(InputStream in, OutputStream out, boolean cut) throws IOException {
        if (chunked) {
            copyChunked(in, out, cut);
        } else if (untilClose) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                if (cut) {
                    out.write(buf, 0, Math.max(1, n / 2));
                    return;
                }
                out.write(buf, 0, n);
            }
        } else {
            copyExactly(in, out, cut ? length / 2 : length);
        }
    }

    private static void copyChunked(InputStream in, OutputStream out, boolean cut) throws IOException {
        ByteArrayOutputStream scratch = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = HttpHead.readLine(in, scratch, false);
            out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int semi = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size line: " + sizeLine, e);
            }
            if (size == 0) {
                if (cut) {
                    return; // the last chunk announced, the message never ended
                }
                for (String trailer; !(trailer = HttpHead.readLine(in, scratch, false)).isEmpty(); ) {
                    out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            if (cut) {
                copyExactly(in, out, size / 2);
                return;
            }
            copyExactly(in, out, size);
            if (!HttpHead.readLine(in, scratch, false).isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static void copyExactly(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[8192];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new EOFException(n + " bytes of the body missing");
            }
            out.write(buf, 0, r);
            n -= r;
        }
    }
}
