package dev.cairn.remotes.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.blob.BlobReader;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.testdata.TestChunks;
import dev.cairn.testdata.gcs.FakeGcsServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A blob over 16 MiB goes up by resumable upload in pieces, and comes back whole and by ranges. */
class GcsLargeBlobTest {
    @TempDir
    Path tmp;

    private FakeGcsServer server;

    @BeforeEach
    void start() throws IOException {
        server = FakeGcs.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aBlobOverTheThresholdIsUploadedResumablyInPieces() throws IOException {
        byte[] content = TestChunks.randomBytes((int) GcsBlobStore.RESUMABLE_THRESHOLD + (1 << 20) + 123, 7);
        Path file = tmp.resolve("table-file");
        Files.write(file, content);
        try (BlobStore s = FakeGcs.open(FakeGcs.url(server, FakeGcs.BUCKET, "big"))) {
            server.clearRequests();
            s.put("tables/large", BlobSource.ofFile(file));

            List<FakeGcsServer.RecordedRequest> sent = server.requests();
            assertThat(sent).noneMatch(r -> "multipart".equals(r.query().get("uploadType")));
            assertThat(sent).filteredOn(r -> r.method().equals("POST"))
                    .singleElement().satisfies(r -> assertThat(r.query()).containsEntry("uploadType", "resumable"));
            List<FakeGcsServer.RecordedRequest> puts = sent.stream().filter(r -> r.method().equals("PUT")).toList();
            assertThat(puts).hasSizeGreaterThanOrEqualTo(2);
            assertThat(puts).allSatisfy(r -> assertThat(r.headers()).containsKey("content-range"));
            assertThat(puts.stream().mapToLong(FakeGcsServer.RecordedRequest::bodyLength).sum())
                    .isGreaterThanOrEqualTo(content.length);
            assertThat(server.openUploads()).isZero();
            assertThat(server.object(FakeGcs.BUCKET, "big/tables/large").bytes()).isEqualTo(content);

            assertThat(s.size("tables/large")).isEqualTo(content.length);
            assertThat(s.get("tables/large", ByteRange.ALL)).isEqualTo(content);
            int off = (int) GcsBlobStore.RESUMABLE_THRESHOLD - 10;
            try (BlobReader r = s.open("tables/large")) {
                assertThat(r.read(off, 100)).isEqualTo(Arrays.copyOfRange(content, off, off + 100));
                assertThat(r.read(content.length - 5, 100))
                        .isEqualTo(Arrays.copyOfRange(content, content.length - 5, content.length));
            }
        }
    }
}
