package dev.cairn.sql.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link MySqlServer} listens and whom it lets in. Immutable; made with {@link #builder}.
 * The defaults are MySQL's: port 3306, user {@code root} with no password, 100 connections,
 * an 8 hour idle timeout ({@code wait_timeout}).
 */
public final class MySqlServerConfig {
    /** MySQL's two password plugins; the user's plugin is the one a client is switched to. */
    public static final String NATIVE_PASSWORD = "mysql_native_password";
    public static final String CACHING_SHA2_PASSWORD = "caching_sha2_password";

    private final Path dataDir;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String authPlugin;
    private final int maxConnections;
    private final Duration idleTimeout;
    private final Duration shutdownGrace;
    private final Map<String, String> environment;

    private MySqlServerConfig(Builder b) {
        this.dataDir = b.dataDir;
        this.host = b.host;
        this.port = b.port;
        this.user = b.user;
        this.password = b.password;
        this.authPlugin = b.authPlugin;
        this.maxConnections = b.maxConnections;
        this.idleTimeout = b.idleTimeout;
        this.shutdownGrace = b.shutdownGrace;
        this.environment = b.environment;
    }

    /** A builder serving the database (or workspace of databases) in {@code dataDir}. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    public Path dataDir() {
        return dataDir;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String authPlugin() {
        return authPlugin;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    /** The environment the sessions see (null: the process environment). */
    public Map<String, String> environment() {
        return environment;
    }

    /** Fills in a {@link MySqlServerConfig}; every setter has MySQL's default. */
    public static final class Builder {
        private final Path dataDir;
        private String host = "127.0.0.1";
        private int port = 3306;
        private String user = "root";
        private String password = "";
        private String authPlugin = NATIVE_PASSWORD;
        private int maxConnections = 100;
        private Duration idleTimeout = Duration.ofHours(8);
        private Duration shutdownGrace = Duration.ofSeconds(30);
        private Map<String, String> environment;

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The TCP port; 0 picks a free one ({@link MySqlServer#port()} tells which). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder user(String user) {
            if (user == null || user.isEmpty()) {
                throw new IllegalArgumentException("user must not be empty");
            }
            this.user = user;
            return this;
        }

        /** The user's password; empty means none. */
        public Builder password(String password) {
            this.password = password == null ? "" : password;
            return this;
        }

        /**
         * The user's authentication plugin, {@link #NATIVE_PASSWORD} (the default, which every
         * client speaks) or {@link #CACHING_SHA2_PASSWORD} (MySQL 8's default).
         */
        public Builder authPlugin(String plugin) {
            if (!NATIVE_PASSWORD.equals(plugin) && !CACHING_SHA2_PASSWORD.equals(plugin)) {
                throw new IllegalArgumentException("unsupported authentication plugin: " + plugin);
            }
            this.authPlugin = plugin;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /** How long a connection may wait between commands before the server closes it. */
        public Builder idleTimeout(Duration idleTimeout) {
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
            }
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** How long {@link MySqlServer#close()} waits for statements in flight before cutting connections. */
        public Builder shutdownGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("shutdownGrace must not be negative: " + grace);
            }
            this.shutdownGrace = grace;
            return this;
        }

        /** The environment variables the sessions see, as {@code cairn sql} passes its own. */
        public Builder environment(Map<String, String> environment) {
            this.environment = environment == null ? null : Map.copyOf(environment);
            return this;
        }

        public MySqlServerConfig build() {
            return new MySqlServerConfig(this);
        }
    }
}
