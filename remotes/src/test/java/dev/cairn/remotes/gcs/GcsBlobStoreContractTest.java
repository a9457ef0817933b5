package dev.cairn.remotes.gcs;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.testdata.BlobStoreContract;
import dev.cairn.testdata.gcs.FakeGcsServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The blob contract for {@code gs://} through the official client against the fake GCS
 * server. Listing pages are capped at 2 objects so every listing of more pages through.
 */
class GcsBlobStoreContractTest extends BlobStoreContract {
    private static FakeGcsServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = FakeGcs.start();
        server.setPageSize(2);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected BlobStore newStore() throws IOException {
        return FakeGcs.newStore(server);
    }
}
