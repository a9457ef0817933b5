package dev.cairn.remotes;

import dev.cairn.chunkstore.blob.BlobKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed remote URL: {@code scheme://[user[:secret]@]authority/path[?k=v&...]}.
 *
 * <p>Parsed by hand rather than with {@link java.net.URI}, because the forms users type are
 * not all URIs: {@code file://rel/path} puts a relative path where a host would go (as Dolt
 * does), and {@code aws://[table:bucket]/db} puts brackets in the authority.
 *
 * <p>{@link #toString()} is safe to print or store: a password in the user part and the
 * values of secret-looking query parameters are masked. The URL as typed is never part of a
 * message.
 */
public final class RemoteUrl {
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):(.*)", Pattern.DOTALL);
    private static final Pattern USER_SECRET = Pattern.compile("(//[^/?#@:]*):[^/?#@]*@");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "([?&][^=&#]*(?:secret|token|password|passwd|credential|signature|sig|key)[^=&#]*=)[^&#]*",
            Pattern.CASE_INSENSITIVE);

    private final String scheme;
    private final String userInfo;
    private final String authority;
    private final String path;
    private final Map<String, String> query;
    private final Path workingDirectory;
    private final String redacted;

    private RemoteUrl(String scheme, String userInfo, String authority, String path, Map<String, String> query,
            Path workingDirectory, String redacted) {
        this.scheme = scheme;
        this.userInfo = userInfo;
        this.authority = authority;
        this.path = path;
        this.query = Collections.unmodifiableMap(query);
        this.workingDirectory = workingDirectory;
        this.redacted = redacted;
    }

    /**
     * Parses {@code text}. Whether the scheme is supported is the {@link RemoteFactory}'s
     * question, not this one's.
     *
     * @param workingDirectory what a relative {@code file://rel/path} is relative to; may be
     *     null when the caller has none, and then such URLs cannot be resolved
     * @throws RemoteException if {@code text} is not a URL, e.g. a bare path
     */
    public static RemoteUrl parse(String text, Path workingDirectory) {
        if (text == null || text.isBlank()) {
            throw new RemoteException("remote URL '" + (text == null ? "" : text) + "' is invalid");
        }
        String shown = redact(text);
        Matcher m = SCHEME.matcher(text);
        if (!m.matches() || looksLikeWindowsDrive(text)) {
            // "file://" + "/abs" and "file://" + "rel" are exactly the two file URL forms.
            throw new RemoteException("'" + shown + "' is not a URL; for a directory write file://" + shown);
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String rest = m.group(2);
        if (!rest.startsWith("//")) {
            throw new RemoteException("invalid remote URL '" + shown + "': expected '" + scheme + "://' after the scheme");
        }
        if (rest.indexOf('#') >= 0) {
            throw new RemoteException("invalid remote URL '" + shown + "': a '#' fragment is not allowed");
        }
        rest = rest.substring(2);
        int q = rest.indexOf('?');
        String rawQuery = q < 0 ? null : rest.substring(q + 1);
        String beforeQuery = q < 0 ? rest : rest.substring(0, q);
        int slash = beforeQuery.indexOf('/');
        String rawAuthority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String rawPath = slash < 0 ? "" : beforeQuery.substring(slash);
        String userInfo = null;
        int at = rawAuthority.lastIndexOf('@');
        if (at >= 0) {
            userInfo = decode(rawAuthority.substring(0, at), shown);
            rawAuthority = rawAuthority.substring(at + 1);
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq), shown);
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1), shown);
                if (query.put(k, v) != null) {
                    throw new RemoteException("invalid remote URL '" + shown + "': parameter '" + k + "' is repeated");
                }
            }
        }
        return new RemoteUrl(scheme, userInfo, decode(rawAuthority, shown), decode(rawPath, shown), query,
                workingDirectory, shown);
    }

    /** {@code C:\dir} or {@code C:/dir} is a Windows path, not a URL with scheme {@code c}. */
    private static boolean looksLikeWindowsDrive(String text) {
        return text.length() >= 3 && Character.isLetter(text.charAt(0)) && text.charAt(1) == ':'
                && (text.charAt(2) == '\\' || (text.charAt(2) == '/' && !text.startsWith("//", 2)));
    }

    /** Percent-decodes as UTF-8; unlike URLDecoder, leaves '+' alone, since paths may contain it. */
    private static String decode(String s, String shown) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new RemoteException("invalid remote URL '" + shown + "': bad percent escape");
                }
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** {@code text} with a password in the user part and secret-looking parameter values masked. */
    public static String redact(String text) {
        String s = USER_SECRET.matcher(text).replaceAll("$1:***@");
        return SECRET_PARAM.matcher(s).replaceAll("$1***");
    }

    /** The scheme, lower case. */
    public String scheme() {
        return scheme;
    }

    /** The user part before '@', decoded, or null. May hold a secret: never print it. */
    public String userInfo() {
        return userInfo;
    }

    /** What follows {@code //} up to the path, without the user part, decoded: a host, bucket or relative directory. */
    public String authority() {
        return authority;
    }

    /** The path after the authority, decoded: empty or starting with '/'. */
    public String path() {
        return path;
    }

    /**
     * The path without leading or trailing slashes, checked as a prefix of blob keys: where a
     * bucket remote ({@code s3://}, {@code gs://}) keeps its objects; empty for the bucket root.
     *
     * @param shown the URL as error messages should show it (secrets masked)
     * @throws RemoteException if the path holds anything a blob key may not
     */
    public String objectPath(String shown) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.isEmpty() && !BlobKeys.isKey(p)) {
            throw new RemoteException("invalid remote URL '" + shown + "': the path may hold only letters, digits, "
                    + "'.', '_', '-' and '/' between names");
        }
        return p;
    }

    /** Query parameters in the order given, decoded. */
    public Map<String, String> query() {
        return query;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    /**
     * The local directory a file-style URL names: {@code file:///abs/path} is absolute,
     * {@code file://rel/path} is relative to the working directory.
     *
     * @throws RemoteException if the URL cannot name a local directory
     */
    public Path localPath() {
        if (userInfo != null || authority.contains(":")) {
            throw new RemoteException("invalid remote URL '" + redacted + "': a " + scheme
                    + " URL names a directory, write " + scheme + ":///absolute/path or " + scheme + "://relative/path");
        }
        try {
            if (authority.isEmpty()) {
                if (path.isEmpty()) {
                    throw new RemoteException("invalid remote URL '" + redacted + "': no path");
                }
                return Path.of(path).toAbsolutePath().normalize();
            }
            if (workingDirectory == null) {
                throw new RemoteException("relative remote URL '" + redacted + "' needs a working directory");
            }
            return workingDirectory.resolve(authority + path).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new RemoteException("invalid remote URL '" + redacted + "': " + e.getReason(), e);
        }
    }

    /** The URL with secrets masked: safe to print, log and store. */
    @Override
    public String toString() {
        return redacted;
    }
}
