package dev.cairn.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepoStateCodecTest {
    private static RepoState decode(String json) {
        return RepoStateCodec.decode(json.getBytes(StandardCharsets.UTF_8), "repo_state.json");
    }

    @Test
    void roundTripsBranchRemotesAndBackups() {
        RepoState state = new RepoState("feature",
                Map.of("origin", new RemoteConfig("origin", "file:///srv/db", Map.of())),
                Map.of("nightly", new RemoteConfig("nightly", "s3://b/db", Map.of("aws-region", "eu-west-1"))));
        String json = new String(RepoStateCodec.encode(state), StandardCharsets.UTF_8);
        assertThat(json).contains("\"head\" : \"refs/heads/feature\"").contains("\"aws-region\" : \"eu-west-1\"");
        assertThat(decode(json)).isEqualTo(state);
    }

    @Test
    void unknownFieldsAndMissingSectionsAreTolerated() {
        RepoState s = decode("{\"extra\": {\"a\": [1, {\"b\": 2}]}, \"head\": \"refs/heads/main\", \"backups\": null}");
        assertThat(s).isEqualTo(RepoState.initial("main"));
    }

    @Test
    void damagedFilesSayWhatIsWrong() {
        assertThatThrownBy(() -> decode("[]")).isInstanceOf(RepoException.class)
                .hasMessage("repo_state.json is not a JSON object");
        assertThatThrownBy(() -> decode("{\"head\": \"main\"}")).isInstanceOf(RepoException.class)
                .hasMessage("repo_state.json names no checked-out branch");
        assertThatThrownBy(() -> decode("{\"head\": \"refs/heads/main\", \"remotes\": {\"o\": {\"name\": \"o\"}}}"))
                .isInstanceOf(RepoException.class).hasMessage("repo_state.json: 'o' has no url");
        assertThatThrownBy(() -> decode("{\"head\": ")).isInstanceOf(RepoException.class)
                .hasMessageStartingWith("repo_state.json is not valid JSON");
    }
}
