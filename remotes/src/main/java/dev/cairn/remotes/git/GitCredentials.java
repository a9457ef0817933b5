package dev.cairn.remotes.git;

import java.util.Map;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Chooses where the credentials for an HTTP(S) Git remote come from, first match wins: a
 * password in the URL's user part; {@code GIT_PASSWORD} (with {@code GIT_USERNAME}, else the
 * URL's user); {@code GIT_TOKEN} (user {@code GIT_USERNAME}, else the URL's user, else
 * {@code x-access-token}, which GitHub and Gitea accept with a token); otherwise the user's
 * Git credential helpers, asked through {@code git credential fill}. SSH remotes authenticate
 * with the user's keys and agent through the ssh client (see {@link ExternalSshSessionFactory}).
 */
final class GitCredentials {
    private GitCredentials() {
    }

    static CredentialsProvider forUri(URIish uri, Map<String, String> env) {
        String user = uri.getUser();
        if (uri.getPass() != null) {
            return new UsernamePasswordCredentialsProvider(user == null ? "" : user, uri.getPass());
        }
        String envUser = blankToNull(env.get("GIT_USERNAME"));
        String name = envUser != null ? envUser : user;
        String password = blankToNull(env.get("GIT_PASSWORD"));
        if (password != null) {
            return new UsernamePasswordCredentialsProvider(name == null ? "git" : name, password);
        }
        String token = blankToNull(env.get("GIT_TOKEN"));
        if (token != null) {
            return new UsernamePasswordCredentialsProvider(name == null ? "x-access-token" : name, token);
        }
        return new CredentialHelperProvider(name);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
