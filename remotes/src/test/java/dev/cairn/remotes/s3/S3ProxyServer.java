package dev.cairn.remotes.s3;

import dev.cairn.remotes.RemoteUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for the tests: s3proxy with its file-system backend, run in this JVM on
 * a free loopback port with signature-v4 authentication. One per test JVM, started on first
 * use and stopped when the JVM exits, because starting Jetty costs about a second. Shared
 * with the cli module's end-to-end tests through this module's test jar.
 */
public final class S3ProxyServer {
    public static final String ACCESS_KEY = "cairn-test-key";
    public static final String SECRET_KEY = "cairn-test-secret-0123456789";

    private static S3ProxyServer instance;
    private static S3ProxyServer atomic;

    private final S3Proxy proxy;
    private final Path dir;
    private final URI endpoint;
    private final S3Client admin;
    private final AtomicInteger buckets = new AtomicInteger();

    private S3ProxyServer(boolean atomicIfMatch) throws Exception {
        dir = Files.createTempDirectory("s3proxy-");
        // The CAS races run on the in-memory backend: thousands of small writes, no disk needed.
        org.gaul.s3proxy.blobstore.BlobStore backend = atomicIfMatch ? new TransientNio2BlobStore()
                : new FilesystemNio2BlobStore(dir.toString());
        proxy = S3Proxy.builder()
                .blobStore(atomicIfMatch ? new AtomicIfMatchBlobStore(backend) : backend)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!proxy.getState().equals("STARTED")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        admin = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "s3proxy-stop"));
    }

    public static synchronized S3ProxyServer get() {
        if (instance == null) {
            instance = start(false);
        }
        return instance;
    }

    /**
     * A server whose conditional writes are atomic, as S3's are: s3proxy 4.1.0 checks
     * {@code If-Match} for its file-system backend with a read and then a write, so two
     * concurrent writers holding the same ETag can both pass (see {@link AtomicIfMatchBlobStore}).
     * For racing many writers against one manifest.
     */
    static synchronized S3ProxyServer atomic() {
        if (atomic == null) {
            atomic = start(true);
        }
        return atomic;
    }

    private static S3ProxyServer start(boolean atomicIfMatch) {
        try {
            return new S3ProxyServer(atomicIfMatch);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start s3proxy", e);
        }
    }

    private void stop() {
        try {
            admin.close();
            proxy.stop();
        } catch (Exception ignored) {
            // the JVM is exiting
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client with full access, for setting up and inspecting buckets behind the store's back. */
    S3Client admin() {
        return admin;
    }

    /** A new, empty bucket. */
    public String newBucket() {
        String name = "bkt-" + buckets.incrementAndGet();
        admin.createBucket(r -> r.bucket(name));
        return name;
    }

    /** The URL of {@code path} in {@code bucket} on this server. */
    public String url(String bucket, String path) {
        return "s3://" + bucket + "/" + path + "?endpoint=" + endpoint + "&path-style=true";
    }

    RemoteUrl remoteUrl(String bucket, String path) {
        return RemoteUrl.parse(url(bucket, path), null);
    }

    /** A credentials file with this server's keys under profile {@code default}, and the parameters naming it. */
    static Map<String, String> credentialParams(Path dir) {
        Path file = dir.resolve("aws-credentials");
        try {
            Files.writeString(file, "[default]\naws_access_key_id = " + ACCESS_KEY + "\naws_secret_access_key = "
                    + SECRET_KEY + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(AwsCredentialOptions.CREDS_TYPE, "file", AwsCredentialOptions.CREDS_FILE, file.toString());
    }
}
