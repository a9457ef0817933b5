package dev.cairn.remotes.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the server refuses: paths out of its directory, requests without the token, writes when read-only, big bodies. */
class RemoteServerSecurityTest {
    private static final String R = "/org/repo/v1";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {
        "/org/repo/v1/blobs/../../../escaped",
        "/org/repo/v1/blobs/a/../../escaped",
        "/org/repo/v1/blobs/%2e%2e/%2e%2e/escaped",
        "/org/repo/v1/blobs/%2E%2E%2Fescaped",
        "/org/repo/v1/blobs/a%2Fb",
        "/org/repo/v1/blobs/..%5Cescaped",
        "/org/repo/v1/blobs/a\\..\\escaped",
        "/org/repo/v1/blobs/.hidden",
        "/org/repo/v1/blobs/a/.tmp-x",
        "/org/repo/v1/blobs//etc/passwd",
        "/org/repo/v1/blobs/%2Fetc%2Fpasswd",
        "/org/repo/v1/blobs/C:%5Cescaped",
        "/org/repo/v1/blobs/manifest",
        "/org/repo/v1/blobs/LOCK",
        "/org/repo/v1/blobs/a/",
        "/../repo/v1/blobs/escaped",
        "/org/../v1/blobs/escaped",
        "/%2e%2e/repo/v1/blobs/escaped",
        "/.org/repo/v1/blobs/escaped",
        "/org/.git/v1/blobs/escaped",
        "/org%2Frepo/x/v1/blobs/escaped",
        "/org/repo/v1/blobs/%252e%252e",
        "/org/repo/v1/blobs/a;b",
    })
    void pathsOutOfTheDirectoryAreRefusedAndCreateNothing(String path) throws Exception {
        Path dir = tmp.resolve("srv");
        try (ServerFixture s = ServerFixture.start(dir)) {
            for (String method : List.of("PUT", "GET", "DELETE")) {
                int status = s.rawStatus(method, path, "Content-Length: 1",
                        "Content-Digest: " + ServerFixture.digestOf(new byte[] {'x'}));
                assertThat(status).as(method + " " + path).isEqualTo(400);
            }
        }
        assertThat(RemoteServerEndpointsTest.filesUnder(tmp)).isEmpty();
        try (var all = Files.walk(tmp)) {
            assertThat(all.filter(p -> !p.equals(tmp) && !p.equals(dir))).isEmpty();
        }
    }

    @Test
    void aBadPathIsAnsweredInJson() throws Exception {
        try (ServerFixture s = ServerFixture.start(tmp.resolve("srv"))) {
            HttpResponse<String> r = s.get(R + "/blobs/%2e%2e");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("\"error\":\"bad_path\"");
        }
    }

    @Test
    void withATokenEveryRequestButPingNeedsIt() throws Exception {
        try (ServerFixture s = new ServerFixture(tmp, RemoteServerConfig.builder(tmp).authToken("s3cret"))) {
            HttpResponse<String> none = s.get(R + "/info");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"cairn\"");
            assertThat(none.body()).contains("\"error\":\"unauthorized\"");
            assertThat(s.send(s.request(R + "/info").header("Authorization", "Bearer wrong")).statusCode())
                    .isEqualTo(401);
            assertThat(s.send(s.request(R + "/blobs/x").header("Authorization", "Bearer wrong")
                    .header("Content-Digest", ServerFixture.digestOf(new byte[1]))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1]))).statusCode()).isEqualTo(401);
            assertThat(s.get("/v1/ping").statusCode()).isEqualTo(200);
            assertThat(s.send(s.request(R + "/info").header("Authorization", "Bearer s3cret")).statusCode())
                    .isEqualTo(200);
            assertThat(s.send(s.request(R + "/info").header("Authorization", "bearer s3cret")).statusCode())
                    .isEqualTo(200);
            assertThat(s.send(s.request(R + "/info").header("Authorization", "Bearer s3cretX")).statusCode())
                    .isEqualTo(401);
            assertThat(s.send(s.request(R + "/info").header("Authorization", "Basic czNjcmV0")).statusCode())
                    .isEqualTo(401);
            assertThat(s.send(s.request(R + "/blobs/x").header("Authorization", "Bearer s3cret")
                    .header("Content-Digest", ServerFixture.digestOf(new byte[1]))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1]))).statusCode()).isEqualTo(201);
            // Lines are written once answers have gone out: wait for the last one, or this could pass on an empty log.
            assertThat(s.awaitLogLine("PUT /org/repo/v1/blobs/x 201")).isNotNull();
            assertThat(s.accessLog).noneMatch(line -> line.contains("s3cret"));
        }
    }

    @Test
    void publicReadLetsReadsThroughButNotWrites() throws Exception {
        try (ServerFixture s = new ServerFixture(tmp,
                RemoteServerConfig.builder(tmp).authToken("s3cret").publicRead(true))) {
            assertThat(s.get(R + "/info").statusCode()).isEqualTo(200);
            assertThat(s.get(R + "/blobs").statusCode()).isEqualTo(200);
            assertThat(s.send(s.request(R + "/has-chunks")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"hashes\":[]}"))).statusCode()).isEqualTo(200);
            assertThat(s.putBlob(R + "/blobs/x", new byte[1]).statusCode()).isEqualTo(401);
            assertThat(s.send(s.request(R + "/manifest").header("If-None-Match", "*")
                    .PUT(HttpRequest.BodyPublishers.ofString("m"))).statusCode()).isEqualTo(401);
            assertThat(s.send(s.request(R + "/blobs/x").DELETE()).statusCode()).isEqualTo(401);
        }
        assertThat(tmp.resolve("org")).doesNotExist();
    }

    @Test
    void aReadOnlyServerRefusesEveryWrite() throws Exception {
        try (ServerFixture s = new ServerFixture(tmp, RemoteServerConfig.builder(tmp).readOnly(true))) {
            HttpResponse<String> put = s.putBlob(R + "/blobs/x", new byte[1]);
            assertThat(put.statusCode()).isEqualTo(403);
            assertThat(put.body()).contains("\"error\":\"read_only\"");
            assertThat(s.send(s.request(R + "/manifest").header("If-None-Match", "*")
                    .PUT(HttpRequest.BodyPublishers.ofString("m"))).statusCode()).isEqualTo(403);
            assertThat(s.send(s.request(R + "/blobs/x").DELETE()).statusCode()).isEqualTo(403);
            assertThat(s.get(R + "/info").body()).contains("\"readOnly\":true");
        }
        assertThat(tmp.resolve("org")).doesNotExist();
    }

    @Test
    void anOversizedUploadIsRefusedBeforeItsBodyIsRead() throws Exception {
        Path dir = tmp.resolve("srv");
        try (ServerFixture s = new ServerFixture(dir, RemoteServerConfig.builder(dir).maxBlobBytes(1000))) {
            HttpResponse<String> r = s.putBlob(R + "/blobs/big", new byte[1001]);
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).contains("\"error\":\"too_large\"");
            // Only the headers are sent: the server must answer without waiting for a body.
            assertThat(s.rawStatus("PUT", R + "/blobs/big", "Content-Length: 1000000000",
                    "Content-Digest: " + ServerFixture.digestOf(new byte[0]))).isEqualTo(413);
            assertThat(s.putBlob(R + "/blobs/ok", new byte[1000]).statusCode()).isEqualTo(201);
        }
        assertThat(RemoteServerEndpointsTest.filesUnder(dir)).containsExactly("org/repo/ok".replace('/',
                java.io.File.separatorChar));
    }

    @Test
    void anUploadWithoutLengthOrDigestIsRefused() throws Exception {
        try (ServerFixture s = ServerFixture.start(tmp)) {
            assertThat(s.send(s.request(R + "/blobs/x").PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1])))
                    .statusCode()).isEqualTo(400);
            assertThat(s.rawStatus("PUT", R + "/blobs/x", "Transfer-Encoding: chunked",
                    "Content-Digest: " + ServerFixture.digestOf(new byte[0]))).isEqualTo(400);
        }
        assertThat(tmp.resolve("org")).doesNotExist();
    }

    @Test
    void aTokenFromTheConfigIsNeverEmpty() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RemoteServerConfig.builder(tmp).authToken(" "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat("x".getBytes(StandardCharsets.UTF_8)).hasSize(1);
    }
}
