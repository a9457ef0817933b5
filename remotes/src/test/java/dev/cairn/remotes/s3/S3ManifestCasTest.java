package dev.cairn.remotes.s3;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.remotes.RemoteFactory;
import dev.cairn.remotes.RemoteUrl;
import dev.cairn.testdata.ManifestCasContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest's compare-and-swap against s3proxy, which honours If-Match and If-None-Match
 * on PutObject (see {@link S3ConditionalWriteProbeTest}) but decides If-Match atomically only
 * with {@link AtomicIfMatchBlobStore} under it; a second instance is a second client on the
 * same URL, as another process would have.
 */
class S3ManifestCasTest extends ManifestCasContract {
    private static final S3ProxyServer SERVER = S3ProxyServer.atomic();
    private static int stores;

    private final Map<BlobStore, RemoteUrl> urls = new IdentityHashMap<>();

    @TempDir
    Path creds;

    @Override
    protected BlobStore newStore() throws IOException {
        RemoteUrl url = SERVER.remoteUrl(SERVER.newBucket(), "cas/db-" + stores++);
        BlobStore store = RemoteFactory.standard().open(url, S3ProxyServer.credentialParams(creds));
        urls.put(store, url);
        return store;
    }

    @Override
    protected BlobStore openSecondInstance(BlobStore store) throws IOException {
        return RemoteFactory.standard().open(urls.get(store), S3ProxyServer.credentialParams(creds));
    }
}
