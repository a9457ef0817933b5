package dev.cairn.remotes.http.server;

import dev.cairn.chunkstore.blob.BlobKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a request path names: {@code /v1/ping}, or {@code /ORG/REPO/v1/ENDPOINT[/KEY]}.
 *
 * <p>The raw path is split on {@code /} first and each segment is percent-decoded exactly
 * once afterwards, so an encoded {@code /} ({@code %2F}) can never become a separator and a
 * {@code ..} (encoded or not) can never become a step up: every decoded segment must match
 * a pattern that admits neither separators nor a leading dot. This is the only place the
 * server turns a request into names on disk, and it runs before anything touches the disk.
 */
record RemotePath(String org, String repo, String endpoint, String key) {
    static final String PING = "ping";
    private static final Pattern REPO_SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");
    private static final Pattern KEY_SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final int MAX_KEY = 512;

    boolean isPing() {
        return org == null;
    }

    /** The repository's path under the served directory, {@code org/repo}. */
    String repository() {
        return org + "/" + repo;
    }

    static RemotePath parse(String rawPath) throws HttpError {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw HttpError.badPath("a request path must start with '/'");
        }
        String[] raw = rawPath.substring(1).split("/", -1);
        List<String> segs = new ArrayList<>(raw.length);
        for (String r : raw) {
            segs.add(decode(r));
        }
        if (segs.size() == 2 && segs.get(0).equals("v1") && segs.get(1).equals(PING)) {
            return new RemotePath(null, null, PING, null);
        }
        if (segs.size() < 4 || !segs.get(2).equals("v1")) {
            throw HttpError.badPath("expected /ORG/REPO/v1/... or /v1/ping, got '" + rawPath + "'");
        }
        String org = segs.get(0);
        String repo = segs.get(1);
        if (!REPO_SEGMENT.matcher(org).matches() || !REPO_SEGMENT.matcher(repo).matches()) {
            throw HttpError.badPath("invalid repository name '" + org + "/" + repo + "'");
        }
        String endpoint = segs.get(3);
        switch (endpoint) {
            case "info", "manifest", "has-chunks" -> {
                if (segs.size() != 4) {
                    throw HttpError.badPath("unknown endpoint '" + rawPath + "'");
                }
                return new RemotePath(org, repo, endpoint, null);
            }
            case "blobs" -> {
                if (segs.size() == 4) {
                    return new RemotePath(org, repo, endpoint, null);
                }
                List<String> keySegs = segs.subList(4, segs.size());
                for (String s : keySegs) {
                    if (!KEY_SEGMENT.matcher(s).matches()) {
                        throw HttpError.badPath("invalid blob key segment '" + s + "'");
                    }
                }
                String key = String.join("/", keySegs);
                if (key.length() > MAX_KEY || !BlobKeys.isKey(key) || isReserved(key)) {
                    throw HttpError.badPath("invalid blob key '" + key + "'");
                }
                return new RemotePath(org, repo, endpoint, key);
            }
            default -> throw HttpError.badPath("unknown endpoint '" + endpoint + "'");
        }
    }

    /** The files of a {@code file://} remote that are not blobs. */
    private static boolean isReserved(String key) {
        return key.equals("manifest") || key.equals("LOCK");
    }

    /** Percent-decodes one segment, once; anything malformed is refused rather than guessed at. */
    static String decode(String segment) throws HttpError {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        StringBuilder sb = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            if (i + 2 >= segment.length()) {
                throw HttpError.badPath("malformed percent-encoding in '" + segment + "'");
            }
            int hi = Character.digit(segment.charAt(i + 1), 16);
            int lo = Character.digit(segment.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                throw HttpError.badPath("malformed percent-encoding in '" + segment + "'");
            }
            // Every legal name is ASCII, so a byte above 0x7f only has to fail the pattern later.
            sb.append((char) (hi << 4 | lo));
            i += 2;
        }
        return sb.toString();
    }
}
