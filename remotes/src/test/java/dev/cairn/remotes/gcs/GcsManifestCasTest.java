package dev.cairn.remotes.gcs;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.testdata.ManifestCasContract;
import dev.cairn.testdata.gcs.FakeGcsServer;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The manifest compare-and-swap for {@code gs://}, by generation preconditions, against the
 * fake GCS server; a second instance is a second client on the same URL, as another process
 * would open it.
 */
class GcsManifestCasTest extends ManifestCasContract {
    private static FakeGcsServer server;
    private static int stores;
    private final Map<BlobStore, String> urls = new IdentityHashMap<>();

    @BeforeAll
    static void startServer() throws IOException {
        server = FakeGcs.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected BlobStore newStore() throws IOException {
        String url = FakeGcs.url(server, FakeGcs.BUCKET, "cas-" + stores++);
        BlobStore s = FakeGcs.open(url);
        urls.put(s, url);
        return s;
    }

    @Override
    protected BlobStore openSecondInstance(BlobStore store) throws IOException {
        return FakeGcs.open(urls.get(store));
    }
}
