package dev.cairn.remotes.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 *
 * <p>Each ssh process's stderr is read by a thread of ours, which keeps its start and passes
 * every byte on to JGit. JGit classifies a failure as soon as ssh hangs up, sometimes before
 * its own reader has taken ssh's last words, and then calls a refused login "not found";
 * {@link #lastStderr} lets the caller read what ssh really said before classifying.
 */
final class ExternalSshSessionFactory extends SshSessionFactory {
    private static final int KEPT_STDERR = 8 * 1024;

    private final String program;
    private final AtomicReference<StderrPump> last = new AtomicReference<>();

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
                Process p = new ProcessBuilder(cmd).start();
                StderrPump pump = new StderrPump(p.getErrorStream());
                last.set(pump);
                return new PumpedProcess(p, pump);
            }

            @Override
            public void disconnect() {
            }
        };
    }

    /**
     * What the most recent ssh process wrote to stderr, waiting up to {@code waitMillis} for it
     * to finish writing (it has usually exited when this is asked); empty if none ran.
     */
    String lastStderr(long waitMillis) {
        StderrPump pump = last.get();
        return pump == null ? "" : pump.text(waitMillis);
    }

    @Override
    public String getType() {
        return "external-ssh";
    }

    /** Reads a process's stderr to its end, keeping the first {@value #KEPT_STDERR} bytes and passing all on. */
    private static final class StderrPump extends Thread {
        private final InputStream from;
        private final PipedInputStream forJgit = new PipedInputStream(64 * 1024);
        private final PipedOutputStream to;
        private final byte[] kept = new byte[KEPT_STDERR];
        private int keptLength;

        StderrPump(InputStream from) throws IOException {
            super("ssh-stderr");
            this.from = from;
            this.to = new PipedOutputStream(forJgit);
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            byte[] buf = new byte[4096];
            boolean jgitListening = true;
            try (from) {
                for (int n; (n = from.read(buf)) > 0; ) {
                    synchronized (this) {
                        int k = Math.min(n, kept.length - keptLength);
                        System.arraycopy(buf, 0, kept, keptLength, k);
                        keptLength += k;
                    }
                    if (jgitListening) {
                        try {
                            to.write(buf, 0, n);
                            to.flush();
                        } catch (IOException e) {
                            jgitListening = false; // JGit stopped reading; keep draining for ourselves
                        }
                    }
                }
            } catch (IOException e) {
                // ssh's stderr closed under us: what was kept is all there is
            } finally {
                try {
                    to.close();
                } catch (IOException ignored) {
                    // the reader is gone already
                }
            }
        }

        String text(long waitMillis) {
            try {
                join(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                return new String(kept, 0, keptLength, StandardCharsets.UTF_8);
            }
        }
    }

    /** The ssh process as JGit sees it, with stderr coming through the pump. */
    private static final class PumpedProcess extends Process {
        private final Process p;
        private final StderrPump pump;

        PumpedProcess(Process p, StderrPump pump) {
            this.p = p;
            this.pump = pump;
        }

        @Override
        public OutputStream getOutputStream() {
            return p.getOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return p.getInputStream();
        }

        @Override
        public InputStream getErrorStream() {
            return pump.forJgit;
        }

        @Override
        public int waitFor() throws InterruptedException {
            return p.waitFor();
        }

        @Override
        public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
            return p.waitFor(timeout, unit);
        }

        /**
         * Waits a little for the exit first: JGit asks only after ssh hung up, and then the exit
         * may not be reaped yet, which would make {@link Process#exitValue} throw instead.
         */
        @Override
        public int exitValue() {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return p.exitValue();
        }

        @Override
        public boolean isAlive() {
            return p.isAlive();
        }

        /**
         * Destroying a process closes its streams, dropping stderr the pump has not read yet; so
         * when ssh has ended (or ends at once: JGit destroys it right after the hang-up) the pump
         * first reads to the end.
         */
        @Override
        public void destroy() {
            try {
                if (p.waitFor(50, TimeUnit.MILLISECONDS)) {
                    pump.join(1_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.destroy();
        }

        @Override
        public Process destroyForcibly() {
            p.destroyForcibly();
            return this;
        }

        @Override
        public long pid() {
            return p.pid();
        }
    }
}
