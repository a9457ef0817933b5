package dev.cairn.remotes.gcs;

import dev.cairn.remotes.RemoteUrl;
import java.util.Map;

/**
 * Opens the {@code gs://} URL given as its argument and prints the error's message, run by
 * {@link GcsRemoteErrorsTest} in a child JVM whose environment has no Application Default
 * Credentials (and {@code NO_GCE_CHECK=true}, so the lookup never probes a metadata server).
 */
public final class NoCredentialsProbe {
    private NoCredentialsProbe() {
    }

    public static void main(String[] args) throws Exception {
        try {
            new GcsRemoteScheme().open(RemoteUrl.parse(args[0], null), Map.of()).close();
            System.out.println("opened");
        } catch (Exception e) {
            System.out.println(e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
