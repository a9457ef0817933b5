package dev.cairn.testdata.gcs;

/**
 * A request the fake refuses, carrying what the service would answer: the HTTP status, the
 * {@code reason} of its JSON error body and its message. Thrown by the bucket state and turned
 * into a response by {@link FakeGcsServer}, so each rule is written once.
 */
final class GcsError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;

    GcsError(int status, String reason, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    int status() {
        return status;
    }

    String reason() {
        return reason;
    }

    static GcsError notFound(String what) {
        return new GcsError(404, "notFound", "No such object: " + what);
    }

    static GcsError noSuchBucket(String bucket) {
        return new GcsError(404, "notFound", "The specified bucket does not exist.");
    }

    static GcsError conditionNotMet() {
        return new GcsError(412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.");
    }

    static GcsError badRequest(String message) {
        return new GcsError(400, "invalid", message);
    }

    static GcsError denied(String bucket) {
        return new GcsError(403, "forbidden",
                "caller does not have storage.objects access to the Google Cloud Storage bucket " + bucket + ".");
    }
}
