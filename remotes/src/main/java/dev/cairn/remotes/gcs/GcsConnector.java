package dev.cairn.remotes.gcs;

import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Bucket;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import dev.cairn.remotes.RemoteException;
import java.io.IOException;
import java.time.Duration;

/**
 * Builds the GCS client for a location and checks the bucket is there: the only code that
 * touches the SDK before a blob is read or written, and only ever called once a
 * {@code gs://} URL is used, so no other command loads a Google class.
 *
 * <p>The client uses the HTTP/JSON transport ({@link StorageOptions#http()}); the gRPC one is
 * left out of the build. The client makes one attempt per request: retries are
 * {@link dev.cairn.remotes.decorators.RetryingBlobStore}'s, on the errors {@link GcsErrors}
 * classifies as transient, so there is one retry policy, and a manifest swap whose answer was
 * lost is resolved by reading it back rather than by a blind retry that would meet its own
 * write as a failed precondition.
 */
final class GcsConnector {
    /** The project id given to the client when auth=none, so it never looks for one on the network. */
    static final String NO_PROJECT = "cairn-no-project";

    private static final RetrySettings RETRIES = RetrySettings.newBuilder()
            .setMaxAttempts(1)
            .setTotalTimeoutDuration(Duration.ofSeconds(60))
            .setInitialRpcTimeoutDuration(Duration.ofSeconds(60))
            .setMaxRpcTimeoutDuration(Duration.ofSeconds(60))
            .setRpcTimeoutMultiplier(1.0)
            .build();

    private GcsConnector() {
    }

    /**
     * A client for {@code at}, after checking its bucket exists.
     *
     * @throws RemoteException if there are no credentials or the bucket does not exist
     * @throws IOException if the service cannot be reached or refuses
     */
    static GcsBlobStore open(GcsLocation at) throws IOException {
        Storage storage = client(at);
        boolean ok = false;
        try {
            checkBucket(storage, at);
            ok = true;
            return new GcsBlobStore(storage, at);
        } finally {
            if (!ok) {
                closeQuietly(storage);
            }
        }
    }

    private static Storage client(GcsLocation at) {
        StorageOptions.Builder b = StorageOptions.http().setRetrySettings(RETRIES).setCredentials(credentials(at));
        if (at.endpoint() != null) {
            b.setHost(at.endpoint());
        }
        if (at.noCredentials()) {
            b.setProjectId(NO_PROJECT);
        }
        return b.build().getService();
    }

    private static Credentials credentials(GcsLocation at) {
        if (at.noCredentials()) {
            return NoCredentials.getInstance();
        }
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            throw new RemoteException("no Google credentials for '" + at.url() + "': set GOOGLE_APPLICATION_CREDENTIALS "
                    + "to a key file or run 'gcloud auth application-default login'", e);
        }
    }

    /**
     * Tells a missing bucket from an empty prefix. A 403 here is let through: credentials that
     * may use objects but not read bucket metadata are common, and the first object request
     * then says whether access is really denied.
     */
    private static void checkBucket(Storage storage, GcsLocation at) throws IOException {
        Bucket bucket;
        try {
            bucket = storage.get(at.bucket(), Storage.BucketGetOption.fields(Storage.BucketField.NAME));
        } catch (StorageException e) {
            if (e.getCode() == 403) {
                return;
            }
            throw GcsErrors.translate(e, at, "read the bucket");
        }
        if (bucket == null) {
            throw new RemoteException("bucket '" + at.bucket() + "' of '" + at.url() + "' does not exist");
        }
    }

    private static void closeQuietly(Storage storage) {
        try {
            storage.close();
        } catch (Exception ignored) {
            // Already failing; the first error is the one to report.
        }
    }
}
