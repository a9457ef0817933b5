package dev.cairn.cli;

import static dev.cairn.cli.InProcess.cairn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cli.InProcess.Result;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn remotesrv}'s refusals: each one line and exit 1, before anything is served. */
class RemotesrvCommandTest {
    @TempDir
    Path dir;

    private Result fails(String... args) {
        Result r = cairn(dir, args);
        assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(1);
        assertThat(r.err()).as("one line").endsWith("\n").doesNotContain("\tat ");
        assertThat(r.err().strip()).doesNotContain("\n");
        return r;
    }

    @Test
    void aPortInUseIsOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(fails("remotesrv", "--http-port", String.valueOf(taken.getLocalPort()), "--host", "127.0.0.1",
                    "--dir", "srv").err()).startsWith("error: cannot serve on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void badOptionsAreOneLineEach() throws Exception {
        assertThat(fails("remotesrv", "--http-port", "0", "--dir", "srv", "--tls-cert", "c.pem").err())
                .isEqualTo("error: --tls-cert and --tls-key go together\n");
        assertThat(fails("remotesrv", "--http-port", "0", "--dir", "srv", "--public-read").err())
                .isEqualTo("error: --public-read needs --auth-token-file\n");
        assertThat(fails("remotesrv", "--http-port", "0", "--dir", "srv", "--auth-token-file", "missing").err())
                .contains("cannot read the token file").contains("no such file");
        assertThat(fails("remotesrv", "--http-port", "0", "--dir", "srv", "--tls-cert", "c.pem", "--tls-key", "k.pem")
                .err()).contains("cannot read the certificate").contains("no such file");
        Files.writeString(dir.resolve("afile"), "x");
        assertThat(fails("remotesrv", "--http-port", "0", "--dir", "afile/srv").err())
                .contains("cannot create the directory");
        assertThat(fails("remotesrv", "--http-port", "70000", "--dir", "srv").err()).contains("not a port number");
    }
}
