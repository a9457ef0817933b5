package dev.cairn.remotes.gcs;

import dev.cairn.remotes.RemoteException;
import dev.cairn.remotes.RemoteUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a {@code gs://} remote lives, parsed and checked from its URL without loading any
 * Google class: the bucket, the object-name prefix its blobs go under, and the two test-only
 * parameters.
 *
 * <p>{@code gs://bucket/path/db} puts blob {@code k} in object {@code path/db/k} of
 * {@code bucket}, and the manifest in {@code path/db/manifest}. Parameters:
 * <ul>
 *   <li>{@code endpoint=http://127.0.0.1:4443}: talk to this server instead of
 *       {@code https://storage.googleapis.com} (a fake or a proxy);
 *   <li>{@code auth=none}: send no credentials at all, for a server that wants none.
 *       An {@code http://} endpoint requires it, since a token must never travel in clear.
 *       (Not {@code credentials=none}: URLs are printed with secret-looking parameters masked.)
 * </ul>
 * Without {@code auth=none}, credentials are Google's Application Default Credentials.
 *
 * @param url the URL, for messages (secrets already masked)
 */
record GcsLocation(String bucket, String prefix, String endpoint, boolean noCredentials, String url) {
    /** Bucket names as GCS allows them (dotted names up to 222 characters). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");
    private static final Set<String> PARAMS = Set.of("endpoint", "auth");

    /**
     * @throws RemoteException naming the URL if it cannot name a GCS location
     */
    static GcsLocation parse(RemoteUrl url, Map<String, String> params) {
        if (!params.isEmpty()) {
            throw new RemoteException("parameter '" + params.keySet().iterator().next()
                    + "' does not apply to gs URLs");
        }
        if (url.userInfo() != null) {
            throw new RemoteException("invalid remote URL '" + url + "': gs URLs take no user; credentials come from "
                    + "Google Application Default Credentials");
        }
        String bucket = url.authority();
        if (!BUCKET.matcher(bucket).matches()) {
            throw new RemoteException("invalid remote URL '" + url + "': '" + bucket + "' is not a GCS bucket name; "
                    + "write gs://bucket/path");
        }
        String path = url.objectPath(url.toString());
        for (String k : url.query().keySet()) {
            if (!PARAMS.contains(k)) {
                throw new RemoteException("invalid remote URL '" + url + "': unknown parameter '" + k
                        + "'; gs URLs take endpoint= and auth=none");
            }
        }
        String endpoint = url.query().get("endpoint");
        String auth = url.query().getOrDefault("auth", "default");
        if (!auth.equals("none") && !auth.equals("default")) {
            throw new RemoteException("invalid remote URL '" + url + "': auth=" + auth
                    + " is not known; the only value is 'none'");
        }
        boolean none = auth.equals("none");
        if (endpoint != null) {
            checkEndpoint(url, endpoint, none);
        }
        return new GcsLocation(bucket, path.isEmpty() ? "" : path + "/", endpoint, none, url.toString());
    }

    private static void checkEndpoint(RemoteUrl url, String endpoint, boolean noCredentials) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new RemoteException("invalid remote URL '" + url + "': endpoint '" + endpoint + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new RemoteException("invalid remote URL '" + url + "': endpoint '" + endpoint
                    + "' must be http://host:port or https://host:port");
        }
        if (scheme.equals("http") && !noCredentials) {
            throw new RemoteException("invalid remote URL '" + url + "': an http:// endpoint needs auth=none, "
                    + "since credentials are never sent in clear");
        }
    }

    /** The object name of a blob key. */
    String objectName(String key) {
        return prefix + key;
    }

    /** The manifest's object name. */
    String manifestName() {
        return prefix + GcsBlobStore.MANIFEST;
    }
}
