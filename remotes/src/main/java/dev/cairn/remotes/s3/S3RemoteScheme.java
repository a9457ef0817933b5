package dev.cairn.remotes.s3;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.remotes.RemoteScheme;
import dev.cairn.remotes.RemoteUrl;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * {@code s3://bucket/path?endpoint=...&region=...&path-style=true} remotes: a table-file
 * store in an S3 bucket (or an S3-compatible server at {@code endpoint}), see
 * {@link S3BlobStore}. Takes the {@code aws-*} parameters of {@link AwsCredentialOptions}.
 *
 * <p>Constructing and checking load no AWS class; only {@link #open} does, so that a command
 * that never touches S3 does not pay for the SDK. Neither open creates a bucket.
 */
public final class S3RemoteScheme implements RemoteScheme {
    @Override
    public Set<String> schemes() {
        return Set.of("s3");
    }

    @Override
    public void check(RemoteUrl url, Map<String, String> params) {
        S3Location.of(url);
        AwsCredentialOptions.of(params, url.toString());
    }

    @Override
    public BlobStore open(RemoteUrl url, Map<String, String> params) throws IOException {
        S3Location where = S3Location.of(url);
        return S3BlobStore.open(where, AwsCredentialOptions.of(params, where.toString()));
    }

    /** Null if the bucket has no manifest under the path; a missing bucket is an error, not "nothing there". */
    @Override
    public BlobStore openExisting(RemoteUrl url, Map<String, String> params) throws IOException {
        BlobStore store = open(url, params);
        try {
            if (store.getManifest() == null) {
                store.close();
                return null;
            }
            return store;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }
}
