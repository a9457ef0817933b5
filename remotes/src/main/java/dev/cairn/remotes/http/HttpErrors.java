package dev.cairn.remotes.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.chunkstore.blob.TransientBlobException;
import dev.cairn.remotes.RemoteException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertPathValidatorException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Classifies what goes wrong talking to a Cairn remote server, as PROTOCOL.md says a client
 * must, with one line naming the remote: a {@link RemoteException} for what only the user can
 * fix (a missing or refused token, a read-only remote, an untrusted certificate, a server
 * that does not speak the protocol), a {@link TransientBlobException} for what may pass if
 * tried again (5xx, 429, a refused, reset or timed-out connection, a body cut short), which
 * the retry decorator retries, and a plain {@link IOException} for the rest.
 */
final class HttpErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY = 16 << 10;

    /**
     * The {@code {"error", "message"}} of an error answer.
     *
     * @param code the protocol's error code, or "" if the answer carried none (not a Cairn server, or a HEAD)
     * @param message the server's one line for a human, or ""
     */
    record ErrorBody(String code, String message) {
        static final ErrorBody NONE = new ErrorBody("", "");
    }

    private final HttpLocation where;
    private final RemoteTokens.Token token;
    private final String tokensFile;

    HttpErrors(HttpLocation where, RemoteTokens.Token token, String tokensFile) {
        this.where = where;
        this.token = token;
        this.tokensFile = tokensFile;
    }

    /**
     * Reads an error answer's body, at most a few kB of it; {@link ErrorBody#NONE} if it is not
     * a Cairn error. A body cut short is not "no Cairn error": its code, which decides what the
     * status means (a 404 without one says this is not a Cairn server, a final verdict), was
     * lost with it, so that is a lost answer, as transient as any other.
     *
     * @param what what was being done, e.g. {@code "reading 'tables/abc'"}
     * @throws IOException the {@link #transport} failure if the body broke off
     */
    ErrorBody errorBody(Response r, String what) throws IOException {
        ResponseBody body = r.body();
        if (body == null) {
            return ErrorBody.NONE;
        }
        byte[] bytes;
        try (InputStream in = body.byteStream()) {
            bytes = in.readNBytes(MAX_ERROR_BODY); // okhttp checks the bytes against Content-Length
        } catch (IOException e) {
            throw transport(e, what);
        }
        try {
            JsonNode node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (node != null && node.isObject() && node.path("error").isTextual()) {
                return new ErrorBody(node.get("error").asText(), oneLine(node.path("message").asText("")));
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: no Cairn error code
        }
        return ErrorBody.NONE;
    }

    /**
     * The exception for an answer the caller did not expect. Throws the {@link RemoteException}
     * itself for what only the user can fix; callers write {@code throw errors.status(r, e, what)}.
     *
     * @param what what was being done, e.g. {@code "reading 'tables/abc'"}
     */
    IOException status(Response r, ErrorBody e, String what) {
        int status = r.code();
        String detail = e.message().isEmpty() ? "" : ": " + e.message();
        String codeText = status + (e.code().isEmpty() ? "" : " " + e.code());
        if (status == 401) {
            if (token == null) {
                throw new RemoteException(where + ": the server needs a token (401); set " + RemoteTokens.ENV
                        + " or add one for \"" + where.hostPort() + "\" to " + tokensFile);
            }
            throw new RemoteException(where + ": the server refused the token from " + token.source() + " (401); set "
                    + RemoteTokens.ENV + " to a token it accepts");
        }
        if (status == 403) {
            if (e.code().equals("read_only")) {
                throw new RemoteException(where + ": the remote is read-only; " + what + " was refused (403)");
            }
            throw new RemoteException(where + ": access denied " + what + " (" + codeText + ")" + detail);
        }
        if (status == 400 && e.code().equals("unsupported_protocol")) {
            throw new RemoteException(where + ": the server does not speak Cairn remote protocol "
                    + HttpBlobStore.PROTOCOL + detail);
        }
        if (status >= 300 && status < 400) {
            String location = r.header("Location");
            throw new RemoteException(where + ": the server redirects (" + status + ")"
                    + (location == null ? "" : " to " + location) + "; use the URL of the remote itself");
        }
        if (status == 404 && e.code().isEmpty()) {
            throw new RemoteException(where + ": the server answered 404 " + what + " without a Cairn error; "
                    + "is this the URL of a Cairn remote server (http://host:port/org/repo)?");
        }
        String line = where + ": " + what + " failed (HTTP " + codeText + ")" + detail;
        if (status >= 500 || status == 429) {
            // 503 (shutting down) and 429 (throttled) say the request was not carried out.
            return new TransientBlobException(line, null, status != 503 && status != 429);
        }
        if (status == 422 && e.code().equals("digest_mismatch")) {
            // The server got other bytes than were sent (a proxy that cut the body); nothing was stored.
            return new TransientBlobException(line, null, false);
        }
        return new IOException(line);
    }

    /**
     * The exception for a request that got no (complete) answer. Throws the {@link RemoteException}
     * itself for a TLS failure only the user can fix.
     */
    IOException transport(IOException e, String what) {
        if (e instanceof SSLException) {
            throw tls((SSLException) e);
        }
        Throwable cause = find(e, UnknownHostException.class);
        if (cause != null) {
            return new IOException("cannot reach " + where + ": unknown host " + where.host(), e);
        }
        if (find(e, NoRouteToHostException.class) != null) {
            return new IOException("cannot reach " + where + ": no route to host " + where.host(), e);
        }
        if (find(e, ConnectException.class) != null) {
            // Refused: nothing was sent, so a write did not happen.
            return new TransientBlobException("cannot reach " + where + ": connection refused by "
                    + where.hostPort(), e, false);
        }
        if (find(e, SocketTimeoutException.class) != null) {
            return new TransientBlobException("no answer from " + where + " " + what + " within the time "
                    + "limit: " + describe(e), e, true);
        }
        // A reset connection or a body cut short: the request may have been carried out.
        return new TransientBlobException("connection to " + where + " lost " + what + ": " + describe(e), e, true);
    }

    private RemoteException tls(SSLException e) {
        if (e instanceof SSLPeerUnverifiedException) {
            return new RemoteException(where + ": the server's certificate is not for " + where.host()
                    + ": " + describe(e), e);
        }
        if (find(e, CertPathValidatorException.class) != null || find(e, CertificateException.class) != null) {
            return new RemoteException(where + ": the server's certificate is not trusted; set "
                    + HttpClientFactory.CA_FILE_ENV + " to a PEM file holding it or the CA that signed it", e);
        }
        return new RemoteException(where + ": TLS with the server failed (" + describe(e)
                + "); does it serve https on port " + where.port() + "?", e);
    }

    private static Throwable find(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
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
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : oneLine(m);
    }

    static String oneLine(String s) {
        String line = s.replaceAll("\\s*\\R\\s*", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
