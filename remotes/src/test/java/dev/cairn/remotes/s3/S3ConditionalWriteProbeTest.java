package dev.cairn.remotes.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What the manifest's compare-and-swap rests on, asked of the test server directly: a
 * PutObject with {@code If-None-Match: *} or {@code If-Match} that does not hold is refused
 * with 412. If s3proxy ever stops honouring these, every CAS test here would be meaningless,
 * so this says so first and plainly.
 */
class S3ConditionalWriteProbeTest {
    private final S3ProxyServer server = S3ProxyServer.get();
    private final S3Client s3 = server.admin();

    @Test
    void putIfNoneMatchStarIsRefusedWhenTheObjectExists() {
        String bucket = server.newBucket();
        s3.putObject(r -> r.bucket(bucket).key("m").ifNoneMatch("*"), RequestBody.fromString("one"));
        assertThatThrownBy(() -> s3.putObject(r -> r.bucket(bucket).key("m").ifNoneMatch("*"),
                RequestBody.fromString("two")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("m")).asUtf8String()).isEqualTo("one");
    }

    @Test
    void putIfMatchSucceedsOnlyWithTheCurrentETag() {
        String bucket = server.newBucket();
        String first = s3.putObject(r -> r.bucket(bucket).key("m"), RequestBody.fromString("one")).eTag();
        assertThatThrownBy(() -> s3.putObject(r -> r.bucket(bucket).key("m").ifMatch("\"0123456789abcdef\""),
                RequestBody.fromString("two")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        String second = s3.putObject(r -> r.bucket(bucket).key("m").ifMatch(first), RequestBody.fromString("three"))
                .eTag();
        assertThat(second).isNotEqualTo(first);
        assertThatThrownBy(() -> s3.putObject(r -> r.bucket(bucket).key("m").ifMatch(first),
                RequestBody.fromString("four")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("m")).asUtf8String()).isEqualTo("three");
    }

    @Test
    void putIfMatchOnAMissingObjectIsRefused() {
        String bucket = server.newBucket();
        assertThatThrownBy(() -> s3.putObject(r -> r.bucket(bucket).key("none").ifMatch("\"abc\""),
                RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isIn(404, 412));
    }
}
