package dev.cairn.testdata.gcs;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A protocol-level fake of the Google Cloud Storage JSON API, served over a real loopback
 * socket.
 *
 * <p>No GCS emulator can be obtained here (there is no network beyond the package registries,
 * and none of the emulators is published to them), so tests run the official
 * {@code google-cloud-storage} client (HTTP/JSON transport) against this fake. It implements
 * only what Cairn uses, and does it the way the service does:
 * <ul>
 *   <li>{@code GET storage/v1/b/{bucket}}: the bucket, 404 if unknown;
 *   <li>{@code GET storage/v1/b/{bucket}/o/{object}}: metadata, or the bytes with
 *       {@code alt=media}, honouring a {@code Range} header (206, or 416 past the end);
 *   <li>{@code GET storage/v1/b/{bucket}/o?prefix=&pageToken=&maxResults=}: listing in name
 *       order, in pages with {@code nextPageToken};
 *   <li>{@code DELETE storage/v1/b/{bucket}/o/{object}}: 204, or 404;
 *   <li>{@code POST upload/storage/v1/b/{bucket}/o?uploadType=multipart} (and {@code media}):
 *       a whole object in one request, checked against a CRC32C or MD5 the client declares;
 *   <li>{@code uploadType=resumable}: a session URI in {@code Location}, chunks sent by
 *       {@code PUT} with {@code Content-Range}, 308 with {@code Range} for what was persisted
 *       (non-final chunks only up to a multiple of 256 KiB), status queries with
 *       {@code bytes *}{@code /total}, and 200 with the object once complete;
 *   <li>generation preconditions on reads, writes and deletes ({@code ifGenerationMatch=0}
 *       meaning "must not exist"), failing with 412 {@code conditionNotMet}.
 * </ul>
 * Generations increase on every write. Anything else is answered 501, naming the request, so
 * a client feature the fake lacks shows up as such rather than as a wrong answer.
 *
 * <p>Buckets are created by the test ({@link #createBucket}); {@link #deny} makes every
 * request on a bucket fail with 403, as missing permissions do. Every request is recorded
 * ({@link #requests()}), and printed to stderr when the system property
 * {@code cairn.fakegcs.log} is {@code true}, which is how the requests the client sends were
 * found out.
 */
public final class FakeGcsServer implements AutoCloseable {
    /** The service's largest listing page. */
    static final int MAX_PAGE = 1000;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (?:(\\d+)-(\\d+)|\\*)/(\\d+|\\*)");
    private static final boolean LOG = Boolean.getBoolean("cairn.fakegcs.log");

    /** A request as it arrived: method, path and query as sent, headers (names lower case), body length. */
    public record RecordedRequest(String method, String uri, Map<String, String> headers, long bodyLength) {
        /** The decoded query parameters. */
        public Map<String, String> query() {
            int q = uri.indexOf('?');
            return q < 0 ? Map.of() : parseQuery(uri.substring(q + 1));
        }

        @Override
        public String toString() {
            return method + " " + uri + " " + headers + " (" + bodyLength + " bytes)";
        }
    }

    private final HttpServer http;
    private final ExecutorService pool;
    private final FakeGcsBuckets state = new FakeGcsBuckets();
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile int pageSize = MAX_PAGE;
    private final java.util.concurrent.atomic.AtomicReference<String> failReplyTo =
            new java.util.concurrent.atomic.AtomicReference<>();
    /** Set while the handler thread answers a request whose reply is to fail; see {@link #failNextReply}. */
    private static final ThreadLocal<Boolean> FAIL_REPLY = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private FakeGcsServer(HttpServer http, ExecutorService pool) {
        this.http = http;
        this.pool = pool;
    }

    /** Starts a server on a free loopback port. */
    public static FakeGcsServer start() throws IOException {
        // Without TCP_NODELAY each small response waits out the client's delayed ACK: ~40 ms a request.
        // The JDK server reads this once, when its first instance is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-gcs");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(pool);
        FakeGcsServer server = new FakeGcsServer(http, pool);
        http.createContext("/", server::handle);
        http.start();
        return server;
    }

    /** The base URL clients use as their host, e.g. {@code http://127.0.0.1:34567}. */
    public String endpoint() {
        InetSocketAddress a = http.getAddress();
        return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** Creates a bucket; creating one that exists changes nothing. */
    public void createBucket(String name) {
        state.createBucket(name);
    }

    /** From now on every request on {@code bucket}, known or not, is answered 403. */
    public void deny(String bucket) {
        state.deny(bucket);
    }

    /** Caps listing pages at {@code n} objects (the service's cap is 1000), to make paging happen in tests. */
    public void setPageSize(int n) {
        if (n < 1 || n > MAX_PAGE) {
            throw new IllegalArgumentException("page size " + n);
        }
        this.pageSize = n;
    }

    /**
     * The next request with this HTTP method is carried out, but answered 503 as if it had
     * failed, as the service may answer when a backend times out after committing. A client
     * that retries then meets what its own first attempt did.
     */
    public void failNextReply(String method) {
        failReplyTo.set(method);
    }

    /** The live generation of an object, or null; for tests to check what the client left. */
    public FakeGcsObject object(String bucket, String name) {
        return state.peek(bucket, name);
    }

    /** Resumable uploads started and not completed. */
    public int openUploads() {
        return state.openUploads();
    }

    /** Every request so far, oldest first. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- request handling ---

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = readBody(ex);
            record(ex, body);
            String method = ex.getRequestMethod();
            FAIL_REPLY.set(method.equals(failReplyTo.getAndUpdate(m -> method.equals(m) ? null : m)));
            try {
                route(ex, body);
            } catch (GcsError e) {
                sendError(ex, e);
            } catch (RuntimeException e) {
                sendError(ex, new GcsError(500, "backendError", "fake GCS failed: " + e));
            }
        }
    }

    private static byte[] readBody(HttpExchange ex) throws IOException {
        InputStream in = ex.getRequestBody();
        String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
            in = new GZIPInputStream(in);
        }
        return in.readAllBytes();
    }

    private void record(HttpExchange ex, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
            headers.put(h.getKey().toLowerCase(Locale.ROOT), String.join(", ", h.getValue()));
        }
        headers.remove("authorization");
        RecordedRequest r = new RecordedRequest(ex.getRequestMethod(), ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery()),
                headers, body.length);
        requests.add(r);
        if (LOG) {
            System.err.println("fake-gcs " + Instant.now() + ": " + r);
        }
    }

    private void route(HttpExchange ex, byte[] body) throws IOException {
        String method = ex.getRequestMethod();
        List<String> path = segments(ex.getRequestURI().getRawPath());
        Map<String, String> query = parseQuery(ex.getRequestURI().getRawQuery());
        if (path.size() >= 4 && path.get(0).equals("download")) {
            path = path.subList(1, path.size());
        }
        boolean upload = !path.isEmpty() && path.get(0).equals("upload");
        List<String> api = upload ? path.subList(1, path.size()) : path;
        if (api.size() < 4 || !api.get(0).equals("storage") || !api.get(1).equals("v1") || !api.get(2).equals("b")) {
            throw unsupported(ex);
        }
        String bucket = api.get(3);
        if (upload) {
            if (api.size() != 5 || !api.get(4).equals("o")) {
                throw unsupported(ex);
            }
            String type = query.getOrDefault("uploadType", "");
            if (method.equals("POST") && type.equals("multipart")) {
                sendObject(ex, 200, multipartUpload(ex, bucket, query, body));
            } else if (method.equals("POST") && type.equals("media")) {
                sendObject(ex, 200, state.put(bucket, query.get("name"), body, contentType(ex), Preconditions.from(query)));
            } else if (method.equals("POST") && type.equals("resumable")) {
                startResumable(ex, bucket, query, body);
            } else if (method.equals("PUT") && type.equals("resumable") && query.containsKey("upload_id")) {
                resumableChunk(ex, state.upload(query.get("upload_id")), body);
            } else if (method.equals("DELETE") && query.containsKey("upload_id")) {
                state.cancelUpload(state.upload(query.get("upload_id")));
                send(ex, 499, null, new byte[0]);
            } else {
                throw unsupported(ex);
            }
            return;
        }
        if (api.size() == 4 && method.equals("GET")) {
            sendJson(ex, 200, bucketResource(bucket, state.bucket(bucket)));
        } else if (api.size() == 5 && api.get(4).equals("o") && method.equals("GET")) {
            list(ex, bucket, query);
        } else if (api.size() == 6 && api.get(4).equals("o")) {
            String name = api.get(5);
            Preconditions pre = Preconditions.from(query);
            if (method.equals("GET") && "media".equals(query.get("alt"))) {
                media(ex, state.get(bucket, name, pre));
            } else if (method.equals("GET")) {
                sendObject(ex, 200, state.get(bucket, name, pre));
            } else if (method.equals("DELETE")) {
                state.delete(bucket, name, pre);
                send(ex, 204, null, null);
            } else {
                throw unsupported(ex);
            }
        } else {
            throw unsupported(ex);
        }
    }

    private static GcsError unsupported(HttpExchange ex) {
        return new GcsError(501, "notImplemented", "the fake GCS server does not implement "
                + ex.getRequestMethod() + " " + ex.getRequestURI());
    }

    /** Path segments, each percent-decoded, so an object name's {@code %2F} stays inside one segment. */
    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(decode(s.replace("+", "%2B")));
            }
        }
        return out;
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String contentType(HttpExchange ex) {
        return ex.getRequestHeaders().getFirst("Content-Type");
    }

    // --- uploads ---

    private FakeGcsObject multipartUpload(HttpExchange ex, String bucket, Map<String, String> query, byte[] body) {
        String boundary = MultipartRelated.boundary(contentType(ex));
        if (boundary == null) {
            throw GcsError.badRequest("Multipart upload needs a multipart/related body");
        }
        List<MultipartRelated.Part> parts = MultipartRelated.parse(body, boundary);
        if (parts.size() != 2) {
            throw GcsError.badRequest("Multipart upload needs 2 parts, not " + parts.size());
        }
        Map<String, Object> meta = metadata(parts.get(0).body());
        byte[] media = parts.get(1).body();
        checkDeclaredHashes(meta, media);
        String name = meta.get("name") instanceof String n ? n : query.get("name");
        String type = meta.get("contentType") instanceof String t ? t : parts.get(1).headers().get("content-type");
        return state.put(bucket, name, media, type, Preconditions.from(query));
    }

    private static Map<String, Object> metadata(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return Map.of();
        }
        try {
            return Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw GcsError.badRequest("Invalid JSON payload received. " + e.getMessage());
        }
    }

    /** The service refuses an upload whose bytes do not match the CRC32C or MD5 the client declared. */
    private static void checkDeclaredHashes(Map<String, Object> meta, byte[] bytes) {
        if (meta.get("crc32c") instanceof String declared) {
            String actual = FakeGcsObject.crc32cOf(bytes);
            if (!declared.equals(actual)) {
                throw GcsError.badRequest("Provided CRC32C \"" + declared + "\" doesn't match calculated CRC32C \""
                        + actual + "\".");
            }
        }
        if (meta.get("md5Hash") instanceof String declared) {
            String actual = FakeGcsObject.md5Of(bytes);
            if (!declared.equals(actual)) {
                throw GcsError.badRequest("Provided MD5 hash \"" + declared + "\" doesn't match calculated MD5 hash \""
                        + actual + "\".");
            }
        }
    }

    private void startResumable(HttpExchange ex, String bucket, Map<String, String> query, byte[] body) throws IOException {
        Map<String, Object> meta = metadata(body);
        String name = meta.get("name") instanceof String n ? n : query.get("name");
        String type = meta.get("contentType") instanceof String t ? t
                : ex.getRequestHeaders().getFirst("X-Upload-Content-Type");
        ResumableUpload u = state.startUpload(bucket, name, type, Preconditions.from(query));
        String host = ex.getRequestHeaders().getFirst("Host");
        String base = host == null ? endpoint() : "http://" + host;
        ex.getResponseHeaders().set("Location", base + "/upload/storage/v1/b/" + encodeSegment(bucket)
                + "/o?uploadType=resumable&upload_id=" + u.id);
        ex.getResponseHeaders().set("X-GUploader-UploadID", u.id);
        send(ex, 200, null, new byte[0]);
    }

    private void resumableChunk(HttpExchange ex, ResumableUpload u, byte[] body) throws IOException {
        ex.getResponseHeaders().set("X-GUploader-UploadID", u.id);
        FakeGcsObject done = u.result();
        if (done != null) {
            sendObject(ex, 200, done);
            return;
        }
        String header = ex.getRequestHeaders().getFirst("Content-Range");
        Matcher m = header == null ? null : CONTENT_RANGE.matcher(header.trim());
        if (m == null || !m.matches()) {
            throw GcsError.badRequest("Failed to parse Content-Range header: " + header);
        }
        long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
        if (m.group(1) != null) {
            long first = Long.parseLong(m.group(1));
            long last = Long.parseLong(m.group(2));
            if (last - first + 1 != body.length) {
                throw GcsError.badRequest("Content-Range " + header + " does not match the " + body.length
                        + " byte(s) sent");
            }
            u.accept(first, body, total >= 0 && last + 1 == total);
        } else if (body.length != 0) {
            throw GcsError.badRequest("Content-Range " + header + " with a body");
        }
        long have = u.persistedBytes();
        if (total >= 0 && have > total) {
            throw GcsError.badRequest("Upload of " + have + " byte(s) exceeds the declared " + total);
        }
        if (total >= 0 && have == total) {
            sendObject(ex, 200, state.finishUpload(u));
            return;
        }
        if (have > 0) {
            ex.getResponseHeaders().set("Range", "bytes=0-" + (have - 1));
        }
        send(ex, 308, null, null);
    }

    private static String encodeSegment(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // --- reads ---

    private void list(HttpExchange ex, String bucket, Map<String, String> query) throws IOException {
        String prefix = query.getOrDefault("prefix", "");
        if (query.containsKey("delimiter")) {
            throw new GcsError(501, "notImplemented", "the fake GCS server does not implement delimiter listings");
        }
        int max = pageSize;
        if (query.containsKey("maxResults")) {
            max = Math.min(max, Math.max(1, Integer.parseInt(query.get("maxResults"))));
        }
        String after = null;
        if (query.containsKey("pageToken")) {
            try {
                after = new String(Base64.getUrlDecoder().decode(query.get("pageToken")), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw GcsError.badRequest("Invalid page token");
            }
        }
        List<FakeGcsObject> page = state.list(bucket, prefix, after, max);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "storage#objects");
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < Math.min(max, page.size()); i++) {
            items.add(objectResource(page.get(i)));
        }
        if (page.size() > max) {
            out.put("nextPageToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(page.get(max - 1).name().getBytes(StandardCharsets.UTF_8)));
        }
        if (!items.isEmpty()) {
            out.put("items", items);
        }
        sendJson(ex, 200, out);
    }

    private void media(HttpExchange ex, FakeGcsObject o) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("X-Goog-Generation", Long.toString(o.generation()));
        h.set("X-Goog-Metageneration", Long.toString(o.metageneration()));
        h.set("X-Goog-Stored-Content-Length", Integer.toString(o.bytes().length));
        h.set("X-Goog-Stored-Content-Encoding", "identity");
        h.set("X-Goog-Hash", "crc32c=" + o.crc32c() + ",md5=" + o.md5());
        h.set("ETag", etag(o));
        h.set("Accept-Ranges", "bytes");
        byte[] bytes = o.bytes();
        String range = ex.getRequestHeaders().getFirst("Range");
        Matcher m = range == null ? null : RANGE.matcher(range.trim());
        if (m == null || !m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            send(ex, 200, o.contentType(), bytes);
            return;
        }
        long size = bytes.length;
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            first = Math.max(0, size - Long.parseLong(m.group(2)));
            last = size - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
        }
        if (first >= size || last < first) {
            h.set("Content-Range", "bytes */" + size);
            throw new GcsError(416, "requestedRangeNotSatisfiable", "The requested range cannot be satisfied.");
        }
        h.set("Content-Range", "bytes " + first + "-" + last + "/" + size);
        byte[] part = java.util.Arrays.copyOfRange(bytes, (int) first, (int) last + 1);
        send(ex, 206, o.contentType(), part);
    }

    // --- resources and responses ---

    private static String etag(FakeGcsObject o) {
        return "\"" + Long.toHexString(o.generation()) + "\"";
    }

    private Map<String, Object> objectResource(FakeGcsObject o) {
        String id = o.bucket() + "/" + o.name() + "/" + o.generation();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("kind", "storage#object");
        r.put("id", id);
        r.put("selfLink", endpoint() + "/storage/v1/b/" + encodeSegment(o.bucket()) + "/o/" + encodeSegment(o.name()));
        r.put("mediaLink", endpoint() + "/download/storage/v1/b/" + encodeSegment(o.bucket()) + "/o/"
                + encodeSegment(o.name()) + "?generation=" + o.generation() + "&alt=media");
        r.put("name", o.name());
        r.put("bucket", o.bucket());
        r.put("generation", Long.toString(o.generation()));
        r.put("metageneration", Long.toString(o.metageneration()));
        r.put("contentType", o.contentType());
        r.put("storageClass", "STANDARD");
        r.put("size", Integer.toString(o.bytes().length));
        r.put("md5Hash", o.md5());
        r.put("crc32c", o.crc32c());
        r.put("etag", etag(o));
        r.put("timeCreated", o.created().toString());
        r.put("updated", o.created().toString());
        r.put("timeStorageClassUpdated", o.created().toString());
        return r;
    }

    private static Map<String, Object> bucketResource(String name, Instant created) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("kind", "storage#bucket");
        r.put("id", name);
        r.put("name", name);
        r.put("projectNumber", "0");
        r.put("metageneration", "1");
        r.put("location", "US");
        r.put("storageClass", "STANDARD");
        r.put("etag", "CAE=");
        r.put("timeCreated", created.toString());
        r.put("updated", created.toString());
        return r;
    }

    private void sendObject(HttpExchange ex, int status, FakeGcsObject o) throws IOException {
        sendJson(ex, status, objectResource(o));
    }

    private static void sendJson(HttpExchange ex, int status, Map<String, Object> json) throws IOException {
        send(ex, status, "application/json; charset=UTF-8", Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    private static void sendError(HttpExchange ex, GcsError e) throws IOException {
        if (e.status() == 304) {
            send(ex, 304, null, null);
            return;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("message", e.getMessage());
        detail.put("domain", "global");
        detail.put("reason", e.reason());
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.status());
        error.put("message", e.getMessage());
        error.put("errors", List.of(detail));
        sendJson(ex, e.status(), Map.of("error", error));
    }

    /** Sends a response; a null body sends none at all (as for 204, 304 and 308). */
    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (FAIL_REPLY.get()) {
            FAIL_REPLY.set(Boolean.FALSE);
            ex.getResponseHeaders().clear();
            sendError(ex, new GcsError(503, "backendError", "Backend Error"));
            return;
        }
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
