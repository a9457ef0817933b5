package dev.cairn.remotes;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.MemoryBlobStore;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code mem://name}: a scheme found through {@link java.util.ServiceLoader} from
 * META-INF/services in the test classpath, as s3 and gs will be from their own jars.
 */
public final class MemoryRemoteScheme implements RemoteScheme {
    static final Map<String, MemoryBlobStore> STORES = new ConcurrentHashMap<>();

    @Override
    public Set<String> schemes() {
        return Set.of("mem");
    }

    @Override
    public BlobStore open(RemoteUrl url, Map<String, String> params) {
        return STORES.computeIfAbsent(url.authority(), n -> new MemoryBlobStore());
    }
}
