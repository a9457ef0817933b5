package dev.cairn.remotes.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.BlobReader;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.remotes.RemoteFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What the contract does not cover: where objects land in the bucket, multipart uploads, bucket roots. */
class S3BlobStoreTest {
    private static final S3ProxyServer SERVER = S3ProxyServer.get();

    @TempDir
    Path tmp;

    private List<String> objectKeys(String bucket) {
        return SERVER.admin().listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().map(S3Object::key)
                .toList();
    }

    @Test
    void blobsAndTheManifestAreObjectsUnderTheUrlPath() throws IOException {
        String bucket = SERVER.newBucket();
        SERVER.admin().putObject(r -> r.bucket(bucket).key("elsewhere/x"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("not ours"));
        try (BlobStore s = RemoteFactory.standard().open(SERVER.remoteUrl(bucket, "team/db"),
                S3ProxyServer.credentialParams(tmp))) {
            s.put("abc123", BlobSource.ofBytes(bytes("table")));
            assertThat(s.putManifest(null, bytes("manifest v1"))).isTrue();
            assertThat(objectKeys(bucket)).containsExactlyInAnyOrder("elsewhere/x", "team/db/abc123", "team/db/manifest");
            assertThat(SERVER.admin().getObjectAsBytes(r -> r.bucket(bucket).key("team/db/manifest")).asUtf8String())
                    .isEqualTo("manifest v1");
            assertThat(s.list("")).extracting(BlobInfo::key).containsExactly("abc123");
            assertThatThrownBy(() -> s.put("manifest", BlobSource.ofBytes(bytes("x"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        }
    }

    @Test
    void aUrlWithoutPathUsesTheBucketRoot() throws IOException {
        String bucket = SERVER.newBucket();
        try (BlobStore s = RemoteFactory.standard().open(
                dev.cairn.remotes.RemoteUrl.parse("s3://" + bucket + "?endpoint=" + SERVER.endpoint() + "&path-style=true",
                        null), S3ProxyServer.credentialParams(tmp))) {
            s.put("t/1", BlobSource.ofBytes(bytes("one")));
            assertThat(s.putManifest(null, bytes("m"))).isTrue();
        }
        assertThat(objectKeys(bucket)).containsExactlyInAnyOrder("t/1", "manifest");
    }

    @Test
    void aBlobAboveTheThresholdGoesUpInPartsAndReadsBackWhole() throws IOException {
        String bucket = SERVER.newBucket();
        S3Location where = S3Location.of(SERVER.remoteUrl(bucket, "mp"));
        AwsCredentialOptions creds = AwsCredentialOptions.of(S3ProxyServer.credentialParams(tmp), where.toString());
        byte[] content = new byte[(13 << 20) + 17];
        new Random(7).nextBytes(content);
        Path file = tmp.resolve("big.bin");
        Files.write(file, content);
        try (S3BlobStore s = new S3BlobStore(S3ClientFactory.build(where, creds), where, 6L << 20, 5L << 20)) {
            s.put("big", BlobSource.ofFile(file));
            s.put("big-from-bytes", BlobSource.ofBytes(content));
            for (String key : List.of("big", "big-from-bytes")) {
                assertThat(s.size(key)).isEqualTo(content.length);
                assertThat(s.get(key, ByteRange.ALL)).isEqualTo(content);
                // A multipart object's ETag ends in -<parts>: three parts of at most 5 MiB.
                String etag = SERVER.admin().headObject(r -> r.bucket(bucket).key("mp/" + key)).eTag();
                assertThat(etag.replace("\"", "")).endsWith("-3");
            }
            try (BlobReader r = s.open("big")) {
                int off = (5 << 20) - 10;
                assertThat(r.read(off, 20)).isEqualTo(Arrays.copyOfRange(content, off, off + 20));
                assertThat(r.read(content.length - 5, 100)).hasSize(5);
            }
            assertThat(SERVER.admin().listMultipartUploads(r -> r.bucket(bucket)).uploads())
                    .as("no upload left open").isEmpty();
        }
    }

    @Test
    void openExistingIsNullWhereThereIsNoManifestAndCreatesNothing() throws IOException {
        String bucket = SERVER.newBucket();
        Map<String, String> params = S3ProxyServer.credentialParams(tmp);
        assertThat(RemoteFactory.standard().openExisting(SERVER.remoteUrl(bucket, "nothing/here"), params)).isNull();
        assertThat(objectKeys(bucket)).isEmpty();
        try (BlobStore s = RemoteFactory.standard().open(SERVER.remoteUrl(bucket, "db"), params)) {
            assertThat(s.putManifest(null, bytes("m"))).isTrue();
        }
        try (BlobStore s = RemoteFactory.standard().openExisting(SERVER.remoteUrl(bucket, "db"), params)) {
            assertThat(s).isNotNull();
            assertThat(new String(s.getManifest().bytes(), StandardCharsets.UTF_8)).isEqualTo("m");
        }
    }

    @Test
    void credentialsCanComeFromTheDefaultChain() throws IOException {
        String bucket = SERVER.newBucket();
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        try (BlobStore s = RemoteFactory.standard().open(SERVER.remoteUrl(bucket, "db"), Map.of())) {
            s.put("x", BlobSource.ofBytes(bytes("from the default chain")));
            assertThat(s.get("x", ByteRange.ALL)).isEqualTo(bytes("from the default chain"));
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
