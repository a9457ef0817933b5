package dev.cairn.remotes.git;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * Asks the user's Git credential helpers ({@code credential.helper} in their Git config:
 * the OS keychain, {@code store}, {@code cache}, a host's CLI) for a user name and password,
 * by running {@code git credential fill} as Git itself would. JGit has no helper support of
 * its own. Never prompts: {@code GIT_TERMINAL_PROMPT=0}, so a missing credential fails the
 * request instead of hanging a backup.
 */
final class CredentialHelperProvider extends CredentialsProvider {
    private final String user;

    CredentialHelperProvider(String user) {
        this.user = user;
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
        for (CredentialItem i : items) {
            if (!(i instanceof CredentialItem.Username) && !(i instanceof CredentialItem.Password)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
        Map<String, String> answer = fill(uri);
        if (answer == null || !answer.containsKey("password")) {
            return false;
        }
        for (CredentialItem i : items) {
            if (i instanceof CredentialItem.Username u) {
                u.setValue(answer.getOrDefault("username", user));
            } else if (i instanceof CredentialItem.Password p) {
                p.setValue(answer.get("password").toCharArray());
            } else {
                throw new UnsupportedCredentialItem(uri, i.getPromptText());
            }
        }
        return true;
    }

    /** The helper's answer as key=value pairs, or null if git is missing or had nothing. */
    private Map<String, String> fill(URIish uri) {
        StringBuilder request = new StringBuilder();
        request.append("protocol=").append(uri.getScheme()).append('\n');
        request.append("host=").append(uri.getHost()).append(uri.getPort() > 0 ? ":" + uri.getPort() : "").append('\n');
        if (uri.getPath() != null) {
            request.append("path=").append(uri.getPath().replaceFirst("^/", "")).append('\n');
        }
        if (user != null) {
            request.append("username=").append(user).append('\n');
        }
        request.append('\n');
        try {
            ProcessBuilder pb = new ProcessBuilder("git", "credential", "fill");
            pb.environment().put("GIT_TERMINAL_PROMPT", "0");
            pb.environment().put("GIT_ASKPASS", "");
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(request.toString().getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            if (p.exitValue() != 0) {
                return null;
            }
            Map<String, String> answer = new HashMap<>();
            for (String line : out.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    answer.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return answer;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
