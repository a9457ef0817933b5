package dev.cairn.cli.commands;

import dev.cairn.cli.StopSignals;
import dev.cairn.cli.UserError;
import dev.cairn.remotes.http.server.RemoteServer;
import dev.cairn.remotes.http.server.RemoteServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn remotesrv}: serves every database under a directory as an HTTP remote, as
 * Dolt's {@code remotesrv} does, until SIGTERM or SIGINT; requests in flight then finish.
 */
@Command(name = "remotesrv", description = "Serve every database under a directory as an HTTP remote"
        + " (http://host:port/org/repo).")
public final class RemotesrvCommand extends CairnCommand {
    @Option(names = "--http-port", required = true, paramLabel = "PORT", description = "The port to listen on.")
    int port;

    @Option(names = "--dir", required = true, paramLabel = "DIR",
            description = "The directory whose ORG/REPO subdirectories are served; created if missing.")
    Path dir;

    @Option(names = "--host", paramLabel = "HOST", description = "The address to listen on (default: all).")
    String host = "0.0.0.0";

    @Option(names = "--read-only", description = "Refuse every write.")
    boolean readOnly;

    @Option(names = "--auth-token-file", paramLabel = "FILE",
            description = "Require the bearer token in FILE on every request.")
    Path authTokenFile;

    @Option(names = "--public-read", description = "With --auth-token-file: let reads through without a token.")
    boolean publicRead;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "Serve HTTPS with this PEM certificate chain.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The PEM (PKCS#8) private key of --tls-cert.")
    Path tlsKey;

    @Override
    protected void run() throws Exception {
        if (port < 0 || port > 65535) {
            throw new UserError("--http-port " + port + " is not a port number");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new UserError("--tls-cert and --tls-key go together");
        }
        if (publicRead && authTokenFile == null) {
            throw new UserError("--public-read needs --auth-token-file");
        }
        Path root = cwd().resolve(dir).toAbsolutePath().normalize();
        RemoteServerConfig.Builder config = RemoteServerConfig.builder(root).host(host).port(port)
                .readOnly(readOnly).publicRead(publicRead);
        if (authTokenFile != null) {
            config.authToken(readToken(cwd().resolve(authTokenFile)));
        }
        if (tlsCert != null) {
            config.tls(cwd().resolve(tlsCert), cwd().resolve(tlsKey));
        }
        PrintWriter err = err();
        config.accessLog(line -> {
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        });
        RemoteServer server;
        try {
            server = RemoteServer.start(config.build());
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        // SIGTERM/SIGINT: requests in flight finish, then join() returns and the exit status is 0.
        StopSignals.onStop("cairn-remotesrv", server::close);
        err.println("Serving " + root + " at " + server.baseUri() + "/ (org/repo URLs)");
        err.flush();
        server.join();
    }

    private static String readToken(Path file) {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UserError("cannot read the token file " + file + ": "
                    + (e instanceof NoSuchFileException ? "no such file" : e instanceof AccessDeniedException
                            ? "permission denied" : e.getMessage()));
        }
        if (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)) {
            throw new UserError("the token file " + file + " must hold one token without whitespace");
        }
        return token;
    }

}
