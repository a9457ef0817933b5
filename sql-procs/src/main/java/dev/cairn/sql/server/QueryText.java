package dev.cairn.sql.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a COM_QUERY payload into statement text. Drivers send binary values inline as
 * {@code _binary'...'} with raw, backslash-escaped bytes that are not UTF-8 (MariaDB
 * Connector/J's client-side prepared statements do), so those literals are rewritten to hex
 * ({@code X'00ff'}) before the bytes are decoded; any other character-set introducer
 * ({@code _utf8mb4'x'}) is dropped, as all text is utf8mb4 here. Quoted text and comments
 * are copied unchanged.
 */
final class QueryText {
    private static final Set<String> CHARSETS = Set.of("utf8mb4", "utf8", "utf8mb3", "latin1", "ascii", "binary");

    private QueryText() {
    }

    static String decode(byte[] b) {
        if (indexOf(b, (byte) '_') < 0) {
            return new String(b, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 16);
        int n = b.length;
        int i = 0;
        while (i < n) {
            byte c = b[i];
            if (c == '\'' || c == '"' || c == '`') {
                int end = skipQuoted(b, i);
                out.write(b, i, end - i);
                i = end;
            } else if (c == '#' || (c == '-' && i + 2 < n && b[i + 1] == '-' && isSpace(b[i + 2]))) {
                int end = i;
                while (end < n && b[end] != '\n') {
                    end++;
                }
                out.write(b, i, end - i);
                i = end;
            } else if (c == '/' && i + 1 < n && b[i + 1] == '*') {
                int end = i + 2;
                while (end + 1 < n && !(b[end] == '*' && b[end + 1] == '/')) {
                    end++;
                }
                end = Math.min(n, end + 2);
                out.write(b, i, end - i);
                i = end;
            } else if (c == '_' && (i == 0 || !isWordByte(b[i - 1]))) {
                int end = i + 1;
                while (end < n && isWordByte(b[end])) {
                    end++;
                }
                String charset = new String(b, i + 1, end - i - 1, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
                int q = end;
                while (q < n && isSpace(b[q])) {
                    q++;
                }
                if (q < n && (b[q] == '\'' || b[q] == '"') && CHARSETS.contains(charset)) {
                    int close = skipQuoted(b, q);
                    if (charset.equals("binary")) {
                        out.writeBytes(("X'" + HexFormat.of().formatHex(unescape(b, q, close)) + "'")
                                .getBytes(StandardCharsets.US_ASCII));
                    } else {
                        out.write(b, q, close - q);
                    }
                    i = close;
                } else {
                    out.write(b, i, end - i);
                    i = end;
                }
            } else {
                out.write(c);
                i++;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isWordByte(byte c) {
        return c == '_' || c == '$' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || c < 0;
    }

    /** The index just past the quoted text at {@code start}; backslashes and doubled quotes escape. */
    private static int skipQuoted(byte[] b, int start) {
        byte q = b[start];
        int i = start + 1;
        while (i < b.length) {
            byte c = b[i];
            if (c == '\\' && q != '`') {
                i += 2;
                continue;
            }
            if (c == q) {
                if (i + 1 < b.length && b[i + 1] == q) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return b.length;
    }

    /** The bytes a quoted literal spanning {@code [start, end)} stands for. */
    private static byte[] unescape(byte[] b, int start, int end) {
        byte q = b[start];
        int last = end - 1 > start && b[end - 1] == q ? end - 1 : end;
        ByteArrayOutputStream out = new ByteArrayOutputStream(last - start);
        for (int i = start + 1; i < last; i++) {
            byte c = b[i];
            if (c == '\\' && i + 1 < last) {
                byte e = b[++i];
                out.write(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> 0;
                    case 'b' -> '\b';
                    case 'Z' -> 26;
                    default -> e;
                });
            } else if (c == q && i + 1 < last && b[i + 1] == q) {
                out.write(q);
                i++;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
