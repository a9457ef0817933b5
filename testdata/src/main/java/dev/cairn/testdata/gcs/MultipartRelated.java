package dev.cairn.testdata.gcs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a {@code multipart/related} body, the form of a GCS multipart upload: a JSON
 * metadata part, then the media part. Only what RFC 2046 needs for that: a boundary, part
 * headers, and bodies taken byte for byte.
 */
final class MultipartRelated {
    /** One part: its headers (names lower case) and its bytes. */
    record Part(Map<String, String> headers, byte[] body) {
    }

    private MultipartRelated() {
    }

    /** The boundary parameter of a {@code multipart/related} content type, or null. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/related")) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length());
                return b.startsWith("\"") && b.endsWith("\"") && b.length() >= 2 ? b.substring(1, b.length() - 1) : b;
            }
        }
        return null;
    }

    static List<Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw GcsError.badRequest("Malformed multipart body: no boundary");
        }
        int pos = at + delimiter.length;
        while (true) {
            if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
                return parts;
            }
            pos = skipLineEnd(body, pos);
            Map<String, String> headers = new LinkedHashMap<>();
            int contentStart;
            if (pos + 1 < body.length && body[pos] == '\r' && body[pos + 1] == '\n') {
                contentStart = pos + 2;
            } else {
                int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
                if (headersEnd < 0) {
                    throw GcsError.badRequest("Malformed multipart body: part without headers end");
                }
                String head = new String(body, pos, headersEnd - pos, StandardCharsets.ISO_8859_1);
                for (String line : head.split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                line.substring(colon + 1).trim());
                    }
                }
                contentStart = headersEnd + 4;
            }
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int end = indexOf(body, next, contentStart);
            if (end < 0) {
                throw GcsError.badRequest("Malformed multipart body: unterminated part");
            }
            parts.add(new Part(headers, Arrays.copyOfRange(body, contentStart, end)));
            pos = end + next.length;
        }
    }

    private static int skipLineEnd(byte[] b, int pos) {
        if (pos + 1 < b.length && b[pos] == '\r' && b[pos + 1] == '\n') {
            return pos + 2;
        }
        throw GcsError.badRequest("Malformed multipart body: expected CRLF after boundary");
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
