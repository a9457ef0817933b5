package dev.cairn.remotes.git;

import dev.cairn.chunkstore.blob.TransientBlobException;
import dev.cairn.remotes.RemoteException;
import java.io.IOException;
import java.util.Locale;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.TransportException;

/**
 * Turns JGit's transport failures into one line naming the URL: a user mistake (no such
 * repository, credentials refused) becomes a {@link RemoteException}; anything that may pass
 * on retry (host unreachable, connection reset) is a {@link TransientBlobException}, which the
 * retry decorator acts on.
 */
final class GitErrors {
    private GitErrors() {
    }

    static IOException translate(String action, String shownUrl, TransportException e) {
        return translate(action, shownUrl, e, "");
    }

    /**
     * @param sshStderr what an external ssh client wrote to stderr, if one ran ("" otherwise): its
     *     refusal of a login is the real cause even when JGit saw only the hang-up
     */
    static IOException translate(String action, String shownUrl, TransportException e, String sshStderr) {
        String detail = oneLine(e).replaceFirst("^[a-z+]+://[^\\s]*: ", "");
        String lower = detail.toLowerCase(Locale.ROOT);
        String sshLine = deniedLine(sshStderr);
        if (sshLine != null && !isAccessDenied(lower)) {
            detail = sshLine;
            lower = sshLine.toLowerCase(Locale.ROOT);
        }
        if (isAccessDenied(lower)) {
            throw new RemoteException("git remote '" + shownUrl + "': access denied (" + detail
                    + "); set GIT_USERNAME and GIT_PASSWORD (or GIT_TOKEN), configure a credential helper,"
                    + " or for ssh load a key into the agent", e);
        }
        if (isMissingRepository(e)) {
            throw new RemoteException("git remote '" + shownUrl + "': "
                    + (lower.contains("no such repository") ? detail : "no such repository (" + detail + ")"), e);
        }
        // Host unreachable, connection reset, timeout: the retry decorator may try again. A push
        // that broke off may still have moved the ref, which the decorator checks by reading back.
        return new TransientBlobException(action + " git remote '" + shownUrl + "': " + detail, e);
    }

    /** The first line of ssh's stderr that refuses access, or null. */
    private static String deniedLine(String sshStderr) {
        return sshStderr.lines().map(String::strip).filter(l -> isAccessDenied(l.toLowerCase(Locale.ROOT)))
                .findFirst().orElse(null);
    }

    /** Whether the host refused who we are, rather than what we asked for. */
    private static boolean isAccessDenied(String lower) {
        return lower.contains("not authorized") || lower.contains("authentication") || lower.contains("auth fail")
                || lower.contains("permission denied") || lower.contains("credentialsprovider");
    }

    /** Whether the host said there is no repository at the URL (as opposed to not answering at all). */
    static boolean isMissingRepository(TransportException e) {
        String lower = oneLine(e).toLowerCase(Locale.ROOT);
        if (isAccessDenied(lower)) {
            // JGit reports an ssh login refused as a missing repository.
            return false;
        }
        return e instanceof NoRemoteRepositoryException || lower.contains("not found")
                || lower.contains("no such repository") || lower.contains("does not appear to be a git repository")
                || lower.contains("not exported");
    }

    /** The first line of the message, with any URL credentials JGit echoed left out. */
    static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        String line = (nl < 0 ? m : m.substring(0, nl)).trim();
        return line.replaceAll("//[^/@\\s]*:[^/@\\s]*@", "//***@");
    }
}
