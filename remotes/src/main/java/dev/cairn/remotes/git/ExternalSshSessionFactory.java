package dev.cairn.remotes.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RemoteSession;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;

/**
 * SSH for {@code git+ssh} remotes through the system's ssh client ({@code $GIT_SSH}, else
 * {@code ssh} on the PATH), as command-line Git does: the user's keys, agent, config and
 * known hosts then work unchanged, and JGit's SSH modules (Apache MINA, Bouncy Castle)
 * stay out of the jar. Runs in batch mode, so a missing key fails instead of prompting.
 */
final class ExternalSshSessionFactory extends SshSessionFactory {
    private final String program;

    ExternalSshSessionFactory(String program) {
        this.program = program == null || program.isBlank() ? "ssh" : program;
    }

    @Override
    public RemoteSession getSession(URIish uri, CredentialsProvider credentials, FS fs, int timeoutMillis) {
        return new RemoteSession() {
            @Override
            public Process exec(String command, int timeout) throws IOException {
                List<String> cmd = new ArrayList<>(List.of(program, "-o", "BatchMode=yes"));
                if (timeoutMillis > 0) {
                    cmd.addAll(List.of("-o", "ConnectTimeout=" + Math.max(1, timeoutMillis / 1000)));
                }
                if (uri.getPort() > 0) {
                    cmd.addAll(List.of("-p", Integer.toString(uri.getPort())));
                }
                cmd.add(uri.getUser() == null ? uri.getHost() : uri.getUser() + "@" + uri.getHost());
                cmd.add(command);
                return new ProcessBuilder(cmd).start();
            }

            @Override
            public void disconnect() {
            }
        };
    }

    @Override
    public String getType() {
        return "external-ssh";
    }
}
