package dev.cairn.remotes.http;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.remotes.RemoteFactory;
import dev.cairn.testdata.ManifestCasContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The manifest's compare-and-swap over http against the real server; a second instance is a second client on the same URL. */
class HttpManifestCasTest extends ManifestCasContract {
    private static LiveServer server;
    private static int stores;

    private final Map<BlobStore, String> urls = new IdentityHashMap<>();

    @BeforeAll
    static void start() {
        server = LiveServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    protected BlobStore newStore() throws IOException {
        String url = server.url("cas", "db-" + stores++);
        BlobStore store = RemoteFactory.standard().open(url, (Path) null, Map.of());
        urls.put(store, url);
        return store;
    }

    @Override
    protected BlobStore openSecondInstance(BlobStore store) throws IOException {
        return RemoteFactory.standard().open(urls.get(store), (Path) null, Map.of());
    }
}
