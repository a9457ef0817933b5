package dev.cairn.testdata.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake GCS server at the protocol level, with a plain HTTP client: the rules the official
 * client relies on (generation preconditions, the resumable upload exchange, ranges, paging),
 * answered with the statuses and headers the service uses.
 */
class FakeGcsServerTest {
    private static final String B = "bkt";
    private static final int Q = ResumableUpload.QUANTUM;

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeGcsServer server;

    @BeforeEach
    void start() throws IOException {
        server = FakeGcsServer.start();
        server.createBucket(B);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder at(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(server.endpoint() + pathAndQuery));
    }

    /** A multipart upload as the client sends it; returns the response. */
    private HttpResponse<byte[]> upload(String name, byte[] media, String query) throws Exception {
        String boundary = "b0undary";
        byte[] head = ("--" + boundary + "\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{\"name\":\"" + name
                + "\"}\r\n--" + boundary + "\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + media.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(media, 0, body, head.length, media.length);
        System.arraycopy(tail, 0, body, head.length + media.length, tail.length);
        return send(at("/upload/storage/v1/b/" + B + "/o?uploadType=multipart" + query)
                .header("Content-Type", "multipart/related; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static Map<String, Object> json(HttpResponse<byte[]> r) {
        return Json.parseObject(new String(r.body(), StandardCharsets.UTF_8));
    }

    private static long generation(HttpResponse<byte[]> r) {
        return Long.parseLong((String) json(r).get("generation"));
    }

    @Test
    void ifGenerationMatchZeroCreatesOnlyWhatDoesNotExist() throws Exception {
        HttpResponse<byte[]> first = upload("m", bytes("one"), "&ifGenerationMatch=0");
        assertThat(first.statusCode()).isEqualTo(200);
        HttpResponse<byte[]> again = upload("m", bytes("two"), "&ifGenerationMatch=0");
        assertThat(again.statusCode()).isEqualTo(412);
        assertThat(new String(again.body(), StandardCharsets.UTF_8)).contains("\"reason\":\"conditionNotMet\"");
        assertThat(server.object(B, "m").bytes()).isEqualTo(bytes("one"));
    }

    @Test
    void generationsGrowOnEveryWriteAndAStaleOneIsRefused() throws Exception {
        long g1 = generation(upload("m", bytes("one"), ""));
        long g2 = generation(upload("m", bytes("two"), "&ifGenerationMatch=" + g1));
        assertThat(g2).isGreaterThan(g1);
        assertThat(upload("m", bytes("three"), "&ifGenerationMatch=" + g1).statusCode()).isEqualTo(412);
        long other = generation(upload("other", bytes("x"), ""));
        assertThat(other).isGreaterThan(g2);
        assertThat(upload("absent", bytes("x"), "&ifGenerationMatch=" + g2).statusCode()).isEqualTo(412);
        assertThat(server.object(B, "m").bytes()).isEqualTo(bytes("two"));
        // A delete under a stale generation is refused too.
        assertThat(send(at("/storage/v1/b/" + B + "/o/m?ifGenerationMatch=" + g1).DELETE()).statusCode())
                .isEqualTo(412);
        assertThat(send(at("/storage/v1/b/" + B + "/o/m?ifGenerationMatch=" + g2).DELETE()).statusCode())
                .isEqualTo(204);
        assertThat(send(at("/storage/v1/b/" + B + "/o/m").DELETE()).statusCode()).isEqualTo(404);
    }

    @Test
    void aDeclaredChecksumThatDoesNotMatchIsRefused() throws Exception {
        String boundary = "x";
        String body = "--x\r\nContent-Type: application/json\r\n\r\n{\"name\":\"c\",\"crc32c\":\"AAAAAA==\"}\r\n"
                + "--x\r\nContent-Type: application/octet-stream\r\n\r\npayload\r\n--x--";
        HttpResponse<byte[]> r = send(at("/upload/storage/v1/b/" + B + "/o?uploadType=multipart")
                .header("Content-Type", "multipart/related; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(server.object(B, "c")).isNull();
    }

    @Test
    void resumableUploadPersistsWholeQuantaAndCompletesWithTheObject() throws Exception {
        byte[] content = new byte[2 * Q + 1000];
        new Random(1).nextBytes(content);
        HttpResponse<byte[]> init = send(at("/upload/storage/v1/b/" + B + "/o?uploadType=resumable&ifGenerationMatch=0")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"dir/big\"}")));
        assertThat(init.statusCode()).isEqualTo(200);
        String session = init.headers().firstValue("Location").orElseThrow();
        assertThat(session).startsWith(server.endpoint() + "/upload/storage/v1/b/" + B + "/o?").contains("upload_id=");

        // Q + 100 bytes: only one whole quantum is kept, and 308 says so.
        HttpResponse<byte[]> r1 = put(session, content, 0, Q + 100, "*");
        assertThat(r1.statusCode()).isEqualTo(308);
        assertThat(r1.headers().firstValue("Range")).contains("bytes=0-" + (Q - 1));
        assertThat(server.object(B, "dir/big")).as("not visible before it completes").isNull();

        // A status query answers the same, and a chunk leaving a gap is refused.
        HttpResponse<byte[]> status = send(HttpRequest.newBuilder(URI.create(session))
                .header("Content-Range", "bytes */*").PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(status.statusCode()).isEqualTo(308);
        assertThat(status.headers().firstValue("Range")).contains("bytes=0-" + (Q - 1));
        assertThat(put(session, content, Q + 10, 10, "*").statusCode()).isEqualTo(400);

        // Resuming from what was persisted, then the last piece with the total.
        assertThat(put(session, content, Q, Q, "*").statusCode()).isEqualTo(308);
        HttpResponse<byte[]> done = put(session, content, 2 * Q, 1000, Integer.toString(content.length));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(json(done)).containsEntry("name", "dir/big").containsEntry("size", Integer.toString(content.length));
        assertThat(server.object(B, "dir/big").bytes()).isEqualTo(content);
        assertThat(server.openUploads()).isZero();
    }

    @Test
    void resumableUploadChecksItsPreconditionWhenItCompletes() throws Exception {
        HttpResponse<byte[]> init = send(at("/upload/storage/v1/b/" + B + "/o?uploadType=resumable&ifGenerationMatch=0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"m\"}")));
        String session = init.headers().firstValue("Location").orElseThrow();
        upload("m", bytes("someone else"), "");
        HttpResponse<byte[]> done = put(session, bytes("mine"), 0, 4, "4");
        assertThat(done.statusCode()).isEqualTo(412);
        assertThat(server.object(B, "m").bytes()).isEqualTo(bytes("someone else"));
    }

    private HttpResponse<byte[]> put(String session, byte[] content, int from, int len, String total) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(session))
                .header("Content-Range", "bytes " + from + "-" + (from + len - 1) + "/" + total)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(content, from, from + len))));
    }

    @Test
    void mediaDownloadHonoursRangesAsTheServiceDoes() throws Exception {
        upload("dir/o", bytes("0123456789"), "");
        String media = "/download/storage/v1/b/" + B + "/o/dir%2Fo?alt=media";
        HttpResponse<byte[]> whole = send(at(media));
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(bytes("0123456789"));
        assertThat(whole.headers().firstValue("X-Goog-Generation")).isPresent();
        HttpResponse<byte[]> part = send(at(media).header("Range", "bytes=3-6"));
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(bytes("3456"));
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 3-6/10");
        assertThat(send(at(media).header("Range", "bytes=8-100")).body()).isEqualTo(bytes("89"));
        assertThat(send(at(media).header("Range", "bytes=10-20")).statusCode()).isEqualTo(416);
        assertThat(send(at("/storage/v1/b/" + B + "/o/dir%2Fnone?alt=media")).statusCode()).isEqualTo(404);
    }

    @Test
    void listingPagesThroughInNameOrderWithinThePrefix() throws Exception {
        server.setPageSize(2);
        for (String n : List.of("p/c", "p/a", "q/x", "p/b", "p/d", "p/e")) {
            upload(n, bytes(n), "");
        }
        StringBuilder names = new StringBuilder();
        String token = null;
        int pages = 0;
        do {
            HttpResponse<byte[]> r = send(at("/storage/v1/b/" + B + "/o?prefix=p%2F"
                    + (token == null ? "" : "&pageToken=" + token)));
            assertThat(r.statusCode()).isEqualTo(200);
            Map<String, Object> page = json(r);
            for (Object item : (List<?>) page.get("items")) {
                names.append(((Map<?, ?>) item).get("name")).append(' ');
            }
            token = (String) page.get("nextPageToken");
            pages++;
        } while (token != null);
        assertThat(names.toString().trim()).isEqualTo("p/a p/b p/c p/d p/e");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void unknownAndDeniedBucketsAreTold() throws Exception {
        assertThat(send(at("/storage/v1/b/" + B)).statusCode()).isEqualTo(200);
        assertThat(send(at("/storage/v1/b/nope")).statusCode()).isEqualTo(404);
        server.deny(B);
        assertThat(send(at("/storage/v1/b/" + B)).statusCode()).isEqualTo(403);
        assertThat(upload("x", bytes("x"), "").statusCode()).isEqualTo(403);
        assertThat(send(at("/storage/v1/b/" + B + "/o/x/acl")).statusCode()).as("not implemented").isEqualTo(501);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
