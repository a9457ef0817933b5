package dev.cairn.remotes.http;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.remotes.RemoteScheme;
import dev.cairn.remotes.RemoteUrl;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code http://host:port/org/repo} and {@code https://...} remotes: a repository on a Cairn
 * remote server ({@code cairn remotesrv}), reached through {@link HttpBlobStore}. The URL may
 * have a prefix before {@code /org/repo} (a server behind a reverse proxy) and takes no
 * parameters; the bearer token comes from {@link RemoteTokens}, extra trusted certificates
 * from {@code CAIRN_REMOTE_CA_FILE}.
 *
 * <p>Constructing this and checking URLs load no okhttp class; the client is built only when
 * a store is opened.
 */
public final class HttpRemoteScheme implements RemoteScheme {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Function<String, String> env;

    /** Timeouts of 10 s to connect and 60 s between bytes read; settings from the process environment. */
    public HttpRemoteScheme() {
        this(CONNECT_TIMEOUT, READ_TIMEOUT, System::getenv);
    }

    /**
     * @param env the environment to read {@code CAIRN_REMOTE_TOKEN}, {@code CAIRN_ROOT_PATH} and
     *     {@code CAIRN_REMOTE_CA_FILE} from
     */
    public HttpRemoteScheme(Duration connectTimeout, Duration readTimeout, Function<String, String> env) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.env = env;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("http", "https");
    }

    @Override
    public void check(RemoteUrl url, Map<String, String> params) {
        HttpLocation.of(url, params);
    }

    /** Opens the store without a request: the repository is created on the server by its first write. */
    @Override
    public BlobStore open(RemoteUrl url, Map<String, String> params) {
        HttpLocation where = HttpLocation.of(url, params);
        RemoteTokens tokens = new RemoteTokens(env);
        RemoteTokens.Token token = tokens.forServer(where);
        String ca = env.apply(HttpClientFactory.CA_FILE_ENV);
        Path caFile = ca == null || ca.isBlank() ? null : Path.of(ca);
        return new HttpBlobStore(HttpClientFactory.build(connectTimeout, readTimeout, caFile), where, token,
                tokens.file().toString());
    }

    /** Opens the store, or returns null if the repository has no manifest, so nothing is there to read. */
    @Override
    public BlobStore openExisting(RemoteUrl url, Map<String, String> params) throws IOException {
        BlobStore store = open(url, params);
        boolean keep = false;
        try {
            keep = store.getManifest() != null;
            return keep ? store : null;
        } finally {
            if (!keep) {
                store.close();
            }
        }
    }
}
