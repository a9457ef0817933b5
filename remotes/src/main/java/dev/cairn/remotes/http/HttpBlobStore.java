package dev.cairn.remotes.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.BlobKeys;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.NoSuchBlobException;
import dev.cairn.chunkstore.blob.TransientBlobException;
import dev.cairn.chunkstore.blob.VersionedBytes;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * The blobs and manifest of a repository on a Cairn remote server, spoken to as
 * {@code PROTOCOL.md} (beside this class) describes: each {@link BlobStore} call is one
 * request under {@code <repository URL>/v1}.
 *
 * <p>Reads are ranged GETs, so {@link #open} is the interface's reader over {@link #get}.
 * An upload streams its source twice, once to compute the {@code Content-Digest} the server
 * checks and once to send it, so a table file of any size never sits in memory. The manifest
 * is replaced by a PUT with {@code If-Match} or {@code If-None-Match: *}; a 412 is a lost race
 * ({@code false}), and the PUT is sent once: okhttp must not repeat it on its own, since a
 * repeat that met its own earlier write would report a lost race that was won.
 *
 * <p>A repository nobody has written yet reads as empty. Errors are classified by
 * {@link HttpErrors}; retries are the decorators' business, not this class's.
 */
public final class HttpBlobStore implements BlobStore {
    /** The protocol version this client speaks, sent as {@code Cairn-Protocol}. */
    static final int PROTOCOL = 1;
    /** The most hashes one has-chunks request may carry. */
    static final int MAX_HASHES_PER_REQUEST = 65_536;
    /**
     * Uploads at least this big ask first with {@code Expect: 100-continue}, so a blob the
     * server already has is not sent again. The sync engine asks for a table file's size before
     * copying it and names new packs by their content, so for table files (64 MiB by default)
     * the extra round trip only cost time: 3.2 s against 2.4-2.5 s for a 231 MB initial sync
     * over loopback (bench/RESULTS.md, step 7). Only blobs bigger than any table file ask.
     */
    static final long EXPECT_CONTINUE_FROM = 256L << 20;

    private static final MediaType OCTETS = MediaType.get("application/octet-stream");
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient client;
    private final HttpLocation where;
    private final RemoteTokens.Token token;
    private final HttpErrors errors;
    private final HttpUrl base;

    /**
     * @param client the client to send with; closed with this store
     * @param token the bearer token to send, or null
     * @param tokensFile where a token could have come from, for the message when one is needed
     */
    HttpBlobStore(OkHttpClient client, HttpLocation where, RemoteTokens.Token token, String tokensFile) {
        this.client = client;
        this.where = where;
        this.token = token;
        this.errors = new HttpErrors(where, token, tokensFile);
        HttpUrl.Builder b = new HttpUrl.Builder().scheme(where.https() ? "https" : "http").host(where.host())
                .port(where.port());
        for (String s : where.segments()) {
            b.addPathSegment(s);
        }
        this.base = b.addPathSegment("v1").build();
    }

    private HttpUrl blobUrl(String key) {
        return base.newBuilder().addPathSegment("blobs").addPathSegments(BlobKeys.check(key)).build();
    }

    private HttpUrl url(String endpoint) {
        return base.newBuilder().addPathSegment(endpoint).build();
    }

    private Request.Builder request(HttpUrl url) {
        Request.Builder b = new Request.Builder().url(url).header("Cairn-Protocol", Integer.toString(PROTOCOL))
                // Lengths and ranges are checked against the bytes on the wire: no transparent gzip.
                .header("Accept-Encoding", "identity");
        if (token != null) {
            b.header("Authorization", "Bearer " + token.value());
        }
        return b;
    }

    private Response send(Request request, String what) throws IOException {
        try {
            return client.newCall(request).execute();
        } catch (IOException e) {
            throw errors.transport(e, what);
        }
    }

    private byte[] body(Response r, String what) throws IOException {
        try {
            return r.body().bytes(); // checks the length against Content-Length
        } catch (IOException e) {
            throw errors.transport(e, what);
        }
    }

    private IOException unexpected(Response r, String what) throws IOException {
        return errors.status(r, errors.errorBody(r, what), what);
    }

    @Override
    public byte[] get(String key, ByteRange range) throws IOException {
        HttpUrl url = blobUrl(key);
        String what = "reading '" + key + "'";
        if (!range.isAll() && range.length() == 0) {
            if (size(key) < 0) {
                throw new NoSuchBlobException(key);
            }
            return new byte[0];
        }
        Request.Builder b = request(url);
        if (!range.isAll()) {
            long last = range.length() < 0 ? -1 : range.offset() + range.length() - 1;
            b.header("Range", "bytes=" + range.offset() + "-" + (last < 0 ? "" : Long.toString(last)));
        }
        try (Response r = send(b.build(), what)) {
            switch (r.code()) {
                case 200: {
                    byte[] all = body(r, what);
                    return range.isAll() ? all : slice(all, range); // a server may ignore Range
                }
                case 206: {
                    byte[] part = body(r, what);
                    long expected = rangeLength(r.header("Content-Range"));
                    if (expected >= 0 && expected != part.length) {
                        throw new TransientBlobException("connection to " + where + " lost " + what + ": got "
                                + part.length + " of " + expected + " bytes", null, true);
                    }
                    return part;
                }
                case 416:
                    return new byte[0]; // starts at or past the end of a blob that exists
                case 404:
                    HttpErrors.ErrorBody e = errors.errorBody(r, what);
                    if (e.code().equals("no_such_blob") || e.code().equals("no_such_repository")) {
                        throw new NoSuchBlobException(key);
                    }
                    throw errors.status(r, e, what);
                default:
                    throw unexpected(r, what);
            }
        }
    }

    private static byte[] slice(byte[] all, ByteRange range) {
        long from = Math.min(range.offset(), all.length);
        long to = range.length() < 0 ? all.length : Math.min(all.length, from + range.length());
        byte[] out = new byte[(int) (to - from)];
        System.arraycopy(all, (int) from, out, 0, out.length);
        return out;
    }

    /** The length {@code Content-Range: bytes A-B/SIZE} announces, or -1 if it cannot be read. */
    private static long rangeLength(String contentRange) {
        if (contentRange == null || !contentRange.startsWith("bytes ")) {
            return -1;
        }
        try {
            String span = contentRange.substring(6, contentRange.indexOf('/'));
            int dash = span.indexOf('-');
            return Long.parseLong(span.substring(dash + 1).trim()) - Long.parseLong(span.substring(0, dash).trim()) + 1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void put(String key, BlobSource source) throws IOException {
        HttpUrl url = blobUrl(key);
        String what = "writing '" + key + "'";
        long length = source.length();
        String digest = "sha-256=:" + Base64.getEncoder().encodeToString(sha256(source, length, key)) + ":";
        Request.Builder b = request(url).header("Content-Digest", digest).put(new SourceBody(source, length));
        if (length >= EXPECT_CONTINUE_FROM) {
            b.header("Expect", "100-continue");
        }
        try (Response r = send(b.build(), what)) {
            if (r.code() != 200 && r.code() != 201) {
                throw unexpected(r, what);
            }
        }
    }

    /** The SHA-256 of the whole source, read as a stream so a file need not fit in memory. */
    private static byte[] sha256(BlobSource source, long length, String key) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        long n = 0;
        byte[] buf = new byte[64 << 10];
        try (InputStream in = source.openStream()) {
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
                n += r;
            }
        }
        if (n != length) {
            throw new IOException("the source of '" + key + "' changed while being read: " + n + " bytes, not "
                    + length);
        }
        return md.digest();
    }

    /** Streams a source, of a length known up front so that it goes with Content-Length. */
    private static final class SourceBody extends RequestBody {
        private final BlobSource source;
        private final long length;

        SourceBody(BlobSource source, long length) {
            this.source = source;
            this.length = length;
        }

        @Override
        public MediaType contentType() {
            return OCTETS;
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            try (Source in = Okio.source(source.openStream())) {
                sink.writeAll(in);
            }
        }
    }

    @Override
    public long size(String key) throws IOException {
        HttpUrl url = blobUrl(key);
        String what = "looking up '" + key + "'";
        try (Response r = send(request(url).head().build(), what)) {
            if (r.code() == 404) {
                return -1; // a HEAD carries no error body: no blob, or no repository
            }
            if (r.code() != 200) {
                throw unexpected(r, what);
            }
            String length = r.header("Content-Length");
            try {
                return Long.parseLong(length == null ? "" : length.trim());
            } catch (NumberFormatException e) {
                throw new IOException(where + ": the server answered " + what + " without a Content-Length");
            }
        }
    }

    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        BlobKeys.checkPrefix(prefix);
        String what = "listing " + (prefix.isEmpty() ? "the blobs" : "'" + prefix + "'");
        HttpUrl url = base.newBuilder().addPathSegment("blobs").addQueryParameter("prefix", prefix).build();
        List<BlobInfo> out = new ArrayList<>();
        try (Response r = send(request(url).get().build(), what)) {
            if (r.code() != 200) {
                throw unexpected(r, what);
            }
            JsonNode blobs = json(body(r, what), what).path("blobs");
            if (!blobs.isArray()) {
                throw badAnswer(what, "no \"blobs\" list");
            }
            for (JsonNode b : blobs) {
                String key = b.path("key").asText("");
                if (!BlobKeys.isKey(key) || !key.startsWith(prefix)) {
                    continue; // nothing Cairn wrote, or not asked for
                }
                if (!b.path("size").canConvertToLong()) {
                    throw badAnswer(what, "no size for '" + key + "'");
                }
                out.add(new BlobInfo(key, b.get("size").asLong(), instant(b.path("modified"))));
            }
        }
        out.sort(Comparator.comparing(BlobInfo::key));
        return out;
    }

    /** A time in a listing: ISO-8601 text or milliseconds since the epoch; null if absent or unreadable. */
    private static Instant instant(JsonNode n) {
        if (n.isIntegralNumber()) {
            return Instant.ofEpochMilli(n.asLong());
        }
        if (n.isTextual()) {
            try {
                return Instant.parse(n.asText());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private JsonNode json(byte[] bytes, String what) throws IOException {
        try {
            JsonNode n = JSON.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw badAnswer(what, "not a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw badAnswer(what, "not JSON");
        }
    }

    private IOException badAnswer(String what, String why) {
        return new IOException(where + ": the server's answer " + what + " is not what protocol " + PROTOCOL
                + " says (" + why + ")");
    }

    @Override
    public void delete(String key) throws IOException {
        HttpUrl url = blobUrl(key);
        String what = "deleting '" + key + "'";
        try (Response r = send(request(url).delete().build(), what)) {
            int status = r.code();
            if (status == 200 || status == 204) {
                return;
            }
            HttpErrors.ErrorBody e = errors.errorBody(r, what);
            if (status == 404 && !e.code().isEmpty()) {
                return; // no such blob, or no such repository: gone either way
            }
            if (status == 409) {
                throw new IOException(where + ": cannot delete '" + key + "': the current manifest names it (409 "
                        + e.code() + ")");
            }
            throw errors.status(r, e, what);
        }
    }

    @Override
    public VersionedBytes getManifest() throws IOException {
        String what = "reading the manifest";
        try (Response r = send(request(url("manifest")).get().build(), what)) {
            if (r.code() == 404) {
                HttpErrors.ErrorBody e = errors.errorBody(r, what);
                if (e.code().equals("no_such_blob") || e.code().equals("no_such_repository")) {
                    return null;
                }
                throw errors.status(r, e, what);
            }
            if (r.code() != 200) {
                throw unexpected(r, what);
            }
            String etag = r.header("ETag");
            if (etag == null) {
                throw badAnswer(what, "no ETag");
            }
            return new VersionedBytes(body(r, what), unquote(etag), httpDate(r.header("Last-Modified")));
        }
    }

    /** The version inside an entity tag: {@code "v"} or {@code W/"v"} gives {@code v}. */
    private static String unquote(String etag) {
        String t = etag.trim();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    private static Instant httpDate(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Sent once. If the answer is lost, the swap may or may not have happened: that is a
     * {@link TransientBlobException} saying so, and the retry decorator reads the manifest back
     * to decide.
     */
    @Override
    public boolean putManifest(String expectedVersion, byte[] bytes) throws IOException {
        if (expectedVersion != null && !isEntityTagText(expectedVersion)) {
            return false; // not a version this server ever gave, and a header could not carry it
        }
        String what = "replacing the manifest";
        Request.Builder b = request(url("manifest")).put(new ManifestBody(bytes.clone()));
        if (expectedVersion == null) {
            b.header("If-None-Match", "*");
        } else {
            b.header("If-Match", "\"" + expectedVersion + "\"");
        }
        try (Response r = send(b.build(), what)) {
            int status = r.code();
            if (status == 200 || status == 201 || status == 204) {
                return true;
            }
            if (status == 412) {
                return false;
            }
            HttpErrors.ErrorBody e = errors.errorBody(r, what);
            if (status == 404 && expectedVersion != null && !e.code().isEmpty()) {
                return false; // If-Match on a manifest or repository that is not there
            }
            throw errors.status(r, e, what);
        }
    }

    /** Whether {@code v} can sit between the quotes of an entity tag (RFC 9110 etagc), and is not empty. */
    private static boolean isEntityTagText(String v) {
        if (v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x21 || c == '"' || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** A manifest body that okhttp may not send a second time on its own (see the class comment). */
    private static final class ManifestBody extends RequestBody {
        private final byte[] bytes;

        ManifestBody(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public MediaType contentType() {
            return OCTETS;
        }

        @Override
        public long contentLength() {
            return bytes.length;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            sink.write(bytes);
        }

        @Override
        public boolean isOneShot() {
            return true;
        }
    }

    /**
     * Which of these chunks the repository has, in table files its current manifest names: bit
     * {@code i} of the answer is set when {@code hashes.get(i)} is there. Sent in requests of
     * at most {@value #MAX_HASHES_PER_REQUEST} hashes. Not part of {@link BlobStore}: for a
     * sync engine that asks the server instead of reading its table-file indexes.
     */
    public BitSet hasChunks(List<Hash> hashes) throws IOException {
        BitSet present = new BitSet(hashes.size());
        String what = "asking which chunks the remote has";
        for (int from = 0; from < hashes.size(); from += MAX_HASHES_PER_REQUEST) {
            int n = Math.min(MAX_HASHES_PER_REQUEST, hashes.size() - from);
            ObjectNode req = JSON.createObjectNode();
            ArrayNode list = req.putArray("hashes");
            for (int i = 0; i < n; i++) {
                list.add(hashes.get(from + i).toString());
            }
            RequestBody body = RequestBody.create(JSON.writeValueAsBytes(req), JSON_TYPE);
            try (Response r = send(request(url("has-chunks")).post(body).build(), what)) {
                if (r.code() == 404) {
                    HttpErrors.ErrorBody e = errors.errorBody(r, what);
                    if (e.code().equals("no_such_repository")) {
                        continue; // an unknown repository has no chunks
                    }
                    throw errors.status(r, e, what);
                }
                if (r.code() != 200) {
                    throw unexpected(r, what);
                }
                JsonNode bitmap = json(body(r, what), what).path("present");
                byte[] bits;
                try {
                    bits = Base64.getDecoder().decode(bitmap.asText(""));
                } catch (IllegalArgumentException e) {
                    throw badAnswer(what, "\"present\" is not base64");
                }
                if (!bitmap.isTextual() || bits.length < (n + 7) / 8) {
                    throw badAnswer(what, "\"present\" has fewer than " + n + " bits");
                }
                for (int i = 0; i < n; i++) {
                    if ((bits[i >>> 3] >>> (i & 7) & 1) != 0) {
                        present.set(from + i);
                    }
                }
            }
        }
        return present;
    }

    @Override
    public void close() {
        client.connectionPool().evictAll(); // okhttp's own threads are daemons and end when idle
    }

    @Override
    public String toString() {
        return where.toString();
    }
}
