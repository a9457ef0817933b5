package dev.cairn.remotes.http;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.remotes.RemoteFactory;
import dev.cairn.testdata.BlobStoreContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The blob contract over http against the real server, through the factory and its decorators; every store is a fresh repository. */
class HttpBlobStoreContractTest extends BlobStoreContract {
    private static LiveServer server;
    private static int stores;

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
        return RemoteFactory.standard().open(server.url("contract", "db-" + stores++), (Path) null, Map.of());
    }
}
