package dev.cairn.remotes;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** {@code file://} remotes: a table-file store in a local directory, created if missing. */
public final class FileRemoteScheme implements RemoteScheme {
    @Override
    public Set<String> schemes() {
        return Set.of("file");
    }

    @Override
    public void check(RemoteUrl url, Map<String, String> params) {
        if (!url.query().isEmpty()) {
            throw new RemoteException("invalid remote URL '" + url + "': file URLs take no '?' parameters");
        }
        if (!params.isEmpty()) {
            throw new RemoteException("parameter '" + params.keySet().iterator().next()
                    + "' does not apply to file URLs");
        }
        url.localPath();
    }

    @Override
    public BlobStore open(RemoteUrl url, Map<String, String> params) throws IOException {
        check(url, params);
        Path dir = url.localPath();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new RemoteException("remote '" + url + "' is a file, not a directory");
        }
        return new DirectoryBlobStore(dir);
    }

    @Override
    public BlobStore openExisting(RemoteUrl url, Map<String, String> params) throws IOException {
        check(url, params);
        return Files.isDirectory(url.localPath()) ? open(url, params) : null;
    }

    @Override
    public boolean overNetwork() {
        return false;
    }
}
