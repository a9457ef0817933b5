package dev.cairn.remotes.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.blob.TransientBlobException;
import dev.cairn.remotes.BackupService;
import dev.cairn.remotes.RemoteException;
import dev.cairn.remotes.RemoteFactory;
import dev.cairn.remotes.RemoteUrl;
import dev.cairn.remotes.sync.ProgressListener;
import dev.cairn.testdata.gcs.FakeGcsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when a {@code gs://} remote cannot be used: one line naming the URL, for
 * a bad URL, an unknown bucket, an unreachable endpoint, denied access and missing
 * credentials.
 */
class GcsRemoteErrorsTest {
    @TempDir
    Path tmp;

    private FakeGcsServer server;

    @BeforeEach
    void start() throws IOException {
        server = FakeGcs.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anUnknownBucketIsNamed() {
        String url = FakeGcs.url(server, "no-such-bucket", "db");
        assertThatThrownBy(() -> FakeGcs.open(url))
                .isInstanceOf(RemoteException.class)
                .hasMessage("bucket 'no-such-bucket' of '" + url + "' does not exist");
    }

    @Test
    void anUnreachableEndpointIsNamedQuickly() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port;
        String url = "gs://bkt/db?endpoint=" + endpoint + "&auth=none";
        long start = System.nanoTime();
        assertThatThrownBy(() -> FakeGcs.open(url))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot reach GCS at " + endpoint + " for '" + url + "': ")
                .hasMessageContaining("refused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(15);
    }

    @Test
    void deniedAccessIsOneLineNamingTheUrlAndNothingIsWritten() throws IOException {
        server.createBucket("locked");
        server.deny("locked");
        String url = FakeGcs.url(server, "locked", "db");
        try (DirectoryBlobStore local = new DirectoryBlobStore(tmp.resolve("local"))) {
            dev.cairn.chunkstore.tablefile.TableFileChunkStore store =
                    dev.cairn.chunkstore.tablefile.TableFileChunkStore.open(local);
            dev.cairn.chunkstore.model.Database.init(store, "main",
                    new dev.cairn.chunkstore.model.CommitMeta("T", "t@example.com", 1L, "init"));
            store.close();
            assertThatThrownBy(() -> BackupService.standard().sync(local, "main", RemoteUrl.parse(url, tmp), Map.of(),
                    null, ProgressListener.NONE))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("access denied to '" + url + "' (403)")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThat(server.requests()).anyMatch(r -> r.uri().contains("/b/locked"));
        assertThat(server.object("locked", "db/manifest")).isNull();
    }

    @Test
    void aBadUrlIsRefusedBeforeAnythingIsOpened() {
        RemoteFactory factory = RemoteFactory.standard();
        assertThatThrownBy(() -> factory.parse("gs://bkt/db?endpoint=http://127.0.0.1:1", tmp, Map.of()))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("an http:// endpoint needs auth=none");
        assertThatThrownBy(() -> factory.parse("gs://Not_A_Bucket/db", tmp, Map.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("is not a GCS bucket name");
        assertThatThrownBy(() -> factory.parse("gs://bkt/db?region=eu", tmp, Map.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("unknown parameter 'region'");
        assertThatThrownBy(() -> factory.parse("gs://bkt/db", tmp, Map.of("aws-region", "eu-west-1")))
                .isInstanceOf(RemoteException.class).hasMessage("parameter 'aws-region' does not apply to gs URLs");
        assertThatThrownBy(() -> factory.parse("gs://bkt/a/../b", tmp, Map.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("the path may hold only");
        assertThat(factory.parse("gs://bkt/backups/db/", tmp, Map.of()).authority()).isEqualTo("bkt");
        assertThat(server.requests()).isEmpty();
    }

    /**
     * Runs in a child JVM, since Application Default Credentials are read from the
     * environment: there, none are set and the metadata-server probe is switched off.
     */
    @Test
    void missingCredentialsSayHowToProvideThem() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        // A closed port over https: credentials are needed, and nothing is listening if they were found.
        String url = "gs://bkt/db?endpoint=https://127.0.0.1:1";
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                NoCredentialsProbe.class.getName(), url)).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GOOGLE_") || k.startsWith("CLOUDSDK_") || k.startsWith("GCE_")
                || k.equals("DEVSHELL_CLIENT_PORT"));
        env.put("HOME", home.toString());
        env.put("CLOUDSDK_CONFIG", home.resolve("gcloud").toString());
        env.put("NO_GCE_CHECK", "true");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo(RemoteException.class.getName() + ": no Google credentials for '" + url
                + "': set GOOGLE_APPLICATION_CREDENTIALS to a key file or run 'gcloud auth application-default login'");
    }

    @Test
    void openExistingOfAPrefixWithoutManifestIsNull() throws IOException {
        String url = FakeGcs.url(server, FakeGcs.BUCKET, "empty");
        try (BlobStore s = FakeGcs.open(url)) {
            s.put("table-file", dev.cairn.chunkstore.blob.BlobSource.ofBytes(new byte[] {1, 2, 3}));
        }
        assertThat(new GcsRemoteScheme().openExisting(RemoteUrl.parse(url, tmp), Map.of())).isNull();
        try (BlobStore s = FakeGcs.open(url)) {
            assertThat(s.putManifest(null, new byte[] {9})).isTrue();
        }
        try (BlobStore s = new GcsRemoteScheme().openExisting(RemoteUrl.parse(url, tmp), Map.of())) {
            assertThat(s).isNotNull();
            assertThat(s.getManifest().bytes()).containsExactly(9);
        }
    }

    /**
     * A manifest swap answered 503 after it landed: the client does not retry it blindly (a
     * retry would meet its own write as a failed precondition); the store calls the failure
     * transient, and the retry decorator reads the manifest back and sees the swap won.
     */
    @Test
    void aManifestSwapAnsweredWithAnErrorAfterItLandedIsFoundToHaveWon() throws IOException {
        String url = FakeGcs.url(server, FakeGcs.BUCKET, "lost");
        try (BlobStore raw = FakeGcs.open(url);
                BlobStore decorated = RemoteFactory.standard().open(url, tmp, Map.of())) {
            assertThat(raw.putManifest(null, new byte[] {1})).isTrue();
            String v1 = raw.getManifest().version();

            server.failNextReply("POST");
            assertThatThrownBy(() -> raw.putManifest(v1, new byte[] {2}))
                    .isInstanceOfSatisfying(TransientBlobException.class,
                            e -> assertThat(e.mayHaveTakenEffect()).isTrue());
            assertThat(raw.getManifest().bytes()).as("the swap landed all the same").containsExactly(2);
            String v2 = raw.getManifest().version();

            server.clearRequests();
            server.failNextReply("POST");
            assertThat(decorated.putManifest(v2, new byte[] {3})).isTrue();
            assertThat(raw.getManifest().bytes()).containsExactly(3);
            assertThat(server.requests()).filteredOn(r -> r.method().equals("POST")).singleElement()
                    .satisfies(r -> assertThat(r.query()).containsEntry("ifGenerationMatch", v2));

            // A swap from a stale version is a plain lost race.
            assertThat(raw.putManifest(v1, new byte[] {4})).isFalse();
            assertThat(raw.getManifest().bytes()).containsExactly(3);
        }
    }
}
