package dev.cairn.remotes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.remotes.RemoteException;
import dev.cairn.remotes.RemoteUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the token for a server comes from, and that no message shows one. */
class RemoteTokensTest {
    @TempDir
    Path root;

    private final Map<String, String> env = new HashMap<>();

    private RemoteTokens.Token tokenFor(String url) {
        env.put("CAIRN_ROOT_PATH", root.toString());
        return new RemoteTokens(env::get).forServer(HttpLocation.of(RemoteUrl.parse(url, null), Map.of()));
    }

    private void tokensFile(String json) throws IOException {
        Files.writeString(root.resolve("remote-tokens.json"), json);
    }

    @Test
    void theEnvironmentWinsOverTheFile() throws IOException {
        tokensFile("{\"h:1\": \"from-file\"}");
        env.put("CAIRN_REMOTE_TOKEN", "from-env");
        assertThat(tokenFor("http://h:1/o/r")).isEqualTo(new RemoteTokens.Token("from-env", "CAIRN_REMOTE_TOKEN"));
    }

    @Test
    void theFileIsLookedUpByHostAndPortThenByHost() throws IOException {
        tokensFile("{\"h:1\": \"one\", \"h\": \"any-port\", \"[::1]:8080\": \"six\"}");
        String file = root.resolve("remote-tokens.json").toString();
        assertThat(tokenFor("http://h:1/o/r")).isEqualTo(new RemoteTokens.Token("one", file));
        assertThat(tokenFor("https://H/o/r").value()).isEqualTo("any-port");
        assertThat(tokenFor("http://[::1]:8080/o/r").value()).isEqualTo("six");
        assertThat(tokenFor("http://other:1/o/r")).isNull();
        assertThat(tokenFor("http://h:1/o/r").toString()).doesNotContain("one");
    }

    @Test
    void noFileMeansNoToken() {
        assertThat(tokenFor("http://h:1/o/r")).isNull();
    }

    @Test
    void aBrokenFileIsAClearErrorThatDoesNotQuoteIt() throws IOException {
        tokensFile("{\"h:1\": \"secret-token\"");
        assertThatThrownBy(() -> tokenFor("http://h:1/o/r")).isInstanceOf(RemoteException.class)
                .hasMessage("the remote-tokens file '" + root.resolve("remote-tokens.json") + "' is not valid JSON");
        tokensFile("[\"secret-token\"]");
        assertThatThrownBy(() -> tokenFor("http://h:1/o/r")).isInstanceOf(RemoteException.class)
                .hasMessageContaining("must hold a JSON object");
        tokensFile("{\"h:1\": \"secret token\"}");
        assertThatThrownBy(() -> tokenFor("http://h:1/o/r")).isInstanceOf(RemoteException.class)
                .hasMessageContaining("holds a character a token may not")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }
}
