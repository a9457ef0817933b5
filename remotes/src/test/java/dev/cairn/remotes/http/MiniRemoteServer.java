package dev.cairn.remotes.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.BlobKeys;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.blob.VersionedBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The smallest server that follows PROTOCOL.md closely enough for the client's contract
 * tests, on the JDK's HTTP server with each repository a {@link DirectoryBlobStore}: a
 * stand-in written while the real server was being built. Leaves out what only the real
 * server must do (table-file validation, live-blob refusal, has-chunks, size limits).
 */
final class MiniRemoteServer implements AutoCloseable {
    private static final Pattern PATH = Pattern.compile(
            "/([A-Za-z0-9_-][A-Za-z0-9._-]{0,99})/([A-Za-z0-9_-][A-Za-z0-9._-]{0,99})/v1/(manifest|blobs|blobs/(.+))");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Path dir;
    private final String token;

    /** @param token the bearer token every request must carry, or null for none */
    MiniRemoteServer(Path dir, String token) throws IOException {
        this.dir = dir;
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "mini-remote-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", ex -> {
            try (ex) {
                handle(ex);
            } catch (IllegalArgumentException e) {
                error(ex, 400, "bad_path", "bad path");
            }
        });
        server.start();
    }

    String url(String org, String repo) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + org + "/" + repo;
    }

    private void handle(HttpExchange ex) throws IOException {
        if (!"1".equals(ex.getRequestHeaders().getFirst("Cairn-Protocol"))) {
            error(ex, 400, "unsupported_protocol", "this server speaks protocol 1");
            return;
        }
        if (token != null && !("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"cairn\"");
            error(ex, 401, "unauthorized", "a valid token is required");
            return;
        }
        Matcher m = PATH.matcher(ex.getRequestURI().getPath());
        if (!m.matches() || m.group(4) != null && !BlobKeys.isKey(m.group(4))) {
            error(ex, 400, "bad_path", "bad path");
            return;
        }
        Path repoDir = dir.resolve(m.group(1)).resolve(m.group(2));
        boolean exists = Files.isDirectory(repoDir);
        String method = ex.getRequestMethod();
        if (m.group(3).equals("manifest")) {
            manifest(ex, method, repoDir, exists);
        } else if (m.group(4) == null) {
            list(ex, repoDir, exists);
        } else {
            blob(ex, method, repoDir, exists, m.group(4));
        }
    }

    private void manifest(HttpExchange ex, String method, Path repoDir, boolean exists) throws IOException {
        if (method.equals("GET")) {
            VersionedBytes vb = exists ? new DirectoryBlobStore(repoDir).getManifest() : null;
            if (vb == null) {
                error(ex, 404, exists ? "no_such_blob" : "no_such_repository", "no manifest");
                return;
            }
            ex.getResponseHeaders().set("ETag", "\"" + vb.version() + "\"");
            ex.getResponseHeaders().set("Last-Modified",
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(vb.modified().atZone(ZoneOffset.UTC)));
            send(ex, 200, vb.bytes());
            return;
        }
        String ifMatch = ex.getRequestHeaders().getFirst("If-Match");
        String ifNoneMatch = ex.getRequestHeaders().getFirst("If-None-Match");
        if ((ifMatch == null) == (ifNoneMatch == null)) {
            error(ex, 428, "precondition_required", "If-Match or If-None-Match: * is required");
            return;
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        String expected = ifMatch == null ? null : ifMatch.replace("\"", "");
        DirectoryBlobStore store = new DirectoryBlobStore(repoDir);
        if (!store.putManifest(expected, body)) {
            error(ex, 412, "precondition_failed", "the manifest has another version");
            return;
        }
        ex.getResponseHeaders().set("ETag", "\"" + store.getManifest().version() + "\"");
        ex.sendResponseHeaders(200, -1);
    }

    private void list(HttpExchange ex, Path repoDir, boolean exists) throws IOException {
        String query = ex.getRequestURI().getQuery();
        String prefix = query != null && query.startsWith("prefix=") ? query.substring(7) : "";
        ObjectNode out = JSON.createObjectNode();
        ArrayNode blobs = out.putArray("blobs");
        if (exists) {
            for (BlobInfo i : new DirectoryBlobStore(repoDir).list(prefix)) {
                blobs.addObject().put("key", i.key()).put("size", i.size()).put("modified", i.modified().toString());
            }
        }
        send(ex, 200, JSON.writeValueAsBytes(out));
    }

    private void blob(HttpExchange ex, String method, Path repoDir, boolean exists, String key) throws IOException {
        DirectoryBlobStore store = exists || method.equals("PUT") ? new DirectoryBlobStore(repoDir) : null;
        long size = store == null ? -1 : store.size(key);
        switch (method) {
            case "HEAD":
                if (size < 0) {
                    ex.sendResponseHeaders(404, -1);
                } else {
                    ex.getResponseHeaders().set("Content-Length", Long.toString(size));
                    ex.sendResponseHeaders(200, -1);
                }
                return;
            case "GET": {
                if (size < 0) {
                    error(ex, 404, exists ? "no_such_blob" : "no_such_repository", "no blob " + key);
                    return;
                }
                String range = ex.getRequestHeaders().getFirst("Range");
                if (range == null) {
                    send(ex, 200, store.get(key, ByteRange.ALL));
                    return;
                }
                String[] ab = range.substring("bytes=".length()).split("-", -1);
                long a = Long.parseLong(ab[0]);
                long b = ab[1].isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(ab[1]));
                if (a >= size) {
                    ex.getResponseHeaders().set("Content-Range", "bytes */" + size);
                    error(ex, 416, "range_not_satisfiable", "past the end");
                    return;
                }
                ex.getResponseHeaders().set("Content-Range", "bytes " + a + "-" + b + "/" + size);
                send(ex, 206, store.get(key, ByteRange.of(a, b - a + 1)));
                return;
            }
            case "PUT": {
                if (size >= 0) {
                    send(ex, 200, "{\"existed\": true}".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                Path staged = Files.createTempFile(dir, "upload-", ".tmp");
                try {
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    long n = 0;
                    try (InputStream in = ex.getRequestBody(); OutputStream out = Files.newOutputStream(staged)) {
                        byte[] buf = new byte[64 << 10];
                        for (int r; (r = in.read(buf)) > 0; ) {
                            md.update(buf, 0, r);
                            out.write(buf, 0, r);
                            n += r;
                        }
                    }
                    String digest = "sha-256=:" + Base64.getEncoder().encodeToString(md.digest()) + ":";
                    String length = ex.getRequestHeaders().getFirst("Content-Length");
                    if (!digest.equals(ex.getRequestHeaders().getFirst("Content-Digest"))
                            || length == null || Long.parseLong(length) != n) {
                        error(ex, 422, "digest_mismatch", "the body does not match Content-Digest");
                        return;
                    }
                    store.put(key, BlobSource.ofFile(staged));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                } finally {
                    Files.deleteIfExists(staged);
                }
                send(ex, 201, "{\"existed\": false}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            case "DELETE":
                if (store != null) {
                    store.delete(key);
                }
                ex.sendResponseHeaders(204, -1);
                return;
            default:
                error(ex, 400, "bad_request", "method " + method);
        }
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ObjectNode e = JSON.createObjectNode().put("error", code).put("message", message);
        send(ex, status, JSON.writeValueAsBytes(e));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
