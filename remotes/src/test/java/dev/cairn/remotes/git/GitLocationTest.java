package dev.cairn.remotes.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.remotes.RemoteException;
import dev.cairn.remotes.RemoteUrl;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code backup add} accepts and refuses for Git URLs, before anything is opened. */
class GitLocationTest {
    private static final Path CACHE = Path.of("/cache");

    private static GitLocation of(String url, Map<String, String> params) {
        return GitLocation.of(RemoteUrl.parse(url, Path.of("/work")), params, CACHE);
    }

    @Test
    void refDefaultsAndMayComeFromTheUrlOrAParameterButNotBoth() {
        assertThat(of("git+file:///srv/b.git", Map.of()).ref()).isEqualTo("refs/dolt/data");
        assertThat(of("git+file:///srv/b.git?ref=refs/cairn/x", Map.of()).ref()).isEqualTo("refs/cairn/x");
        assertThat(of("git+https://h/o/r.git", Map.of("ref", "refs/cairn/y")).ref()).isEqualTo("refs/cairn/y");
        assertThatThrownBy(() -> of("git+https://h/o/r.git?ref=refs/a", Map.of("ref", "refs/b")))
                .isInstanceOf(RemoteException.class).hasMessageContaining("both");
    }

    @Test
    void badRefsAndForeignParametersAreRefused() {
        for (String bad : new String[] {"main", "refs/../x", "refs/a b", "refs/x.lock", "refs/x/", "refs/.hidden"}) {
            assertThatThrownBy(() -> of("git+file:///srv/b.git", Map.of("ref", bad))).as(bad)
                    .isInstanceOf(RemoteException.class).hasMessageContaining("not a valid ref name");
        }
        assertThatThrownBy(() -> of("git+https://h/o/r.git?region=eu", Map.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("only the 'ref' parameter");
        assertThatThrownBy(() -> of("git+https://h/o/r.git", Map.of("aws-region", "eu")))
                .isInstanceOf(RemoteException.class).hasMessageContaining("does not apply to git URLs");
        assertThatThrownBy(() -> of("git+https://h", Map.of())).hasMessageContaining("no repository path");
        assertThatThrownBy(() -> of("git+ssh:///r.git", Map.of())).hasMessageContaining("no host");
    }

    @Test
    void fileUrlsNameALocalRepositoryAndNetworkUrlsACacheWithoutTheirSecrets() {
        GitLocation local = of("git+file://rel/b.git", Map.of());
        assertThat(local.isLocal()).isTrue();
        assertThat(local.localRepo()).isEqualTo(Path.of("/work/rel/b.git"));

        GitLocation withSecret = of("git+https://alice:hunter2@example.com/o/r.git", Map.of());
        GitLocation withoutUser = of("git+https://example.com/o/r.git", Map.of());
        assertThat(withSecret.transportUrl()).isEqualTo("https://alice:hunter2@example.com/o/r.git");
        assertThat(withSecret.shownUrl()).doesNotContain("hunter2");
        assertThat(withSecret.cacheDir()).isEqualTo(withoutUser.cacheDir()).startsWithRaw(CACHE);
        assertThat(withSecret.cacheDir().toString()).doesNotContain("hunter2", "example.com");
        assertThat(of("git+https://example.com/o/r.git?ref=refs/cairn/z", Map.of()).cacheDir())
                .as("another ref, another cache").isNotEqualTo(withoutUser.cacheDir());
        assertThat(of("git+ssh://git@example.com:2222/o/r.git", Map.of()).transportUrl())
                .isEqualTo("ssh://git@example.com:2222/o/r.git");
    }
}
