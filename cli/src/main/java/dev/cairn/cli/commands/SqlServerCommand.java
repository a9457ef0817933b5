package dev.cairn.cli.commands;

import dev.cairn.cli.StopSignals;
import dev.cairn.cli.UserError;
import dev.cairn.repo.Config;
import dev.cairn.repo.Repo;
import dev.cairn.sql.server.MySqlServer;
import dev.cairn.sql.server.MySqlServerConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn sql-server}: serves the databases of a directory over the MySQL client/server
 * protocol until SIGTERM or SIGINT. The directory is read as {@code cairn sql} reads the
 * current one: a database if it holds {@code .cairn}, and its subdirectories that are
 * databases either way. A signal closes the server gracefully: it stops accepting, lets the
 * statements in flight finish, and only then does the process exit, with status 0.
 */
@Command(name = "sql-server", description = {
        "Serve the databases in a directory over the MySQL protocol, until SIGTERM or SIGINT.",
        "The password is --password, else the config key " + SqlServerCommand.PASSWORD_KEY + ", else empty."})
public final class SqlServerCommand extends CairnCommand {
    static final String PASSWORD_KEY = "sqlserver.password";

    @Option(names = {"-H", "--host"}, paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-P", "--port"}, paramLabel = "PORT", defaultValue = "3306",
            description = "Port to listen on; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", defaultValue = "root",
            description = "The user clients log in as (default ${DEFAULT-VALUE}).")
    String user;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD",
            description = "The user's password (default: config " + PASSWORD_KEY + ", else empty).")
    String password;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "A database, or a directory of databases (default: the current directory).")
    Path dataDir;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "100",
            description = "Connections served at once (default ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "28800",
            description = "Close a connection idle this long (default ${DEFAULT-VALUE}).")
    long idleTimeoutSeconds;

    @Override
    protected void run() throws Exception {
        if (port < 0 || port > 65535) {
            throw new UserError("port " + port + " is out of range (0-65535)");
        }
        if (maxConnections < 1) {
            throw new UserError("--max-connections must be at least 1");
        }
        if (idleTimeoutSeconds < 1) {
            throw new UserError("--idle-timeout must be at least 1 second");
        }
        Path dir = dataDir == null ? cwd() : cwd().resolve(dataDir).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new UserError(Files.exists(dir) ? "data directory '" + dir + "' is not a directory"
                    : "data directory '" + dir + "' does not exist");
        }
        String pass = password != null ? password
                : Config.forRepo(Repo.isRepo(dir) ? dir : null).get(PASSWORD_KEY).orElse("");
        Duration idle = Duration.ofSeconds(idleTimeoutSeconds);
        MySqlServerConfig config = MySqlServerConfig.builder(dir).host(host).port(port).user(user).password(pass)
                .maxConnections(maxConnections).idleTimeout(idle).environment(System.getenv()).build();

        MySqlServer server = start(config);
        // SIGTERM/SIGINT: statements in flight finish, then awaitClosed() returns and the exit status is 0.
        StopSignals.onStop("cairn-sql-server", server::close);
        // After the bind, so the line names the port really listened on (--port 0) and a client
        // started once it is printed connects.
        err().println("Starting server with Config HP=\"" + host + ":" + server.port() + "\"|U=\"" + user
                + "\"|T=\"" + idle.toMillis() + "\"|MC=\"" + maxConnections + "\"|D=\"" + dir + "\"");
        err().flush();
        server.awaitClosed();
        err().println("Server closed.");
    }

    private MySqlServer start(MySqlServerConfig config) {
        try {
            return MySqlServer.start(config);
        } catch (IOException e) {
            // The server wraps the bind's exception in one that names the address.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof UnknownHostException) {
                throw new UserError("unknown host '" + host + "'");
            }
            String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (cause instanceof BindException && why.contains("in use")) {
                why = "the port is already in use";
            }
            throw new UserError("cannot listen on " + host + ":" + port + ": " + why);
        }
    }
}
