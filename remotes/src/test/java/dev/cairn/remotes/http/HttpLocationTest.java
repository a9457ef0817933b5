package dev.cairn.remotes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.remotes.RemoteException;
import dev.cairn.remotes.RemoteFactory;
import dev.cairn.remotes.RemoteUrl;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an http(s) remote URL may be, checked before anything is stored or opened. */
class HttpLocationTest {
    private final RemoteFactory factory = RemoteFactory.standard();

    private static HttpLocation at(String url) {
        return HttpLocation.of(RemoteUrl.parse(url, null), Map.of());
    }

    @Test
    void aRepositoryIsTheLastTwoSegmentsAfterAnyPrefix() {
        HttpLocation l = at("http://127.0.0.1:50051/org/db");
        assertThat(l.https()).isFalse();
        assertThat(l.host()).isEqualTo("127.0.0.1");
        assertThat(l.hostPort()).isEqualTo("127.0.0.1:50051");
        assertThat(l.segments()).containsExactly("org", "db");

        HttpLocation p = at("https://cairn.example.com/remotes/v2/my-org/my_db.v1/");
        assertThat(p.https()).isTrue();
        assertThat(p.port()).isEqualTo(443);
        assertThat(p.hostPort()).isEqualTo("cairn.example.com:443");
        assertThat(p.segments()).containsExactly("remotes", "v2", "my-org", "my_db.v1");

        assertThat(at("http://[::1]:8080/o/r").hostPort()).isEqualTo("[::1]:8080");
        assertThat(at("HTTP://Example.com/o/r").port()).isEqualTo(80);
        assertThat(factory.schemes()).contains("http", "https");
    }

    @Test
    void urlsWithoutARepositoryOrWithBadNamesAreRefused() {
        for (String bad : List.of("http://host:1/db", "http://host:1/", "http://host:1")) {
            assertThatThrownBy(() -> factory.parse(bad, null, Map.of())).as(bad).isInstanceOf(RemoteException.class)
                    .hasMessageContaining("the path must name a repository as /org/repo");
        }
        assertThatThrownBy(() -> factory.parse("http://host:1/org/.hidden", null, Map.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("'.hidden' is not a valid repository name");
        assertThatThrownBy(() -> factory.parse("http://host:1/../db", null, Map.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("'..' is not a valid organisation name");
        assertThatThrownBy(() -> factory.parse("http://host:1/a b/org/db", null, Map.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("'a b' is not a valid path segment");
        assertThatThrownBy(() -> factory.parse("http://:8080/org/db", null, Map.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("no host");
        assertThatThrownBy(() -> factory.parse("http://host:99999/org/db", null, Map.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("port '99999' is not a number from 1 to 65535");
        assertThatThrownBy(() -> factory.parse("http://ho_st/org/db", null, Map.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("'ho_st' is not a host name");
    }

    @Test
    void queryParametersAndParametersAreRefused() {
        assertThatThrownBy(() -> factory.parse("http://host:1/org/db?token=abc", null, Map.of()))
                .isInstanceOf(RemoteException.class)
                .hasMessage("invalid remote URL 'http://host:1/org/db?token=***': http URLs take no '?' parameters");
        assertThatThrownBy(() -> factory.parse("https://host/org/db", null, Map.of("aws-region", "x")))
                .isInstanceOf(RemoteException.class).hasMessage("parameter 'aws-region' does not apply to https URLs");
    }

    @Test
    void aTokenInTheUrlIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> factory.parse("https://me:s3cr3t@host/org/db", null, Map.of()))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("take no user or token; set CAIRN_REMOTE_TOKEN")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }
}
