package dev.cairn.remotes.gcs;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.remotes.RemoteUrl;
import dev.cairn.testdata.gcs.FakeGcsServer;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** One fake GCS server per test class, with a fresh prefix per store so tests never share blobs. */
final class FakeGcs {
    static final String BUCKET = "cairn-test";
    private static final AtomicInteger STORES = new AtomicInteger();

    private FakeGcs() {
    }

    static FakeGcsServer start() throws IOException {
        FakeGcsServer server = FakeGcsServer.start();
        server.createBucket(BUCKET);
        return server;
    }

    /** The URL of a store under {@code path} of the test bucket on {@code server}. */
    static String url(FakeGcsServer server, String bucket, String path) {
        return "gs://" + bucket + "/" + path + "?endpoint=" + server.endpoint() + "&auth=none";
    }

    /** A store under a new prefix of the test bucket. */
    static BlobStore newStore(FakeGcsServer server) throws IOException {
        return open(url(server, BUCKET, "db-" + STORES.incrementAndGet()));
    }

    static BlobStore open(String url) throws IOException {
        return new GcsRemoteScheme().open(RemoteUrl.parse(url, null), Map.of());
    }
}
