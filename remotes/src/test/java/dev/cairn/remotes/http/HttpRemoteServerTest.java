package dev.cairn.remotes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.TransientBlobException;
import dev.cairn.chunkstore.tablefile.Manifest;
import dev.cairn.chunkstore.tablefile.ManifestCodec;
import dev.cairn.chunkstore.tablefile.TableFileSummary;
import dev.cairn.chunkstore.tablefile.TableFileWriter;
import dev.cairn.remotes.RemoteException;
import dev.cairn.remotes.RemoteFactory;
import dev.cairn.remotes.RemoteUrl;
import dev.cairn.remotes.decorators.RemoteDecorators;
import dev.cairn.remotes.decorators.RetryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against the real server set up as users will set it up: with a token, read-only,
 * public reads, TLS with a self-signed certificate; and what only the real server knows (which
 * chunks it has, which table files are live).
 */
class HttpRemoteServerTest {
    private static final String TOKEN = "server-token-0123456789";
    private static final byte[] BYTES = "some blob".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();

    /** A store through the factory and its decorators, seeing {@link #env} as its environment. */
    private BlobStore open(String url) throws IOException {
        env.putIfAbsent("CAIRN_ROOT_PATH", tmp.resolve("root").toString());
        return factory().open(url, null, Map.of());
    }

    private RemoteFactory factory() {
        HttpRemoteScheme scheme = new HttpRemoteScheme(Duration.ofSeconds(5), Duration.ofSeconds(30), env::get);
        return new RemoteFactory(List.of(scheme),
                new RemoteDecorators(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1)), 8, 0));
    }

    /** The store itself, without decorators: for {@link HttpBlobStore#hasChunks}, which they do not pass on. */
    private HttpBlobStore bare(String url) {
        return (HttpBlobStore) new HttpRemoteScheme(Duration.ofSeconds(5), Duration.ofSeconds(30), env::get)
                .open(RemoteUrl.parse(url, null), Map.of());
    }

    @Test
    void aServerWithATokenRefusesNoneAndAWrongOneAndAcceptsItsOwnFromTheTokensFile() throws Exception {
        try (LiveServer server = LiveServer.start(tmp.resolve("srv"), b -> b.authToken(TOKEN))) {
            String url = server.url("org", "db");
            String hostPort = "127.0.0.1:" + server.server.port();
            try (BlobStore s = open(url)) {
                assertThatThrownBy(s::getManifest).isInstanceOf(RemoteException.class)
                        .hasMessage(url + ": the server needs a token (401); set CAIRN_REMOTE_TOKEN or add one for \""
                                + hostPort + "\" to " + tmp.resolve("root").resolve("remote-tokens.json"));
            }
            env.put("CAIRN_REMOTE_TOKEN", "not-" + TOKEN);
            try (BlobStore s = open(url)) {
                assertThatThrownBy(() -> s.put("blob", BlobSource.ofBytes(BYTES))).isInstanceOf(RemoteException.class)
                        .hasMessage(url + ": the server refused the token from CAIRN_REMOTE_TOKEN (401); set "
                                + "CAIRN_REMOTE_TOKEN to a token it accepts");
            }
            env.remove("CAIRN_REMOTE_TOKEN");
            Files.createDirectories(tmp.resolve("root"));
            Files.writeString(tmp.resolve("root/remote-tokens.json"), "{\"" + hostPort + "\": \"" + TOKEN + "\"}");
            try (BlobStore s = open(url)) {
                s.put("blob", BlobSource.ofBytes(BYTES));
                assertThat(s.get("blob", ByteRange.ALL)).isEqualTo(BYTES);
                assertThat(s.putManifest(null, BYTES)).isTrue();
            }
        }
    }

    @Test
    void publicReadsNeedNoTokenButWritesDo() throws Exception {
        try (LiveServer server = LiveServer.start(tmp.resolve("srv"), b -> b.authToken(TOKEN).publicRead(true))) {
            String url = server.url("org", "db");
            env.put("CAIRN_REMOTE_TOKEN", TOKEN);
            try (BlobStore s = open(url)) {
                s.put("blob", BlobSource.ofBytes(BYTES));
            }
            env.remove("CAIRN_REMOTE_TOKEN");
            try (BlobStore s = open(url)) {
                assertThat(s.get("blob", ByteRange.of(5, 4))).isEqualTo("blob".getBytes(StandardCharsets.UTF_8));
                assertThatThrownBy(() -> s.delete("blob")).isInstanceOf(RemoteException.class)
                        .hasMessageContaining("the server needs a token (401)");
            }
        }
    }

    @Test
    void aReadOnlyServerRefusesWritesInOneLine() throws Exception {
        try (LiveServer server = LiveServer.start(tmp.resolve("srv"), b -> b.readOnly(true))) {
            String url = server.url("org", "db");
            try (BlobStore s = open(url)) {
                assertThat(s.getManifest()).isNull();
                assertThatThrownBy(() -> s.put("blob", BlobSource.ofBytes(BYTES))).isInstanceOf(RemoteException.class)
                        .hasMessage(url + ": the remote is read-only; writing 'blob' was refused (403)");
                assertThatThrownBy(() -> s.putManifest(null, BYTES)).isInstanceOf(RemoteException.class)
                        .hasMessageContaining("the remote is read-only");
            }
        }
    }

    @Test
    void aMissingRepositoryReadsAsEmptyAndReadingCreatesNothing() throws Exception {
        try (LiveServer server = LiveServer.start(tmp.resolve("srv"), b -> b)) {
            String url = server.url("nobody", "nothing");
            assertThat(factory().openExisting(RemoteUrl.parse(url, null), Map.of())).isNull();
            try (BlobStore s = open(url)) {
                assertThat(s.getManifest()).isNull();
                assertThat(s.list("")).isEmpty();
                assertThat(s.size("blob")).isEqualTo(-1);
                assertThat(s.putManifest("some-version", BYTES)).isFalse();
                s.delete("blob");
            }
            try (HttpBlobStore bare = bare(url)) {
                assertThat(bare.hasChunks(List.of(Hash.of(BYTES))).isEmpty()).isTrue();
            }
            assertThat(server.dir.resolve("nobody")).doesNotExist();
        }
    }

    @Test
    void httpsWithASelfSignedCertificateWorksOnceTrustedThroughCairnRemoteCaFile() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(tmp.resolve("tls"));
        try (LiveServer server = LiveServer.start(tmp.resolve("srv"), b -> b.tls(cert.certPem(), cert.keyPem()))) {
            String url = server.url("org", "db");
            assertThat(url).startsWith("https://127.0.0.1:");
            try (BlobStore s = open(url)) {
                assertThatThrownBy(s::getManifest).isInstanceOf(RemoteException.class)
                        .hasMessage(url + ": the server's certificate is not trusted; set CAIRN_REMOTE_CA_FILE to a "
                                + "PEM file holding it or the CA that signed it");
            }
            env.put("CAIRN_REMOTE_CA_FILE", cert.certPem().toString());
            try (BlobStore s = open(url)) {
                byte[] big = new byte[3 << 20];
                new java.util.Random(7).nextBytes(big);
                s.put("big", BlobSource.ofBytes(big));
                assertThat(s.get("big", ByteRange.of(1 << 20, 10))).isEqualTo(
                        java.util.Arrays.copyOfRange(big, 1 << 20, (1 << 20) + 10));
                assertThat(s.putManifest(null, BYTES)).isTrue();
                assertThat(s.getManifest().bytes()).isEqualTo(BYTES);
            }
            env.put("CAIRN_REMOTE_CA_FILE", tmp.resolve("absent.pem").toString());
            assertThatThrownBy(() -> open(url)).isInstanceOf(RemoteException.class)
                    .hasMessage("CAIRN_REMOTE_CA_FILE names '" + tmp.resolve("absent.pem") + "', which does not exist");
        }
    }

    @Test
    void theServerSaysWhichChunksItHasAndRefusesToDeleteALiveTableFile() throws Exception {
        Path file = tmp.resolve("table");
        List<Hash> hashes = new ArrayList<>();
        TableFileSummary summary;
        try (TableFileWriter w = new TableFileWriter(file)) {
            for (int i = 0; i < 100; i++) {
                Chunk c = Chunk.leaf(("chunk " + i).getBytes(StandardCharsets.UTF_8));
                hashes.add(c.hash());
                w.add(c);
            }
            summary = w.finish();
        }
        try (LiveServer server = LiveServer.start(tmp.resolve("srv"), b -> b);
                BlobStore s = open(server.url("org", "db"))) {
            s.put(summary.name(), BlobSource.ofFile(file));
            HttpBlobStore http = bare(server.url("org", "db"));
            List<Hash> asked = new ArrayList<>(hashes);
            asked.add(1, Hash.of(BYTES)); // not in any table file
            assertThat(http.hasChunks(asked).cardinality()).as("nothing is live before the manifest names it").isZero();

            assertThat(s.putManifest(null, ManifestCodec.encode(Manifest.next(hashes.get(0), List.of(summary)))))
                    .isTrue();
            BitSet present = http.hasChunks(asked);
            assertThat(present.cardinality()).isEqualTo(100);
            assertThat(present.get(1)).isFalse();
            assertThatThrownBy(() -> s.delete(summary.name())).isInstanceOf(IOException.class)
                    .isNotInstanceOf(TransientBlobException.class)
                    .hasMessage(server.url("org", "db") + ": cannot delete '" + summary.name() + "': the current "
                            + "manifest names it (409 live_blob)");
            assertThat(s.exists(summary.name())).isTrue();
            http.close();
        }
    }
}
