package dev.cairn.remotes.http.server;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/** How a {@link RemoteServer} runs: what it serves, where it listens, and whom it lets in. */
public final class RemoteServerConfig {
    private final Path dir;
    private final String host;
    private final int port;
    private final boolean readOnly;
    private final String authToken;
    private final boolean publicRead;
    private final Path tlsCert;
    private final Path tlsKey;
    private final long maxBlobBytes;
    private final long maxManifestBytes;
    private final Consumer<String> accessLog;

    private RemoteServerConfig(Builder b) {
        this.dir = b.dir;
        this.host = b.host;
        this.port = b.port;
        this.readOnly = b.readOnly;
        this.authToken = b.authToken;
        this.publicRead = b.publicRead;
        this.tlsCert = b.tlsCert;
        this.tlsKey = b.tlsKey;
        this.maxBlobBytes = b.maxBlobBytes;
        this.maxManifestBytes = b.maxManifestBytes;
        this.accessLog = b.accessLog;
    }

    /** A builder for a server of the repositories under {@code dir}, {@code dir/ORG/REPO} each. */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    public Path dir() {
        return dir;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** The bearer token every request (or, with {@link #publicRead}, every write) needs; null: none. */
    public String authToken() {
        return authToken;
    }

    public boolean publicRead() {
        return publicRead;
    }

    /** The PEM certificate chain, or null for plain HTTP. */
    public Path tlsCert() {
        return tlsCert;
    }

    /** The PEM (PKCS#8) private key, or null for plain HTTP. */
    public Path tlsKey() {
        return tlsKey;
    }

    public long maxBlobBytes() {
        return maxBlobBytes;
    }

    public long maxManifestBytes() {
        return maxManifestBytes;
    }

    public Consumer<String> accessLog() {
        return accessLog;
    }

    /** Collects a {@link RemoteServerConfig}; every setting has a default but the directory. */
    public static final class Builder {
        private final Path dir;
        private String host = "0.0.0.0";
        private int port = 50051;
        private boolean readOnly;
        private String authToken;
        private boolean publicRead;
        private Path tlsCert;
        private Path tlsKey;
        private long maxBlobBytes = 4L << 30;
        private long maxManifestBytes = 1L << 20;
        private Consumer<String> accessLog = line -> System.err.println(line);

        private Builder(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port to listen on; 0 picks a free one, which {@link RemoteServer#port()} then tells. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is out of range");
            }
            this.port = port;
            return this;
        }

        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** Requires {@code Authorization: Bearer <token>}; null turns auth off. */
        public Builder authToken(String token) {
            if (token != null && (token.isBlank() || !token.strip().equals(token))) {
                throw new IllegalArgumentException("an auth token may not be empty or start or end with whitespace");
            }
            this.authToken = token;
            return this;
        }

        /** With an auth token: reads need none, only writes (PUT, DELETE) do. */
        public Builder publicRead(boolean publicRead) {
            this.publicRead = publicRead;
            return this;
        }

        /** Serves HTTPS with this PEM certificate chain and PEM (PKCS#8, RSA or EC) private key. */
        public Builder tls(Path certPem, Path keyPem) {
            this.tlsCert = Objects.requireNonNull(certPem, "certPem");
            this.tlsKey = Objects.requireNonNull(keyPem, "keyPem");
            return this;
        }

        public Builder maxBlobBytes(long max) {
            if (max <= 0) {
                throw new IllegalArgumentException("maxBlobBytes must be positive");
            }
            this.maxBlobBytes = max;
            return this;
        }

        public Builder maxManifestBytes(long max) {
            if (max <= 0 || max > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("maxManifestBytes must be positive and below 2 GiB");
            }
            this.maxManifestBytes = max;
            return this;
        }

        /** Receives one line per request; the default prints it on stderr. */
        public Builder accessLog(Consumer<String> accessLog) {
            this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
            return this;
        }

        public RemoteServerConfig build() {
            if (publicRead && authToken == null) {
                throw new IllegalArgumentException("publicRead needs an auth token: without one everything is public");
            }
            return new RemoteServerConfig(this);
        }
    }
}
