package dev.cairn.remotes.git;

import dev.cairn.remotes.RemoteException;
import dev.cairn.remotes.RemoteUrl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a Git remote URL points, worked out without loading JGit (so {@code backup add} can
 * check a URL cheaply): the local repository directory for {@code git+file}, or the
 * transport URL and the local cache directory for the network schemes, plus the data ref.
 *
 * <p>The ref comes from the URL's {@code ?ref=} or the {@code ref} parameter (not both),
 * default {@value #DEFAULT_REF}.
 */
record GitLocation(String scheme, Path localRepo, String transportUrl, String ref, Path cacheDir, String shownUrl) {
    static final String DEFAULT_REF = "refs/dolt/data";
    static final String REF_PARAM = "ref";
    private static final Pattern REF = Pattern.compile("refs/[A-Za-z0-9._/-]+");

    static GitLocation of(RemoteUrl url, Map<String, String> params) {
        return of(url, params, null);
    }

    /** @param cacheRoot where network remotes' caches go; null for the default, see {@link #cacheRoot()} */
    static GitLocation of(RemoteUrl url, Map<String, String> params, Path cacheRoot) {
        String shown = url.toString();
        for (String k : url.query().keySet()) {
            if (!k.equals(REF_PARAM)) {
                throw new RemoteException("invalid remote URL '" + shown + "': git URLs take only the '"
                        + REF_PARAM + "' parameter, not '" + k + "'");
            }
        }
        for (String k : params.keySet()) {
            if (!k.equals(REF_PARAM)) {
                throw new RemoteException("parameter '" + k + "' does not apply to git URLs");
            }
        }
        if (url.query().containsKey(REF_PARAM) && params.containsKey(REF_PARAM)) {
            throw new RemoteException("remote '" + shown + "': the ref is given both in the URL and as a parameter");
        }
        String ref = url.query().getOrDefault(REF_PARAM, params.getOrDefault(REF_PARAM, DEFAULT_REF));
        if (!isValidRef(ref)) {
            throw new RemoteException("remote '" + shown + "': " + refProblem(ref));
        }
        String scheme = url.scheme();
        if (scheme.equals("git+file")) {
            return new GitLocation(scheme, url.localPath(), null, ref, null, shown);
        }
        String transport = scheme.substring("git+".length());
        if (url.authority().isEmpty()) {
            throw new RemoteException("invalid remote URL '" + shown + "': no host");
        }
        if (url.path().isEmpty() || url.path().equals("/")) {
            throw new RemoteException("invalid remote URL '" + shown + "': no repository path");
        }
        String user = url.userInfo() == null ? "" : url.userInfo() + "@";
        String transportUrl = transport + "://" + user + url.authority() + url.path();
        String withoutUser = transport + "://" + url.authority() + url.path();
        return new GitLocation(scheme, null, transportUrl, ref, (cacheRoot == null ? cacheRoot() : cacheRoot).resolve(digest(withoutUser + " " + ref)), shown);
    }

    /** Whether {@code ref} is a ref name the data may be kept in: {@code refs/...}, no {@code ..}, no empty or dot-led part. */
    static boolean isValidRef(String ref) {
        return REF.matcher(ref).matches() && !ref.contains("..") && !ref.contains("//") && !ref.endsWith("/")
                && !ref.endsWith(".lock") && !ref.contains("/.");
    }

    static String refProblem(String ref) {
        return "'" + ref + "' is not a valid ref name like " + DEFAULT_REF;
    }

    boolean isLocal() {
        return localRepo != null;
    }

    /** Where caches of network remotes live: {@code $CAIRN_ROOT_PATH/git-cache}, default {@code ~/.cairn/git-cache}. */
    private static Path cacheRoot() {
        String root = System.getenv("CAIRN_ROOT_PATH");
        Path base = root != null && !root.isBlank() ? Path.of(root)
                : Path.of(System.getProperty("user.home"), ".cairn");
        return base.resolve("git-cache");
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
