package dev.cairn.remotes.http.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.BlobKeys;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.blob.VersionedBytes;
import dev.cairn.chunkstore.tablefile.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Every endpoint of the protocol (see {@code PROTOCOL.md} beside this package), one blocking
 * request at a time per thread: a path checked before anything else, then auth, then the
 * repository's {@link DirectoryBlobStore}. Errors become the protocol's JSON in one place.
 */
final class RemoteHandler extends Handler.Abstract {
    static final String PROTOCOL_HEADER = "Cairn-Protocol";
    /** A has-chunks body of 65,536 hashes is about 2.3 MB of JSON. */
    static final int MAX_HASHES = 65_536;
    static final int MAX_JSON_BYTES = 4 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final String OCTETS = "application/octet-stream";
    /** Refused bodies up to this size are read and dropped before the refusal; see {@code refused}. */
    private static final long DRAIN_LIMIT = 16L << 20;

    private final RemoteServerConfig config;
    private final Path dir;
    private final byte[] token;
    private final String serverName;
    private final ConcurrentHashMap<String, Repository> repositories = new ConcurrentHashMap<>();

    RemoteHandler(RemoteServerConfig config, Path dir) {
        this.config = config;
        this.dir = dir;
        this.token = config.authToken() == null ? null : config.authToken().getBytes(StandardCharsets.UTF_8);
        String version = RemoteHandler.class.getPackage().getImplementationVersion();
        this.serverName = "cairn " + (version == null ? "dev" : version);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        // Read now: a request's fields are not to be touched once its callback has completed.
        String what = Request.getRemoteAddr(request) + " " + request.getMethod() + " "
                + request.getHttpURI().getPathQuery();
        Callback logged = Callback.from(() -> {
            log(what, response, start);
            callback.succeeded();
        }, failure -> {
            log(what, response, start);
            callback.failed(failure);
        });
        try {
            serve(request, response);
            logged.succeeded();
        } catch (HttpError e) {
            fail(response, logged, e);
        } catch (Throwable t) {
            // The message goes to a client: it names files relative to the served directory only.
            fail(response, logged, new HttpError(500, "internal", oneLine(t).replace(dir.toString(), "DIR")));
        }
        return true;
    }

    /** Answers with the protocol's JSON error, unless the answer has already begun. */
    static void fail(Response response, Callback callback, HttpError e) {
        if (response.isCommitted()) {
            callback.failed(e);
            return;
        }
        try {
            response.reset();
            if (e.status() == 401) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"cairn\"");
            }
            if (e instanceof RangeHeader.RangeNotSatisfiable r) {
                response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + r.size);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.code());
            body.put("message", e.getMessage());
            sendJson(response, e.status(), body);
            callback.succeeded();
        } catch (Throwable t) {
            callback.failed(t);
        }
    }

    private void log(String what, Response response, long start) {
        try {
            long micros = (System.nanoTime() - start) / 1000;
            config.accessLog().accept(Instant.now() + " " + what + " " + response.getStatus() + " "
                    + Response.getContentBytesWritten(response) + " " + (micros / 1000) + "."
                    + String.format("%03d", micros % 1000) + "ms");
        } catch (RuntimeException e) {
            // A broken log sink must not break the answer.
        }
    }

    private void serve(Request request, Response response) throws Exception {
        RemotePath path = RemotePath.parse(request.getHttpURI().getPath());
        String method = request.getMethod();
        if (path.isPing()) {
            requireMethod(method, "GET");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("protocol", List.of(1));
            body.put("server", serverName);
            sendJson(response, 200, body);
            return;
        }
        checkProtocol(request);
        boolean write = method.equals("PUT") || method.equals("DELETE");
        boolean read = method.equals("GET") || method.equals("HEAD")
                || (method.equals("POST") && path.endpoint().equals("has-chunks"));
        if (token != null && (!config.publicRead() || !read)) {
            checkToken(request);
        }
        if (write && config.readOnly()) {
            throw new HttpError(403, "read_only", "this server is read-only");
        }
        Repository repo = repositories.get(path.repository());
        if (repo == null) {
            Repository fresh = new Repository(dir.resolve(path.org()).resolve(path.repo()));
            if (!fresh.dir().normalize().startsWith(dir)) {
                throw HttpError.badPath("repository path escapes the served directory");
            }
            // Only repositories that exist or are being written are kept, so that requests for
            // made-up names cannot fill the map; writes share one instance and its lock.
            repo = write || fresh.exists() ? repositories.computeIfAbsent(path.repository(), r -> fresh) : fresh;
        }
        switch (path.endpoint()) {
            case "info" -> {
                requireMethod(method, "GET");
                info(repo, response);
            }
            case "manifest" -> {
                switch (method) {
                    case "GET", "HEAD" -> getManifest(repo, response, method.equals("HEAD"));
                    case "PUT" -> putManifest(repo, request, response);
                    default -> throw notAllowed(method);
                }
            }
            case "has-chunks" -> {
                requireMethod(method, "POST");
                hasChunks(repo, request, response);
            }
            case "blobs" -> {
                if (path.key() == null) {
                    requireMethod(method, "GET");
                    list(repo, request, response);
                    return;
                }
                switch (method) {
                    case "GET" -> getBlob(repo, path.key(), request, response);
                    case "HEAD" -> headBlob(repo, path.key(), response);
                    case "PUT" -> putBlob(repo, path.key(), request, response);
                    case "DELETE" -> deleteBlob(repo, path.key(), response);
                    default -> throw notAllowed(method);
                }
            }
            default -> throw HttpError.badPath("unknown endpoint '" + path.endpoint() + "'");
        }
    }

    private static void checkProtocol(Request request) throws HttpError {
        String v = request.getHeaders().get(PROTOCOL_HEADER);
        // Absent means 1, so that curl can read a repository; any other version is refused.
        if (v != null && !v.strip().equals("1")) {
            throw new HttpError(400, "unsupported_protocol", "this server speaks Cairn protocol versions [1], not '"
                    + v + "'");
        }
    }

    private void checkToken(Request request) throws HttpError {
        String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (given == null) {
            throw new HttpError(401, "unauthorized", "this server requires a bearer token");
        }
        String g = given.strip();
        // The scheme is case-insensitive (RFC 9110); the token is compared in constant time.
        if (g.length() < 7 || !g.regionMatches(true, 0, "Bearer ", 0, 7)
                || !MessageDigest.isEqual(g.substring(7).strip().getBytes(StandardCharsets.UTF_8), token)) {
            throw new HttpError(401, "unauthorized", "the bearer token is not accepted");
        }
    }

    private static void requireMethod(String method, String allowed) throws HttpError {
        if (!method.equals(allowed)) {
            throw notAllowed(method);
        }
    }

    private static HttpError notAllowed(String method) {
        return HttpError.badRequest("method " + method + " is not allowed here");
    }

    private void info(Repository repo, Response response) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("protocol", 1);
        body.put("exists", repo.exists());
        body.put("readOnly", config.readOnly());
        body.put("maxBlobBytes", config.maxBlobBytes());
        body.put("maxManifestBytes", config.maxManifestBytes());
        sendJson(response, 200, body);
    }

    private static void getManifest(Repository repo, Response response, boolean head) throws IOException, HttpError {
        DirectoryBlobStore blobs = repo.forRead();
        if (blobs == null) {
            throw new HttpError(404, "no_such_repository", "no repository here yet");
        }
        VersionedBytes m = blobs.getManifest();
        if (m == null) {
            throw new HttpError(404, "no_such_blob", "the repository has no manifest yet");
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.ETAG, quote(m.version()));
        if (m.modified() != null) {
            // Pruning deletes unreferenced files only once the manifest has been quiet for a while.
            response.getHeaders().putDate(HttpHeader.LAST_MODIFIED, m.modified().toEpochMilli());
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, OCTETS);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, m.bytes().length);
        if (!head) {
            write(response, ByteBuffer.wrap(m.bytes()));
        }
    }

    private void putManifest(Repository repo, Request request, Response response) throws IOException, HttpError {
        String ifMatch = request.getHeaders().get(HttpHeader.IF_MATCH);
        String ifNoneMatch = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        if ((ifMatch == null) == (ifNoneMatch == null)) {
            throw new HttpError(428, "precondition_required",
                    "a manifest PUT needs exactly one of If-Match: \"<version>\" and If-None-Match: *");
        }
        String expected = null;
        if (ifMatch != null) {
            expected = unquote(ifMatch);
        } else if (!ifNoneMatch.strip().equals("*")) {
            throw HttpError.badRequest("If-None-Match must be *");
        }
        byte[] bytes = readBody(request, config.maxManifestBytes(), "manifest");
        if (expected != null && !repo.exists()) {
            throw new HttpError(412, "precondition_failed", "the repository has no manifest");
        }
        boolean swapped;
        synchronized (repo.manifestLock) {
            String expectedVersion = expected;
            swapped = repo.write(blobs -> blobs.putManifest(expectedVersion, bytes));
        }
        if (!swapped) {
            throw new HttpError(412, "precondition_failed", expected == null
                    ? "the repository already has a manifest" : "the manifest is no longer version " + expected);
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.ETAG, quote(DirectoryBlobStore.versionOf(bytes)));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
    }

    private static void list(Repository repo, Request request, Response response) throws IOException, HttpError {
        Fields query = Request.extractQueryParameters(request);
        String prefix = query.getValue("prefix");
        prefix = prefix == null ? "" : prefix;
        try {
            BlobKeys.checkPrefix(prefix);
        } catch (IllegalArgumentException e) {
            throw HttpError.badPath("invalid blob prefix '" + prefix + "'");
        }
        List<Map<String, Object>> blobs = new ArrayList<>();
        DirectoryBlobStore store = repo.forRead();
        if (store != null) {
            for (BlobInfo b : store.list(prefix)) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("key", b.key());
                e.put("size", b.size());
                if (b.modified() != null) {
                    e.put("modified", b.modified().toString());
                }
                blobs.add(e);
            }
        }
        sendJson(response, 200, Map.of("blobs", blobs));
    }

    private static void headBlob(Repository repo, String key, Response response) throws IOException, HttpError {
        DirectoryBlobStore blobs = repo.forRead();
        long size = blobs == null ? -1 : blobs.size(key);
        if (size < 0) {
            throw noSuchBlob(key);
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, OCTETS);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, size);
    }

    private static void getBlob(Repository repo, String key, Request request, Response response)
            throws IOException, HttpError {
        DirectoryBlobStore blobs = repo.forRead();
        Path file = blobs == null ? null : blobs.localPath(key);
        if (file == null) {
            throw noSuchBlob(key);
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw noSuchBlob(key);
        }
        try (ch) {
            long size = ch.size();
            long from = 0;
            long to = size - 1;
            String range = request.getHeaders().get(HttpHeader.RANGE);
            if (range != null) {
                long[] r = RangeHeader.parse(range, size);
                from = r[0];
                to = r[1];
                response.setStatus(206);
                response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes " + from + "-" + to + "/" + size);
            } else {
                response.setStatus(200);
            }
            long length = to - from + 1;
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, OCTETS);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
            response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                byte[] buf = new byte[1 << 16];
                ByteBuffer bb = ByteBuffer.wrap(buf);
                long pos = from;
                while (pos <= to) {
                    bb.clear().limit((int) Math.min(buf.length, to - pos + 1));
                    int n = ch.read(bb, pos);
                    if (n < 0) {
                        throw new IOException(key + " shrank while it was sent");
                    }
                    out.write(buf, 0, n);
                    pos += n;
                }
            }
        }
    }

    private void putBlob(Repository repo, String key, Request request, Response response)
            throws IOException, HttpError {
        long length = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (length < 0) {
            throw HttpError.badRequest("a blob upload needs Content-Length");
        }
        if (length > config.maxBlobBytes()) {
            throw refused(request, length, HttpError.tooLarge(length + " bytes is more than this server's limit of "
                    + config.maxBlobBytes()));
        }
        byte[] digest = BlobUpload.declaredDigest(request.getHeaders().get("Content-Digest"));
        DirectoryBlobStore existing = repo.forRead();
        boolean created = false;
        // An existing blob is answered without reading the body, so a client that sent
        // Expect: 100-continue never sends it.
        if (existing == null || !existing.exists(key)) {
            try (InputStream body = Content.Source.asInputStream(request)) {
                created = repo.write(blobs -> BlobUpload.receive(blobs, key, body, length, digest));
            }
        }
        sendJson(response, created ? 201 : 200, Map.of("existed", !created));
    }

    private static void deleteBlob(Repository repo, String key, Response response) throws IOException, HttpError {
        DirectoryBlobStore blobs = repo.forRead();
        if (blobs != null) {
            if (Hash.isHash(key)) {
                synchronized (repo.manifestLock) {
                    Manifest m = repo.manifest();
                    if (m != null && m.contains(key)) {
                        throw new HttpError(409, "live_blob", key + " is a table file the current manifest names");
                    }
                    blobs.delete(key);
                }
            } else {
                blobs.delete(key);
            }
        }
        response.setStatus(204);
    }

    private static void hasChunks(Repository repo, Request request, Response response) throws IOException, HttpError {
        byte[] body = readBody(request, MAX_JSON_BYTES, "has-chunks request");
        JsonNode hashes;
        try {
            hashes = JSON.readTree(body).get("hashes");
        } catch (IOException e) {
            throw HttpError.badRequest("the body is not JSON: " + oneLine(e));
        }
        if (hashes == null || !hashes.isArray()) {
            throw HttpError.badRequest("expected {\"hashes\": [...]}");
        }
        if (hashes.size() > MAX_HASHES) {
            throw HttpError.tooLarge(hashes.size() + " hashes in one request; at most " + MAX_HASHES);
        }
        List<Hash> asked = new ArrayList<>(hashes.size());
        for (JsonNode h : hashes) {
            if (!h.isTextual() || !Hash.isHash(h.textValue())) {
                throw HttpError.badRequest("not a chunk hash: " + h);
            }
            asked.add(Hash.parse(h.textValue()));
        }
        boolean[] present = repo.has(asked);
        byte[] bitmap = new byte[(present.length + 7) / 8];
        for (int i = 0; i < present.length; i++) {
            if (present[i]) {
                bitmap[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        sendJson(response, 200, Map.of("present", Base64.getEncoder().encodeToString(bitmap)));
    }

    /** Reads a small body whole, refusing it (before reading, when it says how long it is) past {@code max}. */
    private static byte[] readBody(Request request, long max, String what) throws IOException, HttpError {
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > max) {
            throw refused(request, declared,
                    HttpError.tooLarge("a " + what + " of " + declared + " bytes is more than the limit of " + max));
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes((int) max + 1);
            if (bytes.length > max) {
                throw HttpError.tooLarge("a " + what + " of more than " + max + " bytes");
            }
            return bytes;
        }
    }

    /**
     * Returns {@code error} for a body refused unread, after reading and dropping the body when it
     * is small enough ({@value #DRAIN_LIMIT} bytes) and the client did not ask to be told first
     * (Expect: 100-continue). Closing a connection with a body still arriving makes the kernel
     * reset it, and a reset can reach the client before the refusal does: it then sees a broken
     * connection instead of 413. Bigger bodies are not worth reading; those clients may see that.
     */
    private static HttpError refused(Request request, long declared, HttpError error) throws IOException {
        if (declared <= DRAIN_LIMIT && !request.getHeaders().contains(HttpHeader.EXPECT)) {
            try (InputStream in = Content.Source.asInputStream(request)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        return error;
    }

    private static HttpError noSuchBlob(String key) {
        return new HttpError(404, "no_such_blob", "no blob " + key);
    }

    private static String quote(String version) {
        return "\"" + version + "\"";
    }

    private static String unquote(String etag) throws HttpError {
        String t = etag.strip();
        if (t.length() < 2 || !t.startsWith("\"") || !t.endsWith("\"")) {
            throw HttpError.badRequest("If-Match must be one quoted version, got " + etag);
        }
        return t.substring(1, t.length() - 1);
    }

    private static void sendJson(Response response, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        write(response, ByteBuffer.wrap(bytes));
    }

    private static void write(Response response, ByteBuffer bytes) throws IOException {
        try (Blocker.Callback cb = Blocker.callback()) {
            response.write(true, bytes, cb);
            cb.block();
        }
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replace('\n', ' ');
    }
}
