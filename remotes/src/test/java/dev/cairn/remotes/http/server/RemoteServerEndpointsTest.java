package dev.cairn.remotes.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.blob.VersionedBytes;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint's happy path, and the protocol's rules for CAS, ranges and uploads. */
class RemoteServerEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String R = "/org/repo/v1";

    @TempDir
    Path tmp;
    private Path dir;
    private ServerFixture s;

    @BeforeEach
    void start() throws Exception {
        dir = tmp.resolve("srv");
        s = ServerFixture.start(dir);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void pingNamesTheProtocolVersions() throws Exception {
        HttpResponse<String> r = s.http.send(HttpRequest.newBuilder(s.uri("/v1/ping")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("protocol").get(0).asInt()).isEqualTo(1);
        assertThat(json(r).get("server").asText()).startsWith("cairn ");
    }

    @Test
    void infoTellsWhetherTheRepositoryExistsAndTheLimits() throws Exception {
        JsonNode info = json(s.get(R + "/info"));
        assertThat(info.get("exists").asBoolean()).isFalse();
        assertThat(info.get("readOnly").asBoolean()).isFalse();
        assertThat(info.get("maxBlobBytes").asLong()).isEqualTo(4L << 30);
        assertThat(info.get("maxManifestBytes").asLong()).isEqualTo(1L << 20);
        assertThat(dir.resolve("org")).doesNotExist();

        s.putBlob(R + "/blobs/x", new byte[] {1});
        assertThat(json(s.get(R + "/info")).get("exists").asBoolean()).isTrue();
    }

    @Test
    void readsOfAnUnknownRepositoryCreateNothing() throws Exception {
        assertThat(s.get(R + "/manifest").statusCode()).isEqualTo(404);
        assertThat(json(s.get(R + "/manifest")).get("error").asText()).isEqualTo("no_such_repository");
        assertThat(json(s.get(R + "/blobs")).get("blobs")).isEmpty();
        assertThat(s.get(R + "/blobs/x").statusCode()).isEqualTo(404);
        assertThat(s.send(s.request(R + "/blobs/x").DELETE()).statusCode()).isEqualTo(204);
        assertThat(dir.resolve("org")).doesNotExist();
    }

    @Test
    void manifestIsCreatedThenReplacedByCompareAndSwap() throws Exception {
        HttpResponse<byte[]> created = s.send(s.request(R + "/manifest").header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString("m1")));
        assertThat(created.statusCode()).isEqualTo(200);
        String v1 = created.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> read = s.get(R + "/manifest");
        assertThat(read.body()).isEqualTo("m1");
        assertThat(read.headers().firstValue("ETag")).contains(v1);
        assertThat(s.send(s.request(R + "/manifest").method("HEAD", HttpRequest.BodyPublishers.noBody())).headers().firstValue("ETag")).contains(v1);

        HttpResponse<byte[]> again = s.send(s.request(R + "/manifest").header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString("m-other")));
        assertThat(again.statusCode()).isEqualTo(412);

        HttpResponse<byte[]> replaced = s.send(s.request(R + "/manifest").header("If-Match", v1)
                .PUT(HttpRequest.BodyPublishers.ofString("m2")));
        assertThat(replaced.statusCode()).isEqualTo(200);
        String v2 = replaced.headers().firstValue("ETag").orElseThrow();
        assertThat(s.send(s.request(R + "/manifest").header("If-Match", v1)
                .PUT(HttpRequest.BodyPublishers.ofString("m3"))).statusCode()).isEqualTo(412);
        assertThat(s.get(R + "/manifest").body()).isEqualTo("m2");

        // The same data as a file:// remote over the same directory.
        try (DirectoryBlobStore local = new DirectoryBlobStore(dir.resolve("org/repo"))) {
            VersionedBytes m = local.getManifest();
            assertThat(new String(m.bytes(), StandardCharsets.UTF_8)).isEqualTo("m2");
            assertThat("\"" + m.version() + "\"").isEqualTo(v2);
        }
    }

    @Test
    void manifestPutWithoutAPreconditionIsRefused() throws Exception {
        HttpResponse<byte[]> r = s.send(s.request(R + "/manifest").PUT(HttpRequest.BodyPublishers.ofString("m")));
        assertThat(r.statusCode()).isEqualTo(428);
        assertThat(dir.resolve("org/repo/manifest")).doesNotExist();
    }

    @Test
    void ofConcurrentPutsWithTheSameIfMatchExactlyOneWins() throws Exception {
        String v1 = s.send(s.request(R + "/manifest").header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString("base"))).headers().firstValue("ETag").orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String body = "next " + i;
                Callable<Integer> put = () -> s.send(s.request(R + "/manifest").header("If-Match", v1)
                        .PUT(HttpRequest.BodyPublishers.ofString(body))).statusCode();
                results.add(pool.submit(put));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(c -> c == 200).hasSize(1);
            assertThat(statuses).filteredOn(c -> c == 412).hasSize(15);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oversizedManifestIsRefused() throws Exception {
        HttpResponse<byte[]> r = s.send(s.request(R + "/manifest").header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[(1 << 20) + 1])));
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void blobsAreListedHeadedAndDownloadedWholeOrRanged() throws Exception {
        byte[] body = "0123456789".getBytes(StandardCharsets.UTF_8);
        assertThat(s.putBlob(R + "/blobs/a/b", body).statusCode()).isEqualTo(201);
        assertThat(s.putBlob(R + "/blobs/c", new byte[3]).statusCode()).isEqualTo(201);

        JsonNode all = json(s.get(R + "/blobs")).get("blobs");
        assertThat(all.size()).isEqualTo(2);
        assertThat(all.get(0).get("key").asText()).isEqualTo("a/b");
        assertThat(all.get(0).get("size").asLong()).isEqualTo(10);
        assertThat(json(s.get(R + "/blobs?prefix=c")).get("blobs").size()).isEqualTo(1);
        assertThat(json(s.get(R + "/blobs?prefix=a/")).get("blobs").get(0).get("key").asText()).isEqualTo("a/b");

        HttpResponse<byte[]> head = s.send(s.request(R + "/blobs/a/b").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(10);
        assertThat(s.send(s.request(R + "/blobs/a").method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(404);

        assertThat(s.get(R + "/blobs/a/b").body()).isEqualTo("0123456789");
        HttpResponse<String> mid = s.http.send(s.request(R + "/blobs/a/b").header("Range", "bytes=2-4").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(mid.statusCode()).isEqualTo(206);
        assertThat(mid.body()).isEqualTo("234");
        assertThat(mid.headers().firstValue("Content-Range")).contains("bytes 2-4/10");
        HttpResponse<String> past = s.http.send(s.request(R + "/blobs/a/b").header("Range", "bytes=8-100").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(past.statusCode()).isEqualTo(206);
        assertThat(past.body()).isEqualTo("89");
        assertThat(past.headers().firstValue("Content-Range")).contains("bytes 8-9/10");
        HttpResponse<String> beyond = s.http.send(s.request(R + "/blobs/a/b").header("Range", "bytes=10-12").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).contains("bytes */10");
        assertThat(json(beyond).get("error").asText()).isEqualTo("range_not_satisfiable");
    }

    @Test
    void blobsAreWriteOnce() throws Exception {
        assertThat(s.putBlob(R + "/blobs/k", "first".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        HttpResponse<String> second = s.putBlob(R + "/blobs/k", "second".getBytes(StandardCharsets.UTF_8));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second).get("existed").asBoolean()).isTrue();
        assertThat(s.get(R + "/blobs/k").body()).isEqualTo("first");
    }

    @Test
    void ofConcurrentUploadsOfOneKeyExactlyOneCreatesIt() throws Exception {
        ServerFixture.TableFile t = ServerFixture.tableFile(tmp, 200, 3);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> s.putBlob(R + "/blobs/" + t.name(), t.bytes()).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(c -> c == 201).hasSize(1);
            assertThat(statuses).filteredOn(c -> c == 200).hasSize(7);
        } finally {
            pool.shutdownNow();
        }
        assertThat(dir.resolve("org/repo/" + t.name())).hasBinaryContent(t.bytes());
        assertThat(filesUnder(dir.resolve("org/repo"))).containsExactly(t.name());
    }

    @Test
    void anExistingBlobIsAnsweredBeforeAnExpectContinueBodyIsSent() throws Exception {
        s.putBlob(R + "/blobs/k", "first".getBytes(StandardCharsets.UTF_8));
        // Headers only: the answer must come without the server waiting for the body.
        assertThat(s.rawStatus("PUT", R + "/blobs/k", "Content-Length: 1000000", "Expect: 100-continue",
                "Content-Digest: " + ServerFixture.digestOf(new byte[1]))).isEqualTo(200);
        assertThat(s.get(R + "/blobs/k").body()).isEqualTo("first");
    }

    @Test
    void aMismatchedDigestOrLengthLeavesNoFile() throws Exception {
        byte[] body = "payload".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = s.putBlob(R + "/blobs/k", body, ServerFixture.digestOf("other".getBytes()));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json(r).get("error").asText()).isEqualTo("digest_mismatch");
        assertThat(s.get(R + "/blobs/k").statusCode()).isEqualTo(404);
        assertThat(filesUnder(dir.resolve("org/repo"))).isEmpty();
        // The refused first write did not create the repository either.
        assertThat(dir.resolve("org/repo")).doesNotExist();
        assertThat(json(s.get(R + "/info")).get("exists").asBoolean()).isFalse();
    }

    @Test
    void tableFilesAreCheckedAgainstTheirNames() throws Exception {
        ServerFixture.TableFile t = ServerFixture.tableFile(tmp, 5, 1);
        assertThat(s.putBlob(R + "/blobs/" + t.name(), t.bytes()).statusCode()).isEqualTo(201);

        // Not a table file at all, under a table-file name.
        String other = Hash.of("x".getBytes()).toString();
        HttpResponse<String> junk = s.putBlob(R + "/blobs/" + other, "not a table file".getBytes());
        assertThat(junk.statusCode()).isEqualTo(422);
        assertThat(json(junk).get("error").asText()).isEqualTo("bad_table_file");
        // A whole, intact table file under another file's name.
        ServerFixture.TableFile u = ServerFixture.tableFile(tmp, 3, 2);
        HttpResponse<String> renamed = s.putBlob(R + "/blobs/" + other, u.bytes());
        assertThat(renamed.statusCode()).isEqualTo(422);
        // A damaged record.
        byte[] damaged = u.bytes().clone();
        damaged[2] ^= 1;
        assertThat(s.putBlob(R + "/blobs/" + u.name(), damaged).statusCode()).isEqualTo(422);

        assertThat(filesUnder(dir.resolve("org/repo"))).containsExactly(t.name());
    }

    @Test
    void hasChunksAnswersForTheLiveTableFilesOnly() throws Exception {
        ServerFixture.TableFile live = ServerFixture.tableFile(tmp, 10, 1);
        ServerFixture.TableFile dead = ServerFixture.tableFile(tmp, 4, 2);
        s.putBlob(R + "/blobs/" + live.name(), live.bytes());
        s.putBlob(R + "/blobs/" + dead.name(), dead.bytes());
        List<String> asked = new ArrayList<>();
        asked.add(live.hashes().get(0).toString());
        asked.add(dead.hashes().get(0).toString());
        for (int i = 1; i < 10; i++) {
            asked.add(live.hashes().get(i).toString());
        }
        String body = JSON.writeValueAsString(Map.of("hashes", asked));
        HttpResponse<String> none = s.http.send(s.request(R + "/has-chunks")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(Base64.getDecoder().decode(json(none).get("present").asText())).containsExactly(0, 0);

        s.send(s.request(R + "/manifest").header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(ServerFixture.manifestNaming(live.summary()))));
        HttpResponse<String> r = s.http.send(s.request(R + "/has-chunks")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        byte[] bits = Base64.getDecoder().decode(json(r).get("present").asText());
        // Bit i is hashes[i], least significant first: all but bit 1 (the dead file's chunk).
        assertThat(bits).containsExactly((byte) 0b1111_1101, (byte) 0b0000_0111);
    }

    @Test
    void malformedRequestsAreRefusedInJson() throws Exception {
        assertThat(s.get(R + "/blobs?prefix=..").statusCode()).isEqualTo(400);
        HttpResponse<String> notJson = s.http.send(s.request(R + "/has-chunks")
                .POST(HttpRequest.BodyPublishers.ofString("{")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("error").asText()).isEqualTo("bad_request");
        HttpResponse<String> notHash = s.http.send(s.request(R + "/has-chunks")
                .POST(HttpRequest.BodyPublishers.ofString("{\"hashes\":[\"xyz\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notHash.statusCode()).isEqualTo(400);
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= RemoteHandler.MAX_HASHES; i++) {
            tooMany.add(Hash.EMPTY.toString());
        }
        HttpResponse<String> big = s.http.send(s.request(R + "/has-chunks")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("hashes", tooMany))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(big.statusCode()).isEqualTo(413);
        HttpResponse<String> badRange = s.http.send(s.request(R + "/blobs/x").header("Range", "bytes=1-2,4-5")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badRange.statusCode()).isEqualTo(404);
        assertThat(s.get(R + "/nowhere").statusCode()).isEqualTo(400);
    }

    @Test
    void deletingALiveTableFileIsRefused() throws Exception {
        ServerFixture.TableFile live = ServerFixture.tableFile(tmp, 2, 1);
        ServerFixture.TableFile dead = ServerFixture.tableFile(tmp, 2, 2);
        s.putBlob(R + "/blobs/" + live.name(), live.bytes());
        s.putBlob(R + "/blobs/" + dead.name(), dead.bytes());
        s.send(s.request(R + "/manifest").header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(ServerFixture.manifestNaming(live.summary()))));

        HttpResponse<byte[]> refused = s.send(s.request(R + "/blobs/" + live.name()).DELETE());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(s.send(s.request(R + "/blobs/" + dead.name()).DELETE()).statusCode()).isEqualTo(204);
        assertThat(filesUnder(dir.resolve("org/repo"))).containsExactlyInAnyOrder(live.name(), "manifest", "LOCK");
    }

    @Test
    void anotherProtocolVersionIsRefused() throws Exception {
        HttpResponse<String> r = s.http.send(s.request(R + "/info").setHeader("Cairn-Protocol", "2").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo("unsupported_protocol");
    }

    @Test
    void everyRequestIsLogged() throws Exception {
        s.get(R + "/info");
        assertThat(s.awaitLogLine("GET /org/repo/v1/info 200")).as("access log: %s", s.accessLog).isNotNull();
    }

    static List<String> filesUnder(Path root) throws Exception {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
