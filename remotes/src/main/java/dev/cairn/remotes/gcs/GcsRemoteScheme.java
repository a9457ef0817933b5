package dev.cairn.remotes.gcs;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.remotes.RemoteScheme;
import dev.cairn.remotes.RemoteUrl;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * {@code gs://bucket/path} remotes: a table-file store in a Google Cloud Storage bucket,
 * under the path. The URL's forms and parameters ({@code endpoint=}, {@code auth=none})
 * are described in {@link GcsLocation}; credentials are Google's Application Default
 * Credentials otherwise.
 *
 * <p>Constructing this, checking URLs and listing schemes load no Google class: the SDK is
 * only touched by {@link #open}, so a command that never uses GCS does not pay for it.
 */
public final class GcsRemoteScheme implements RemoteScheme {
    @Override
    public Set<String> schemes() {
        return Set.of("gs");
    }

    @Override
    public void check(RemoteUrl url, Map<String, String> params) {
        GcsLocation.parse(url, params);
    }

    /** Opens the store; the bucket must exist (buckets are not created here: that takes a project and a location). */
    @Override
    public BlobStore open(RemoteUrl url, Map<String, String> params) throws IOException {
        return GcsConnector.open(GcsLocation.parse(url, params));
    }

    /** Opens the store, or returns null if there is no manifest under the path, so nothing is there to read. */
    @Override
    public BlobStore openExisting(RemoteUrl url, Map<String, String> params) throws IOException {
        BlobStore store = open(url, params);
        boolean keep = false;
        try {
            keep = store.getManifest() != null;
            return keep ? store : null;
        } finally {
            if (!keep) {
                store.close();
            }
        }
    }
}
