package dev.cairn.testdata.net;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A request or response line and its headers, kept in order so {@link FaultProxy} can pass them on unchanged. */
final class HttpHead {
    private static final int MAX_LINE_BYTES = 64 << 10;

    private final String startLine;
    private final List<String[]> headers;

    private HttpHead(String startLine, List<String[]> headers) {
        this.startLine = startLine;
        this.headers = headers;
    }

    /** The next head, or null if the stream ends before its first byte. */
    static HttpHead read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String startLine = readLine(in, bytes, true);
        if (startLine == null) {
            return null;
        }
        List<String[]> headers = new ArrayList<>();
        for (String line; !(line = readLine(in, bytes, false)).isEmpty(); ) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + line);
            }
            headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
        return new HttpHead(startLine, headers);
    }

    String method() {
        return startLine.substring(0, Math.max(0, startLine.indexOf(' ')));
    }

    String target() {
        String[] parts = startLine.split(" ");
        return parts.length > 1 ? parts[1] : "";
    }

    int status() {
        String[] parts = startLine.split(" ");
        try {
            return Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            throw new IllegalStateException("not an HTTP status line: " + startLine, e);
        }
    }

    String get(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    String remove(String name) {
        String value = get(name);
        headers.removeIf(h -> h[0].equalsIgnoreCase(name));
        return value;
    }

    boolean closes() {
        String c = get("Connection");
        boolean http10 = startLine.startsWith("HTTP/1.0") || startLine.endsWith("HTTP/1.0");
        return c != null ? c.toLowerCase(Locale.ROOT).contains("close") : http10;
    }

    void write(OutputStream out) throws IOException {
        StringBuilder b = new StringBuilder(startLine).append("\r\n");
        for (String[] h : headers) {
            b.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        out.write(b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * One CRLF- (or LF-) terminated line without its terminator; null at a clean end of stream
     * when {@code endOk}. {@code scratch} is reused across calls.
     */
    static String readLine(InputStream in, ByteArrayOutputStream scratch, boolean endOk) throws IOException {
        scratch.reset();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (endOk && scratch.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed in the middle of a line");
            }
            if (b == '\n') {
                break;
            }
            if (scratch.size() >= MAX_LINE_BYTES) {
                throw new IOException("line longer than " + MAX_LINE_BYTES + " bytes");
            }
            scratch.write(b);
        }
        byte[] line = scratch.toByteArray();
        int n = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        return new String(line, 0, n, StandardCharsets.ISO_8859_1);
    }
}
