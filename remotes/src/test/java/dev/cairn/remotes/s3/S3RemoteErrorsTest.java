package dev.cairn.remotes.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.remotes.RemoteException;
import dev.cairn.remotes.RemoteFactory;
import dev.cairn.remotes.RemoteUrl;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way an s3 remote can be wrong gives one line that names the remote, without a stack trace in it. */
class S3RemoteErrorsTest {
    private static final S3ProxyServer SERVER = S3ProxyServer.get();

    @TempDir
    Path tmp;

    private final RemoteFactory factory = RemoteFactory.standard();

    private static void oneLineNaming(Throwable e, String url) {
        assertThat(e.getMessage()).doesNotContain("\n", "\tat ", "Exception").contains(url);
    }

    @Test
    void anUnknownBucketIsAClearErrorAndIsNotCreated() {
        String url = SERVER.url("no-such-bucket", "db");
        for (boolean existing : new boolean[] {false, true}) {
            assertThatThrownBy(() -> {
                RemoteUrl u = RemoteUrl.parse(url, null);
                if (existing) {
                    factory.openExisting(u, S3ProxyServer.credentialParams(tmp));
                } else {
                    factory.open(u, S3ProxyServer.credentialParams(tmp));
                }
            }).isInstanceOf(RemoteException.class)
                    .hasMessageStartingWith("S3 bucket 'no-such-bucket' does not exist")
                    .satisfies(e -> oneLineNaming(e, "s3://no-such-bucket/db"));
        }
        assertThat(SERVER.admin().listBuckets().buckets()).noneMatch(b -> b.name().equals("no-such-bucket"));
    }

    @Test
    void anUnreachableEndpointIsAClearError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        String url = "s3://bkt/db?endpoint=http://127.0.0.1:" + port + "&path-style=true";
        assertThatThrownBy(() -> factory.open(RemoteUrl.parse(url, null), S3ProxyServer.credentialParams(tmp)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot reach http://127.0.0.1:" + port + " for 's3://bkt/db")
                .hasMessageContaining("refused")
                .satisfies(e -> oneLineNaming(e, "s3://bkt/db"));
    }

    @Test
    void wrongCredentialsAreAccessDenied() throws IOException {
        String bucket = SERVER.newBucket();
        Path file = tmp.resolve("wrong");
        Files.writeString(file, "[default]\naws_access_key_id = " + S3ProxyServer.ACCESS_KEY
                + "\naws_secret_access_key = not-the-secret\n");
        Map<String, String> params = Map.of(AwsCredentialOptions.CREDS_TYPE, "file",
                AwsCredentialOptions.CREDS_FILE, file.toString());
        assertThatThrownBy(() -> factory.open(SERVER.remoteUrl(bucket, "db"), params))
                .isInstanceOf(RemoteException.class)
                .hasMessageStartingWith("access denied to 's3://" + bucket + "/db")
                .satisfies(e -> oneLineNaming(e, "s3://" + bucket + "/db"));
    }

    @Test
    void missingCredentialsAreAClearErrorBeforeAnyRequest() throws IOException {
        Path empty = tmp.resolve("empty-credentials");
        Files.writeString(empty, "[someone-else]\naws_access_key_id = a\naws_secret_access_key = b\n");
        String url = SERVER.url("bkt", "db");
        assertThatThrownBy(() -> factory.open(RemoteUrl.parse(url, null),
                Map.of(AwsCredentialOptions.CREDS_FILE, empty.toString())))
                .isInstanceOf(RemoteException.class)
                .hasMessage("no AWS credentials for '" + url + "': no credentials for profile 'default' in '"
                        + empty + "'");
        assertThatThrownBy(() -> factory.open(RemoteUrl.parse(url, null),
                Map.of(AwsCredentialOptions.CREDS_FILE, tmp.resolve("absent").toString())))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("credentials file '" + tmp.resolve("absent") + "' does not exist");
        if (System.getenv("AWS_ACCESS_KEY_ID") == null) {
            assertThatThrownBy(() -> factory.open(RemoteUrl.parse(url, null),
                    Map.of(AwsCredentialOptions.CREDS_TYPE, "env")))
                    .isInstanceOf(RemoteException.class)
                    .hasMessage("no AWS credentials for '" + url + "': AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                            + "are not both set (--aws-creds-type env)");
        }
    }

    @Test
    void badUrlsAndParametersAreRefusedBeforeAnythingIsOpened() {
        Path wd = tmp;
        assertThatThrownBy(() -> factory.parse("s3:///db", wd, Map.of())).isInstanceOf(RemoteException.class)
                .hasMessageContaining("no bucket");
        assertThatThrownBy(() -> factory.parse("s3://bkt/db?endpoint=ftp://x", wd, Map.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("endpoint must be an http://");
        assertThatThrownBy(() -> factory.parse("s3://bkt/db?colour=blue", wd, Map.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("unknown parameter 'colour'");
        assertThatThrownBy(() -> factory.parse("s3://bkt/db?path-style=maybe", wd, Map.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("path-style must be true or false");
        assertThatThrownBy(() -> factory.parse("s3://bkt/../db", wd, Map.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("the path may hold only");
        assertThatThrownBy(() -> factory.parse("s3://AKIA:secret@bkt/db", wd, Map.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("take no user or secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret@"));
        assertThatThrownBy(() -> factory.parse("s3://bkt/db", wd, Map.of("aws-creds-type", "magic")))
                .isInstanceOf(RemoteException.class).hasMessageContaining("valid options are: role, env, file");
        assertThatThrownBy(() -> factory.parse("s3://bkt/db", wd, Map.of("ref", "x")))
                .isInstanceOf(RemoteException.class).hasMessage("parameter 'ref' does not apply to s3 URLs");
        factory.parse("s3://bkt/team/db?region=eu-west-1", wd,
                Map.of("aws-region", "eu-west-1", "aws-creds-type", "role", "aws-creds-profile", "backup"));
    }
}
