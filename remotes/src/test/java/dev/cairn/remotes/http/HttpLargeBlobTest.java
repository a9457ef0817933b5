package dev.cairn.remotes.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.remotes.RemoteFactory;
import dev.cairn.remotes.RemoteUrl;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads of table-file size: streamed from the file (a client with a 48 MB heap sends a
 * 200 MB file), and sent again without trouble when the server already has them, whether it
 * answers before the body (large: Expect: 100-continue) or reads it to the end (small).
 */
class HttpLargeBlobTest {
    @TempDir
    Path tmp;

    /** The child JVM's entry point: uploads a file to a URL with a small heap. */
    public static void main(String[] args) throws Exception {
        try (BlobStore s = RemoteFactory.standard().open(args[0], null, Map.of())) {
            s.put("big", BlobSource.ofFile(Path.of(args[1])));
        }
        System.out.println("uploaded");
    }

    @Test
    void aFileLargerThanTheHeapIsStreamed() throws Exception {
        Path file = tmp.resolve("big.bin");
        byte[] block = new byte[1 << 20];
        new Random(1).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 200; i++) {
                block[0] = (byte) i;
                out.write(block);
            }
        }
        try (LiveServer server = LiveServer.start(tmp.resolve("srv"), b -> b)) {
            String url = server.url("org", "db");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder(java.toString(), "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                    HttpLargeBlobTest.class.getName(), url, file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            try (BlobStore s = RemoteFactory.standard().open(url, null, Map.of())) {
                assertThat(s.size("big")).isEqualTo(200L << 20);
                assertThat(s.get("big", ByteRange.of((199L << 20), 1 << 20))).startsWith((byte) 199)
                        .isEqualTo(withFirst(block, 199));
            }
        }
    }

    private static byte[] withFirst(byte[] block, int first) {
        byte[] b = block.clone();
        b[0] = (byte) first;
        return b;
    }

    @Test
    void aBlobTheServerHasIsPutAgainWithoutError() throws Exception {
        try (LiveServer server = LiveServer.start(tmp.resolve("srv"), b -> b);
                // Without the retry decorator, so that a failed attempt shows.
                BlobStore s = new HttpRemoteScheme().open(RemoteUrl.parse(server.url("org", "db"), null), Map.of())) {
            for (int size : List.of(900 << 10, (int) HttpBlobStore.EXPECT_CONTINUE_FROM, 6 << 20)) {
                byte[] bytes = new byte[size];
                new Random(size).nextBytes(bytes);
                for (int i = 0; i < 3; i++) {
                    s.put("blob-" + size, BlobSource.ofBytes(bytes));
                }
                assertThat(Arrays.equals(s.get("blob-" + size, ByteRange.ALL), bytes)).as("size %s", size).isTrue();
            }
        }
    }
}
