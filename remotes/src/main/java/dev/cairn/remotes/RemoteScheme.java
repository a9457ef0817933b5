package dev.cairn.remotes;

import dev.cairn.chunkstore.blob.BlobStore;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * One kind of place a remote can live: turns a URL of its schemes into the {@link BlobStore}
 * that holds the remote's table files and manifest. Everything above the blob store (the
 * table-file layout, sync, retries) is shared, so a scheme only says where bytes go.
 *
 * <p>Implementations are registered in {@link RemoteFactory}, explicitly or through
 * {@link java.util.ServiceLoader}. They must be cheap to construct: a command that never
 * touches S3 must not pay for loading the AWS SDK, so SDK clients are built in {@link #open}.
 */
public interface RemoteScheme {
    /** The URL schemes this handles, lower case, e.g. {@code file} or {@code git+https}. */
    Set<String> schemes();

    /**
     * Checks a URL and its parameters without touching the network or the disk, so that
     * {@code backup add} can refuse a bad URL before anything is stored.
     *
     * @throws RemoteException if the URL or a parameter is not acceptable
     */
    default void check(RemoteUrl url, Map<String, String> params) {
    }

    /**
     * Opens the remote's blob store, creating the location if the scheme can and it is
     * missing. The caller closes the store.
     *
     * @throws RemoteException if the URL or a parameter is not acceptable
     */
    BlobStore open(RemoteUrl url, Map<String, String> params) throws IOException;

    /**
     * Opens a remote to read from (fetch, clone, restore): like {@link #open}, but never
     * creates the location, so that reading from a mistyped URL leaves nothing behind.
     *
     * @return the store, or null if nothing is there
     * @throws RemoteException if the URL or a parameter is not acceptable
     */
    default BlobStore openExisting(RemoteUrl url, Map<String, String> params) throws IOException {
        return open(url, params);
    }

    /**
     * Whether requests to this scheme's stores cross a network, where they can fail
     * transiently and should be bounded: the factory then wraps the stores in the retry,
     * request-limit and bandwidth decorators ({@link dev.cairn.remotes.decorators.RemoteDecorators}).
     * False for a local directory, whose store must stay unwrapped so that copies between
     * local stores can use its files directly.
     */
    default boolean overNetwork() {
        return true;
    }
}
