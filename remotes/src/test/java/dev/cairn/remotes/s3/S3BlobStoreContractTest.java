package dev.cairn.remotes.s3;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.remotes.RemoteFactory;
import dev.cairn.testdata.BlobStoreContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The blob contract against s3proxy; every store is a fresh path in one bucket, so prefixes must keep them apart. */
class S3BlobStoreContractTest extends BlobStoreContract {
    private static final S3ProxyServer SERVER = S3ProxyServer.get();
    private static final String BUCKET = SERVER.newBucket();
    private static int stores;

    @TempDir
    Path creds;

    @Override
    protected BlobStore newStore() throws IOException {
        Map<String, String> params = S3ProxyServer.credentialParams(creds);
        return RemoteFactory.standard().open(SERVER.remoteUrl(BUCKET, "contract/db-" + stores++), params);
    }
}
