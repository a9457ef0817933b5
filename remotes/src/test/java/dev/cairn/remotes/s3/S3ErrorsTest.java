package dev.cairn.remotes.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.blob.TransientBlobException;
import dev.cairn.remotes.RemoteUrl;
import java.io.IOException;
import java.net.SocketException;
import org.apache.http.ConnectionClosedException;
import org.apache.http.NoHttpResponseException;
import org.apache.http.TruncatedChunkException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** How failures the SDK reports without an HTTP status are classified. */
class S3ErrorsTest {
    private static final S3Location WHERE =
            S3Location.of(RemoteUrl.parse("s3://bkt/db?endpoint=http://127.0.0.1:9&path-style=true", null));

    private static IOException translate(Throwable cause) {
        return S3Errors.translate(SdkClientException.builder().message("Unable to execute HTTP request: "
                + cause.getMessage()).cause(cause).build(), WHERE, "reading 'k'");
    }

    @Test
    void aConnectionLostBeforeOrDuringTheAnswerIsTransientAndMayHaveTakenEffect() {
        // Reset; closed under a request on a kept-alive connection; closed in order mid-body.
        for (IOException lost : new IOException[] {new SocketException("Connection reset"),
                new NoHttpResponseException("The target server failed to respond"),
                new ConnectionClosedException("Premature end of Content-Length delimited message body"),
                new TruncatedChunkException("Truncated chunk (expected size: 8192; actual size: 100)")}) {
            IOException e = translate(lost);
            assertThat(e).as(lost.toString()).isInstanceOf(TransientBlobException.class)
                    .hasMessageStartingWith("connection to '" + WHERE + "' lost reading 'k': ");
            assertThat(((TransientBlobException) e).mayHaveTakenEffect()).isTrue();
        }
    }

    @Test
    void otherClientFailuresAreNotRetried() {
        IOException e = translate(new IllegalStateException("no signer"));
        assertThat(e).isNotInstanceOf(TransientBlobException.class).hasMessageContaining("no signer");
    }
}
