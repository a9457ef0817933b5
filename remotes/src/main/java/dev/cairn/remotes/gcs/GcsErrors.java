package dev.cairn.remotes.gcs;

import com.google.cloud.BaseServiceException;
import dev.cairn.chunkstore.blob.TransientBlobException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Turns what the GCS client throws into one line a user can act on, naming the remote's URL:
 * denied, credentials refused, bucket missing, endpoint unreachable, or the service's own
 * message. The client's messages are multi-line JSON dumps, so they never reach a user as
 * they are.
 *
 * <p>It also classifies, since the client retries nothing itself and
 * {@link dev.cairn.remotes.decorators.RetryingBlobStore} is the one retry policy: throttling
 * (429), server errors (5xx), and dropped, reset or timed-out connections are
 * {@link TransientBlobException}s; a refused connection or an unknown host among them is
 * marked as not carried out. Everything else (403, 401, 404, 400) is permanent.
 */
final class GcsErrors {
    private GcsErrors() {
    }

    /**
     * @param what the operation, e.g. {@code "read manifest"}
     */
    static IOException translate(BaseServiceException e, GcsLocation at, String what) {
        String where = "'" + at.url() + "'";
        int code = e.getCode();
        String line;
        if (code == 403) {
            line = "access denied to " + where + " (403): the credentials may not " + what + " in bucket '"
                    + at.bucket() + "'";
        } else if (code == 401) {
            line = "credentials were refused by GCS for " + where + " (401); renew them with "
                    + "'gcloud auth application-default login' or GOOGLE_APPLICATION_CREDENTIALS";
        } else if (code == 404 && isBucketMissing(e)) {
            line = "bucket '" + at.bucket() + "' of " + where + " does not exist";
        } else if (unreachable(e)) {
            line = "cannot reach GCS at " + endpointOf(at) + " for " + where + ": " + rootMessage(e);
        } else {
            line = "GCS could not " + what + " at " + where + ": " + (code > 0 ? code + " " : "") + firstLine(e);
        }
        if (code == 429 || code >= 500 || (code <= 0 && hasIoCause(e))) {
            return new TransientBlobException(line, e, !neverSent(e));
        }
        return new IOException(line, e);
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** A request that never reached a server cannot have changed anything. */
    private static boolean neverSent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    static String endpointOf(GcsLocation at) {
        return at.endpoint() == null ? "https://storage.googleapis.com" : at.endpoint();
    }

    private static boolean isBucketMissing(BaseServiceException e) {
        String m = e.getMessage();
        return m != null && m.contains("bucket does not exist");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }
}
