package dev.cairn.remotes.s3;

import dev.cairn.chunkstore.blob.TransientBlobException;
import dev.cairn.remotes.RemoteException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.apache.http.ConnectionClosedException;
import org.apache.http.NoHttpResponseException;
import org.apache.http.TruncatedChunkException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns the SDK's exceptions into what the rest of Cairn expects, with one line naming the
 * remote: a {@link RemoteException} for what only the user can fix (no such bucket, access
 * denied, bad credentials), a {@link TransientBlobException} for what may pass if tried again
 * (a 5xx or throttling answer, a refused, reset or cut-short connection, a timeout), which the retry
 * decorator retries, and an {@link IOException} for the rest (an unknown host). The SDK's own message, with request ids and a list
 * of providers, stays in the cause.
 */
final class S3Errors {
    private S3Errors() {
    }

    /** The HTTP status of a service error, or 0 if the request got no answer. */
    static int status(SdkException e) {
        return e instanceof AwsServiceException s ? s.statusCode() : 0;
    }

    /** S3's error code ({@code NoSuchKey}, {@code NoSuchBucket}, ...), or "" if there is none. */
    static String code(SdkException e) {
        if (e instanceof AwsServiceException s) {
            AwsErrorDetails d = s.awsErrorDetails();
            if (d != null && d.errorCode() != null) {
                return d.errorCode();
            }
        }
        return "";
    }

    /**
     * The IOException to throw for a failed request that may pass; throws the
     * {@link RemoteException} itself for one only the user can fix. Callers write
     * {@code throw S3Errors.translate(e, where, what)}.
     *
     * @param what what was being done, e.g. {@code "reading 'tables/abc'"}
     */
    static IOException translate(SdkException e, S3Location where, String what) {
        int status = status(e);
        String code = code(e);
        if (code.equals("NoSuchBucket")) {
            throw noSuchBucket(where, e);
        }
        if (status == 403 || code.equals("AccessDenied") || code.equals("InvalidAccessKeyId")
                || code.equals("SignatureDoesNotMatch") || code.equals("AllAccessDisabled")) {
            throw new RemoteException("access denied to '" + where + "' " + what + ": "
                    + (code.isEmpty() ? "HTTP " + status : code)
                    + (code.equals("AccessDenied") ? " (check the bucket's policy and the user's permissions)"
                            : " (check the AWS credentials)"), e);
        }
        if (status == 301 || code.equals("PermanentRedirect") || code.equals("AuthorizationHeaderMalformed")) {
            throw new RemoteException("bucket '" + where.bucket() + "' of '" + where + "' is in another region; "
                    + "add ?region=... to the URL or pass --aws-region", e);
        }
        if (status != 0) {
            String message = e instanceof AwsServiceException s && s.awsErrorDetails() != null
                    && s.awsErrorDetails().errorMessage() != null ? ": " + s.awsErrorDetails().errorMessage() : "";
            String line = "S3 error " + what + " at '" + where + "': HTTP " + status
                    + (code.isEmpty() ? "" : " " + code) + oneLine(message);
            if (status >= 500 || code.equals("SlowDown") || code.equals("RequestTimeout")) {
                // 503 (SlowDown) says the request was not carried out; after a 500 nobody knows.
                return new TransientBlobException(line, e, status != 503 && !code.equals("SlowDown"));
            }
            return new IOException(line, e);
        }
        Throwable network = networkCause(e);
        if (network != null) {
            String endpoint = where.endpoint() != null ? where.endpoint().toString() : "S3";
            String line = "cannot reach " + endpoint + " for '" + where + "': " + describe(network);
            if (network instanceof ConnectException) {
                return new TransientBlobException(line, e, false); // refused: nothing was sent
            }
            if (network instanceof SocketTimeoutException) {
                return new TransientBlobException(line, e, true);
            }
            return new IOException(line, e);
        }
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (connectionLost(t)) {
                // The request may have been carried out before the answer was lost.
                return new TransientBlobException("connection to '" + where + "' lost " + what + ": "
                        + describe(t), e, true);
            }
        }
        return new IOException("S3 request " + what + " at '" + where + "' failed: " + oneLine(describe(e)), e);
    }

    static RemoteException noSuchBucket(S3Location where, Throwable cause) {
        return new RemoteException("S3 bucket '" + where.bucket() + "' does not exist (remote '" + where
                + "'); create it first", cause);
    }

    /**
     * Whether {@code t} says the connection ended before a whole answer came back: reset
     * (a SocketException), or closed in order by a server or load balancer that gave up,
     * either before the status line (a kept-alive connection closed under the request) or in
     * the middle of the body. A body cut short is never taken for the whole blob: the HTTP
     * client checks it against Content-Length or the chunk framing.
     */
    private static boolean connectionLost(Throwable t) {
        return t instanceof SocketException || t instanceof EOFException || t instanceof NoHttpResponseException
                || t instanceof ConnectionClosedException || t instanceof TruncatedChunkException;
    }

    private static Throwable networkCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        if (t instanceof UnknownHostException) {
            return "unknown host " + m;
        }
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s*\\R\\s*", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
