package dev.cairn.remotes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteFactoryTest {
    @TempDir
    Path tmp;

    private final RemoteFactory factory = RemoteFactory.standard();

    @Test
    void fileUrlsAreAbsoluteWithThreeSlashesAndRelativeToTheWorkingDirectoryWithTwo() {
        Path abs = tmp.resolve("backups/nightly");
        assertThat(RemoteUrl.parse("file://" + abs, tmp).localPath()).isEqualTo(abs);
        assertThat(RemoteUrl.parse("file://backups/nightly", tmp).localPath()).isEqualTo(abs);
        assertThat(RemoteUrl.parse("FILE://backups/../backups/nightly", tmp).localPath()).isEqualTo(abs);
        assertThat(RemoteUrl.parse("file://" + tmp + "/my%20dir", tmp).localPath()).isEqualTo(tmp.resolve("my dir"));
    }

    @Test
    void aFileRemoteIsADirectoryStoreCreatedIfMissing() throws IOException {
        Path dir = tmp.resolve("a/b/backup");
        try (BlobStore store = factory.open("file://a/b/backup", tmp, Map.of())) {
            assertThat(store).isInstanceOf(DirectoryBlobStore.class);
            assertThat(dir).isDirectory();
            store.put("x", BlobSource.ofBytes(new byte[] {1}));
        }
        assertThat(dir.resolve("x")).exists();
    }

    @Test
    void aFileRemoteThatIsAFileIsRefused() throws IOException {
        Files.writeString(tmp.resolve("plain"), "x");
        assertThatThrownBy(() -> factory.open("file://plain", tmp, Map.of()))
                .isInstanceOf(RemoteException.class).hasMessage("remote 'file://plain' is a file, not a directory");
    }

    @Test
    void aBarePathIsNotAUrl() {
        assertThatThrownBy(() -> factory.parse("/var/backups/db", tmp, Map.of()))
                .isInstanceOf(RemoteException.class)
                .hasMessage("'/var/backups/db' is not a URL; for a directory write file:///var/backups/db");
        assertThatThrownBy(() -> factory.parse("backups/db", tmp, Map.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("write file://backups/db");
        assertThatThrownBy(() -> factory.parse("C:\\backups", tmp, Map.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("is not a URL");
    }

    @Test
    void malformedUrlsSayWhatIsWrong() {
        assertThatThrownBy(() -> factory.parse("", tmp, Map.of())).hasMessage("remote URL '' is invalid");
        assertThatThrownBy(() -> factory.parse("file:/tmp/x", tmp, Map.of()))
                .hasMessage("invalid remote URL 'file:/tmp/x': expected 'file://' after the scheme");
        assertThatThrownBy(() -> factory.parse("file://", tmp, Map.of())).hasMessageContaining("no path");
        assertThatThrownBy(() -> factory.parse("file:///tmp/x?a=1", tmp, Map.of()))
                .hasMessageContaining("file URLs take no '?' parameters");
        assertThatThrownBy(() -> factory.parse("file:///tmp/x", tmp, Map.of("aws-region", "eu-west-1")))
                .hasMessage("parameter 'aws-region' does not apply to file URLs");
        assertThatThrownBy(() -> factory.parse("file:///tmp/x%zz", tmp, Map.of())).hasMessageContaining("bad percent escape");
        assertThatThrownBy(() -> factory.parse("file://rel", null, Map.of())).hasMessageContaining("needs a working directory");
    }

    @Test
    void doltsAwsFormIsRefusedNamingS3AsTheAlternative() {
        assertThatThrownBy(() -> factory.parse("aws://[tbl:bkt]/db", tmp, Map.of()))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("DynamoDB").hasMessageContaining("use s3://bucket/path instead")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anUnknownSchemeIsNamedWithTheSupportedOnes() {
        assertThatThrownBy(() -> factory.parse("ftp://host/db", tmp, Map.of()))
                .isInstanceOf(RemoteException.class)
                .hasMessage("unknown URL scheme 'ftp' in 'ftp://host/db'; supported: file, git+file, git+git, git+http,"
                        + " git+https, git+ssh, gs, http, https, mem, s3");
    }

    @Test
    void secretsNeverReachAMessage() {
        String url = "https://alice:hunter2@example.com/org/db?token=s3cr3t&aws-secret-access-key=AKIA/xyz&region=eu";
        assertThatThrownBy(() -> factory.parse(url, tmp, Map.of()))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("https://alice:***@example.com/org/db?token=***&aws-secret-access-key=***&region=eu")
                .message().doesNotContain("hunter2", "s3cr3t", "AKIA");
        RemoteUrl parsed = RemoteUrl.parse(url, tmp);
        assertThat(parsed.toString()).doesNotContain("hunter2", "s3cr3t", "AKIA");
        assertThat(parsed.userInfo()).isEqualTo("alice:hunter2");
        assertThat(parsed.authority()).isEqualTo("example.com");
        assertThat(parsed.path()).isEqualTo("/org/db");
        assertThat(parsed.query()).containsEntry("region", "eu").containsEntry("token", "s3cr3t");
    }

    @Test
    void otherSchemesParseIntoTheirParts() {
        RemoteUrl s3 = RemoteUrl.parse("s3://bucket/path/db?endpoint=http://localhost:9000&path-style=true", tmp);
        assertThat(s3.scheme()).isEqualTo("s3");
        assertThat(s3.authority()).isEqualTo("bucket");
        assertThat(s3.path()).isEqualTo("/path/db");
        assertThat(s3.query()).containsEntry("endpoint", "http://localhost:9000").containsEntry("path-style", "true");
        RemoteUrl aws = RemoteUrl.parse("aws://[dynamo-table:s3-bucket]/db", tmp);
        assertThat(aws.authority()).isEqualTo("[dynamo-table:s3-bucket]");
        assertThat(RemoteUrl.parse("git+https://github.com/o/r.git", tmp).scheme()).isEqualTo("git+https");
    }

    @Test
    void schemesPlugInThroughTheServiceLoaderWithoutTouchingCallers() throws IOException {
        assertThat(factory.schemes()).containsExactly("file", "git+file", "git+git", "git+http", "git+https", "git+ssh",
                "gs", "http", "https", "mem", "s3");
        try (BlobStore a = factory.open("mem://one", tmp, Map.of())) {
            a.put("k", BlobSource.ofBytes(new byte[] {7}));
            assertThat(factory.open("mem://one", tmp, Map.of()).size("k")).isEqualTo(1);
        }
    }

    @Test
    void aSchemeRegisteredTwiceByDifferentImplementationsIsABuildMistake() {
        RemoteScheme impostor = new RemoteScheme() {
            @Override
            public java.util.Set<String> schemes() {
                return java.util.Set.of("file");
            }

            @Override
            public BlobStore open(RemoteUrl url, Map<String, String> params) {
                throw new UnsupportedOperationException();
            }
        };
        assertThatThrownBy(() -> new RemoteFactory(List.of(new FileRemoteScheme(), impostor)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'file' is registered by both");
    }
}
