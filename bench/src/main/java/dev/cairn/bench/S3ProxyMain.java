package dev.cairn.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * The S3 server {@code bench/cloud-bench.sh} syncs to: s3proxy with its file-system backend
 * on a directory, in a JVM of its own so that its work is not charged to the timed
 * {@code cairn} process but still shares the machine, as a server on the same host would.
 *
 * <pre>
 *   S3ProxyMain --dir D --port P --bucket B
 * </pre>
 *
 * Serves buckets as directories of D on 127.0.0.1:P (0 picks a free port), with bucket B
 * created, signature-v4 authentication against AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY,
 * and prints {@code port N} on one line once it accepts requests. Runs until killed.
 */
public final class S3ProxyMain {
    private S3ProxyMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6 || !args[0].equals("--dir") || !args[2].equals("--port") || !args[4].equals("--bucket")) {
            System.err.println("usage: S3ProxyMain --dir D --port P --bucket B");
            System.exit(2);
        }
        String key = System.getenv("AWS_ACCESS_KEY_ID");
        String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
        if (key == null || key.isEmpty() || secret == null || secret.isEmpty()) {
            System.err.println("S3ProxyMain: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[1]).toAbsolutePath());
        FilesystemNio2BlobStore backend = new FilesystemNio2BlobStore(dir.toString());
        if (!backend.containerExists(args[5])) {
            backend.createContainer(args[5]);
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(backend)
                .endpoint(URI.create("http://127.0.0.1:" + Integer.parseInt(args[3])))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, key, secret)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!proxy.getState().equals("STARTED")) {
            if (System.nanoTime() > deadline) {
                System.err.println("S3ProxyMain: s3proxy did not start: " + proxy.getState());
                System.exit(1);
            }
            Thread.sleep(10);
        }
        System.out.println("port " + proxy.getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
