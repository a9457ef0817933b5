package dev.cairn.remotes.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing the server: what is in flight finishes, and the port is refused afterwards. */
class RemoteServerShutdownTest {
    @TempDir
    Path tmp;

    @Test
    void closeLetsAnUploadInFlightFinish() throws Exception {
        byte[] body = new byte[4 << 20];
        Arrays.fill(body, (byte) 'c');
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ServerFixture s = ServerFixture.start(tmp);
        // A body that sends its first piece, then waits until close() has begun.
        HttpRequest.BodyPublisher slow = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    private int at;

                    @Override
                    public int read() {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (at == body.length) {
                            return -1;
                        }
                        if (at > 0) {
                            started.countDown();
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                throw new IOException(e);
                            }
                        }
                        int n = Math.min(Math.min(len, 1 << 16), body.length - at);
                        System.arraycopy(body, at, b, off, n);
                        at += n;
                        return n;
                    }
                }), body.length);
        CompletableFuture<HttpResponse<String>> upload = s.http.sendAsync(s.request("/org/repo/v1/blobs/big")
                .header("Content-Digest", ServerFixture.digestOf(body)).PUT(slow).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        awaitStagingFile(tmp.resolve("org/repo"));
        Thread closer = new Thread(s::close);
        closer.start();
        Thread.sleep(300);
        assertThat(closer.isAlive()).as("close waits for the upload").isTrue();
        release.countDown();
        assertThat(upload.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        closer.join(30_000);
        assertThat(closer.isAlive()).isFalse();
        assertThat(RemoteServerEndpointsTest.filesUnder(tmp.resolve("org/repo"))).containsExactly("big");
        assertThatThrownBy(() -> s.get("/v1/ping")).isInstanceOf(IOException.class);
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
