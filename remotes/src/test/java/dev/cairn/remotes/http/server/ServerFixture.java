package dev.cairn.remotes.http.server;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.tablefile.Manifest;
import dev.cairn.chunkstore.tablefile.ManifestCodec;
import dev.cairn.chunkstore.tablefile.TableFileSummary;
import dev.cairn.chunkstore.tablefile.TableFileWriter;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A started server over a temporary directory, and the raw HTTP the tests speak to it. */
final class ServerFixture implements AutoCloseable {
    final Path dir;
    final RemoteServer server;
    final HttpClient http;
    final List<String> accessLog = new CopyOnWriteArrayList<>();

    ServerFixture(Path dir, RemoteServerConfig.Builder config) throws IOException {
        this(dir, config, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    ServerFixture(Path dir, RemoteServerConfig.Builder config, HttpClient http) throws IOException {
        this.dir = dir;
        this.server = RemoteServer.start(config.host("127.0.0.1").port(0).accessLog(this::logged).build());
        this.http = http;
    }

    private void logged(String line) {
        synchronized (accessLog) {
            accessLog.add(line);
            accessLog.notifyAll();
        }
    }

    /**
     * The first access-log line containing {@code fragment}, waiting up to 10 s for it: the
     * server logs a request once its answer has gone out (so that the line has the status,
     * bytes and duration), which may be just after the client has read the answer.
     *
     * @return the line, or null if none came
     */
    String awaitLogLine(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (accessLog) {
            while (true) {
                for (String line : accessLog) {
                    if (line.contains(fragment)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(accessLog, left);
            }
        }
    }

    static ServerFixture start(Path dir) throws IOException {
        return new ServerFixture(dir, RemoteServerConfig.builder(dir));
    }

    URI uri(String path) {
        return URI.create(server.baseUri() + path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Cairn-Protocol", "1").timeout(Duration.ofSeconds(30));
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A blob upload with a correct Content-Digest. */
    HttpResponse<String> putBlob(String path, byte[] body) throws IOException, InterruptedException {
        return putBlob(path, body, digestOf(body));
    }

    HttpResponse<String> putBlob(String path, byte[] body, String digest) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Digest", digest)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String digestOf(byte[] body) {
        try {
            return "sha-256=:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body))
                    + ":";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a raw HTTP/1.1 request line and headers over a socket, for paths no URI class
     * would pass through untouched; returns the status.
     */
    int rawStatus(String method, String rawPath, String... headers) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            StringBuilder req = new StringBuilder(method + " " + rawPath + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Cairn-Protocol: 1\r\nConnection: close\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            req.append("\r\n");
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    /** A real table file of {@code n} small chunks, written where tests can read it. */
    static TableFile tableFile(Path scratch, int n, long seed) throws IOException {
        Path file = Files.createTempFile(scratch, "table", ".tf");
        List<Hash> hashes = new ArrayList<>();
        TableFileSummary summary;
        try (TableFileWriter w = new TableFileWriter(file)) {
            for (int i = 0; i < n; i++) {
                Chunk c = Chunk.leaf(("chunk " + seed + " " + i).getBytes(StandardCharsets.UTF_8));
                hashes.add(c.hash());
                w.add(c);
            }
            summary = w.finish();
        }
        return new TableFile(summary, Files.readAllBytes(file), hashes);
    }

    record TableFile(TableFileSummary summary, byte[] bytes, List<Hash> hashes) {
        String name() {
            return summary.name();
        }
    }

    static byte[] manifestNaming(TableFileSummary... tables) {
        return ManifestCodec.encode(Manifest.next(Hash.EMPTY, List.of(tables)));
    }

    @Override
    public void close() {
        server.close();
    }
}
