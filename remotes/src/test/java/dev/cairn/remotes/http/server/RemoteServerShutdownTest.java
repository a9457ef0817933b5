package dev.cairn.remotes.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the server: what is in flight finishes, and the port is refused afterwards; and
 * what an upload cut off by its client leaves (nothing).
 */
class RemoteServerShutdownTest {
    @TempDir
    Path tmp;

    @Test
    void closeLetsAnUploadInFlightFinish() throws Exception {
        byte[] body = new byte[4 << 20];
        Arrays.fill(body, (byte) 'c');
        ServerFixture s = ServerFixture.start(tmp);
        try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /org/repo/v1/blobs/big HTTP/1.1\r\nHost: localhost\r\nCairn-Protocol: 1\r\n"
                    + "Content-Length: " + body.length + "\r\nContent-Digest: " + ServerFixture.digestOf(body)
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, 0, body.length / 2);
            out.flush();
            awaitStagingFile(tmp.resolve("org/repo"));

            Thread closer = new Thread(s::close);
            closer.start();
            Thread.sleep(300);
            assertThat(closer.isAlive()).as("close waits for the upload").isTrue();
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            assertThat(status).isEqualTo("HTTP/1.1 201");
            closer.join(30_000);
            assertThat(closer.isAlive()).isFalse();
        }
        assertThat(RemoteServerEndpointsTest.filesUnder(tmp.resolve("org/repo"))).containsExactly("big");
        assertThatThrownBy(() -> s.get("/v1/ping")).isInstanceOf(IOException.class);
    }

    @Test
    void aRequestThatArrivesWhileClosingIsAnsweredUnavailable() throws Exception {
        byte[] body = new byte[1 << 20];
        ServerFixture s = ServerFixture.start(tmp);
        try (Socket upload = new Socket("127.0.0.1", s.server.port());
                Socket late = new Socket("127.0.0.1", s.server.port())) {
            OutputStream out = upload.getOutputStream();
            out.write(("PUT /org/repo/v1/blobs/big HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length
                    + "\r\nContent-Digest: " + ServerFixture.digestOf(body) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, 0, 1000);
            out.flush();
            awaitStagingFile(tmp.resolve("org/repo"));
            Thread closer = new Thread(s::close);
            closer.start();
            Thread.sleep(300);
            late.getOutputStream().write("GET /org/repo/v1/info HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(late.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 503").contains("\"error\":\"unavailable\"");
            out.write(body, 1000, body.length - 1000);
            out.flush();
            assertThat(new String(upload.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1))
                    .isEqualTo("HTTP/1.1 201");
            closer.join(30_000);
        }
    }

    @Test
    void anUploadTheClientCutsOffLeavesNothingBehindWhileTheServerRuns() throws Exception {
        try (ServerFixture s = ServerFixture.start(tmp)) {
            Files.createDirectories(tmp.resolve("org/repo")); // an existing repository, so it stays to look into
            ServerFixture.TableFile table = ServerFixture.tableFile(Files.createDirectories(tmp.resolve("scratch")),
                    20_000, 1);
            byte[] body = table.bytes();
            try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("PUT /org/repo/v1/blobs/" + table.name() + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Cairn-Protocol: 1\r\nContent-Length: " + body.length + "\r\nContent-Digest: "
                        + ServerFixture.digestOf(body) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, 0, body.length / 2);
                out.flush();
                awaitStagingFile(tmp.resolve("org/repo"));
                socket.setSoLinger(true, 0); // close with a reset, as a dropped connection does
            }
            // The line is written once the request is over, after the upload has cleaned up.
            assertThat(s.awaitLogLine("PUT /org/repo/v1/blobs/" + table.name())).isNotNull();
            assertThat(RemoteServerEndpointsTest.filesUnder(tmp.resolve("org/repo"))).isEmpty();
            assertThat(s.get("/org/repo/v1/blobs/" + table.name()).statusCode()).isEqualTo(404);
        }
    }

    /** Waits until the server is writing the upload's first bytes, so that it is surely in flight. */
    private static void awaitStagingFile(Path repo) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(repo)) {
                try (var files = Files.list(repo)) {
                    if (files.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-") && size(p) > 0)) {
                        return;
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the upload never reached the server");
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void aPortInUseIsReportedInOneLine() throws Exception {
        try (ServerFixture s = ServerFixture.start(tmp)) {
            assertThatThrownBy(() -> RemoteServer.start(RemoteServerConfig.builder(tmp).host("127.0.0.1")
                    .port(s.server.port()).build()))
                    .isInstanceOf(IOException.class).hasMessageContaining("cannot serve on 127.0.0.1:" + s.server.port());
        }
    }
}
