package dev.cairn.remotes.http;

import static dev.cairn.remotes.http.CannedServer.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.NoSuchBlobException;
import dev.cairn.chunkstore.blob.TransientBlobException;
import dev.cairn.remotes.RemoteException;
import dev.cairn.remotes.RemoteFactory;
import dev.cairn.remotes.RemoteUrl;
import dev.cairn.remotes.decorators.RemoteDecorators;
import dev.cairn.remotes.decorators.RetryPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the client reads each way a request can go wrong, against a server that answers as the
 * test says: one line naming the remote, never the token; transient failures retried, the
 * rest not.
 */
class HttpRemoteErrorsTest {
    private static final String TOKEN = "tok-0123456789-secret";
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1));

    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();
    private CannedServer server;

    @BeforeEach
    void start() throws IOException {
        env.put("CAIRN_ROOT_PATH", tmp.toString());
        server = new CannedServer(CannedServer.status(500));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The store as a command gets it: through the factory, behind the retry decorator. */
    private BlobStore open(String url) throws IOException {
        HttpRemoteScheme scheme = new HttpRemoteScheme(Duration.ofSeconds(2), Duration.ofSeconds(2), env::get);
        return new RemoteFactory(List.of(scheme), new RemoteDecorators(FAST, 4, 0)).open(url, null, Map.of());
    }

    /** The store without decorators, to see how it classifies a failure. */
    private BlobStore bare(String url) {
        return new HttpRemoteScheme(Duration.ofSeconds(2), Duration.ofSeconds(2), env::get)
                .open(RemoteUrl.parse(url, null), Map.of());
    }

    private static void oneLineNaming(Throwable e, String url) {
        assertThat(e.getMessage()).doesNotContain("\n", "\tat ", "Exception", TOKEN).contains(url);
    }

    @Test
    void everyRequestSaysTheProtocolVersionAndSendsTheTokenWhenThereIsOne() throws IOException {
        server.answer(error(404, "no_such_repository", "no repository org/db"));
        try (BlobStore s = open(server.url())) {
            assertThat(s.getManifest()).isNull();
        }
        env.put("CAIRN_REMOTE_TOKEN", TOKEN);
        try (BlobStore s = open(server.url())) {
            assertThat(s.size("tables/x")).isEqualTo(-1);
        }
        assertThat(server.seen()).hasSize(2).allSatisfy(r -> assertThat(r.header("Cairn-Protocol")).isEqualTo("1"));
        assertThat(server.seen().get(0).path()).isEqualTo("/org/db/v1/manifest");
        assertThat(server.seen().get(0).header("Authorization")).isNull();
        assertThat(server.seen().get(1).path()).isEqualTo("/org/db/v1/blobs/tables/x");
        assertThat(server.seen().get(1).header("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void aMissingTokenSaysOneIsNeededAndWhereToPutIt() throws IOException {
        server.answer(error(401, "unauthorized", "a token is required"));
        try (BlobStore s = open(server.url())) {
            assertThatThrownBy(s::getManifest).isInstanceOf(RemoteException.class)
                    .hasMessage(server.url() + ": the server needs a token (401); set CAIRN_REMOTE_TOKEN or add one for \""
                            + server.hostPort() + "\" to " + tmp.resolve("remote-tokens.json"));
        }
        assertThat(server.seen()).as("not retried").hasSize(1);
    }

    @Test
    void aRefusedTokenIsNamedByWhereItCameFromNeverByItself() throws IOException {
        server.answer(error(401, "unauthorized", "bad token"));
        env.put("CAIRN_REMOTE_TOKEN", TOKEN);
        try (BlobStore s = open(server.url())) {
            assertThatThrownBy(() -> s.put("tables/x", BlobSource.ofBytes(new byte[3])))
                    .isInstanceOf(RemoteException.class)
                    .hasMessage(server.url() + ": the server refused the token from CAIRN_REMOTE_TOKEN (401); set "
                            + "CAIRN_REMOTE_TOKEN to a token it accepts")
                    .satisfies(e -> oneLineNaming(e, server.url()));
        }
        env.remove("CAIRN_REMOTE_TOKEN");
        Files.writeString(tmp.resolve("remote-tokens.json"), "{\"" + server.hostPort() + "\": \"" + TOKEN + "\"}");
        try (BlobStore s = open(server.url())) {
            assertThatThrownBy(s::getManifest).isInstanceOf(RemoteException.class)
                    .hasMessageContaining("refused the token from " + tmp.resolve("remote-tokens.json") + " (401)")
                    .satisfies(e -> oneLineNaming(e, server.url()));
        }
        assertThat(server.seen().get(1).header("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void aReadOnlyRemoteSaysSo() throws IOException {
        server.answer(error(403, "read_only", "this server is read-only"));
        try (BlobStore s = open(server.url())) {
            assertThatThrownBy(() -> s.putManifest(null, new byte[] {1}))
                    .isInstanceOf(RemoteException.class)
                    .hasMessage(server.url() + ": the remote is read-only; replacing the manifest was refused (403)");
            assertThatThrownBy(() -> s.delete("tables/x")).isInstanceOf(RemoteException.class)
                    .hasMessageContaining("the remote is read-only");
        }
        assertThat(server.seen()).hasSize(2);
    }

    @Test
    void serverErrorsAndThrottlingAreRetriedThenReportedInOneLine() throws IOException {
        server.answer(error(500, "internal", "disk on fire"));
        try (BlobStore s = open(server.url())) {
            assertThatThrownBy(() -> s.get("tables/x", ByteRange.ALL)).isInstanceOf(IOException.class)
                    .hasMessageContaining("failed 3 times")
                    .hasMessageContaining("reading 'tables/x' failed (HTTP 500 internal): disk on fire")
                    .satisfies(e -> oneLineNaming(e, server.url()));
        }
        assertThat(server.seen()).hasSize(3);
        server.answer(error(429, "busy", "slow down"));
        try (BlobStore s = bare(server.url())) {
            assertThatThrownBy(() -> s.list("")).isInstanceOfSatisfying(TransientBlobException.class,
                    e -> assertThat(e.mayHaveTakenEffect()).isFalse());
        }
    }

    @Test
    void aManifestSwapWhoseAnswerWasLostMayHaveHappenedButOneRefusedWhileShuttingDownDidNot() throws IOException {
        server.answer(error(500, "internal", "?"));
        try (BlobStore s = bare(server.url())) {
            assertThatThrownBy(() -> s.putManifest("v1", new byte[] {1})).isInstanceOfSatisfying(
                    TransientBlobException.class, e -> assertThat(e.mayHaveTakenEffect()).isTrue());
        }
        server.answer(error(503, "unavailable", "shutting down"));
        try (BlobStore s = bare(server.url())) {
            assertThatThrownBy(() -> s.putManifest("v1", new byte[] {1})).isInstanceOfSatisfying(
                    TransientBlobException.class, e -> assertThat(e.mayHaveTakenEffect()).isFalse());
        }
        server.answer(ex -> {
            throw new IOException("the answer is lost"); // the JDK server drops the connection
        });
        int before = server.seen().size();
        try (BlobStore s = bare(server.url())) {
            assertThatThrownBy(() -> s.putManifest("v1", new byte[] {1})).isInstanceOfSatisfying(
                    TransientBlobException.class, e -> assertThat(e.mayHaveTakenEffect()).isTrue());
        }
        assertThat(server.seen()).as("sent once, not repeated by okhttp").hasSize(before + 1);
    }

    @Test
    void aBodyCutShortIsTransient() throws IOException {
        server.answer(ex -> {
            ex.sendResponseHeaders(206, 100);
            OutputStream out = ex.getResponseBody();
            out.write(new byte[10]);
            out.flush();
            throw new IOException("cut"); // the JDK server then closes the connection
        });
        try (BlobStore s = bare(server.url())) {
            assertThatThrownBy(() -> s.get("tables/x", ByteRange.of(0, 100)))
                    .isInstanceOfSatisfying(TransientBlobException.class,
                            e -> assertThat(e.getMessage()).startsWith("connection to " + server.url() + " lost reading"));
        }
        server.answer(ex -> {
            ex.getResponseHeaders().set("Content-Range", "bytes 0-99/1000");
            ex.sendResponseHeaders(206, 10);
            ex.getResponseBody().write(new byte[10]);
        });
        try (BlobStore s = bare(server.url())) {
            assertThatThrownBy(() -> s.get("tables/x", ByteRange.of(0, 100)))
                    .isInstanceOf(TransientBlobException.class).hasMessageContaining("got 10 of 100 bytes");
        }
    }

    @Test
    void anErrorAnswerCutShortIsTransientNotAServerThatIsNotCairns() throws IOException {
        // A 404 whose body (and with it the Cairn error code) breaks off, as through a proxy that gave up.
        CannedServer.Answer cut404 = ex -> {
            ex.sendResponseHeaders(404, 100);
            OutputStream out = ex.getResponseBody();
            out.write("{\"error\": \"no_su".getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw new IOException("cut"); // the JDK server then closes the connection
        };
        server.answer(cut404);
        try (BlobStore s = bare(server.url())) {
            assertThatThrownBy(s::getManifest).isInstanceOfSatisfying(TransientBlobException.class,
                    e -> assertThat(e.getMessage()).startsWith("connection to " + server.url()
                            + " lost reading the manifest"));
            assertThatThrownBy(() -> s.get("tables/x", ByteRange.ALL)).isInstanceOf(TransientBlobException.class);
            assertThatThrownBy(() -> s.delete("tables/x")).isInstanceOf(TransientBlobException.class);
            assertThatThrownBy(() -> s.putManifest("v1", new byte[] {1})).isInstanceOf(TransientBlobException.class);
        }
        // Behind the retry decorator the next, whole answer decides.
        AtomicInteger asked = new AtomicInteger();
        server.answer(ex -> {
            if (asked.getAndIncrement() == 0) {
                cut404.answer(ex);
            } else {
                error(404, "no_such_repository", "no repository org/db").answer(ex);
            }
        });
        try (BlobStore s = open(server.url())) {
            assertThat(s.getManifest()).isNull();
        }
        assertThat(asked).hasValue(2);
    }

    @Test
    void deletingALiveTableFileIsRefusedAndNotRetried() throws IOException {
        server.answer(error(409, "live_blob", "the manifest names it"));
        try (BlobStore s = open(server.url())) {
            assertThatThrownBy(() -> s.delete("0123456789abcdefghijklmnopqrstuv"))
                    .isNotInstanceOf(TransientBlobException.class)
                    .hasMessage(server.url() + ": cannot delete '0123456789abcdefghijklmnopqrstuv': the current "
                            + "manifest names it (409 live_blob)");
        }
        assertThat(server.seen()).hasSize(1);
    }

    @Test
    void aMissingRepositoryReadsAsEmpty() throws IOException {
        server.answer(ex -> {
            if (ex.getRequestURI().getPath().endsWith("/blobs")) {
                CannedServer.json(ex, 200, "{\"blobs\": []}");
            } else {
                error(404, "no_such_repository", "no repository org/db").answer(ex);
            }
        });
        try (BlobStore s = open(server.url())) {
            assertThat(s.getManifest()).isNull();
            assertThat(s.size("tables/x")).isEqualTo(-1);
            assertThat(s.list("")).isEmpty();
            assertThatThrownBy(() -> s.get("tables/x", ByteRange.ALL)).isInstanceOf(NoSuchBlobException.class);
            assertThat(s.putManifest("v1", new byte[] {1})).isFalse();
            s.delete("tables/x");
        }
        HttpRemoteScheme scheme = new HttpRemoteScheme(Duration.ofSeconds(2), Duration.ofSeconds(2), env::get);
        assertThat(scheme.openExisting(RemoteUrl.parse(server.url(), null), Map.of())).isNull();
    }

    @Test
    void somethingThatIsNotACairnServerIsNamedAsSuch() throws IOException {
        server.answer(ex -> {
            byte[] page = "<html>Not Found</html>".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(404, page.length);
            ex.getResponseBody().write(page);
        });
        try (BlobStore s = open(server.url())) {
            assertThatThrownBy(s::getManifest).isInstanceOf(RemoteException.class)
                    .hasMessage(server.url() + ": the server answered 404 reading the manifest without a Cairn "
                            + "error; is this the URL of a Cairn remote server (http://host:port/org/repo)?");
        }
        server.answer(ex -> {
            ex.getResponseHeaders().set("Location", "https://elsewhere.example/org/db/v1/manifest");
            ex.sendResponseHeaders(301, -1);
        });
        try (BlobStore s = open(server.url())) {
            assertThatThrownBy(s::getManifest).isInstanceOf(RemoteException.class)
                    .hasMessageContaining("redirects (301) to https://elsewhere.example/");
        }
        server.answer(error(400, "unsupported_protocol", "this server speaks protocol 2"));
        try (BlobStore s = open(server.url())) {
            assertThatThrownBy(() -> s.list("")).isInstanceOf(RemoteException.class)
                    .hasMessage(server.url() + ": the server does not speak Cairn remote protocol 1: this server "
                            + "speaks protocol 2");
        }
    }

    @Test
    void aRefusedConnectionIsRetriedThenReportedNamingTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        String url = "http://127.0.0.1:" + port + "/org/db";
        try (BlobStore s = bare(url)) {
            assertThatThrownBy(s::getManifest).isInstanceOfSatisfying(TransientBlobException.class,
                    e -> assertThat(e.mayHaveTakenEffect()).isFalse())
                    .hasMessage("cannot reach " + url + ": connection refused by 127.0.0.1:" + port);
        }
        try (BlobStore s = open(url)) {
            assertThatThrownBy(s::getManifest).isInstanceOf(IOException.class)
                    .satisfies(e -> oneLineNaming(e, url));
        }
    }

    @Test
    void anUnknownHostIsOneLineAndNotRetried() throws IOException {
        String url = "http://no-such-host.invalid:8080/org/db";
        try (BlobStore s = open(url)) {
            assertThatThrownBy(s::getManifest).isNotInstanceOf(TransientBlobException.class)
                    .hasMessage("cannot reach " + url + ": unknown host no-such-host.invalid");
        }
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsTransient() throws IOException {
        server.answer(ex -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
        });
        HttpRemoteScheme scheme = new HttpRemoteScheme(Duration.ofSeconds(2), Duration.ofMillis(300), env::get);
        try (BlobStore s = scheme.open(RemoteUrl.parse(server.url(), null), Map.of())) {
            assertThatThrownBy(s::getManifest).isInstanceOfSatisfying(TransientBlobException.class,
                    e -> assertThat(e.mayHaveTakenEffect()).isTrue())
                    .hasMessageStartingWith("no answer from " + server.url() + " reading the manifest within the time");
        }
    }
}
