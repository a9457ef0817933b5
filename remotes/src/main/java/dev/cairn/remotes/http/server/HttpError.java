package dev.cairn.remotes.http.server;

/**
 * A request the server refuses: the status and error code of the protocol, and one line for
 * a human. Thrown anywhere below the handler and turned into the JSON error body once.
 */
class HttpError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    HttpError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static HttpError badPath(String message) {
        return new HttpError(400, "bad_path", message);
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, "bad_request", message);
    }

    static HttpError tooLarge(String message) {
        return new HttpError(413, "too_large", message);
    }
}
