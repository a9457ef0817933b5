package dev.cairn.remotes.s3;

import dev.cairn.remotes.RemoteException;
import dev.cairn.remotes.RemoteUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where an {@code s3://bucket/path?endpoint=...&region=...&path-style=true} URL points: the
 * bucket, the key prefix its blobs live under, and how to reach the server. Plain Java, so
 * that checking a URL never loads the AWS SDK.
 *
 * @param bucket the bucket name
 * @param prefix the object-key prefix of every blob: empty, or the URL path's segments joined by
 *     {@code /} and ending in {@code /}
 * @param endpoint an S3-compatible server to use instead of AWS, or null
 * @param region the region given in the URL, or null to find it in the usual places
 * @param pathStyle whether to address the bucket in the path instead of the host name, as most
 *     S3-compatible servers need
 * @param shown the URL as it may be printed (secrets masked)
 */
public record S3Location(String bucket, String prefix, URI endpoint, String region, boolean pathStyle,
        String shown) {
    /** The query parameters an s3 URL may carry. */
    static final Set<String> QUERY_PARAMS = Set.of("endpoint", "region", "path-style");

    // S3's rules for new buckets, loosened to also accept older names with capitals or underscores.
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,254}");

    /**
     * Reads an s3 URL.
     *
     * @throws RemoteException if the bucket, path or a query parameter is not acceptable
     */
    public static S3Location of(RemoteUrl url) {
        String shown = url.toString();
        if (url.userInfo() != null) {
            throw new RemoteException("invalid remote URL '" + shown + "': s3 URLs take no user or secret; "
                    + "credentials come from the AWS credential chain or --aws-creds-* options");
        }
        String bucket = url.authority();
        if (bucket.isEmpty()) {
            throw new RemoteException("invalid remote URL '" + shown + "': no bucket, write s3://bucket/path");
        }
        if (!BUCKET.matcher(bucket).matches()) {
            throw new RemoteException("invalid remote URL '" + shown + "': '" + bucket + "' is not an S3 bucket name");
        }
        String path = url.objectPath(shown);
        Map<String, String> q = url.query();
        for (String k : q.keySet()) {
            if (!QUERY_PARAMS.contains(k)) {
                throw new RemoteException("invalid remote URL '" + shown + "': unknown parameter '" + k
                        + "'; s3 URLs take endpoint, region and path-style");
            }
        }
        URI endpoint = null;
        String e = q.get("endpoint");
        if (e != null) {
            endpoint = endpoint(e, shown);
        }
        String region = q.get("region");
        if (region != null && region.isBlank()) {
            throw new RemoteException("invalid remote URL '" + shown + "': region is empty");
        }
        boolean pathStyle = false;
        String ps = q.get("path-style");
        if (ps != null) {
            String v = ps.toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false") && !v.isEmpty()) {
                throw new RemoteException("invalid remote URL '" + shown + "': path-style must be true or false");
            }
            pathStyle = !v.equals("false");
        }
        return new S3Location(bucket, path.isEmpty() ? "" : path + "/", endpoint, region, pathStyle, shown);
    }

    private static URI endpoint(String text, String shown) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
                throw new RemoteException("invalid remote URL '" + shown + "': endpoint must be an http:// or "
                        + "https:// URL with a host, like http://127.0.0.1:9000");
            }
            if (uri.getUserInfo() != null || uri.getQuery() != null) {
                throw new RemoteException("invalid remote URL '" + shown + "': endpoint may hold only a scheme, "
                        + "host, port and path");
            }
            return uri;
        } catch (URISyntaxException ex) {
            throw new RemoteException("invalid remote URL '" + shown + "': endpoint is not a URL");
        }
    }

    /** The object key of a blob key. */
    String objectKey(String blobKey) {
        return prefix + blobKey;
    }

    @Override
    public String toString() {
        return shown;
    }
}
