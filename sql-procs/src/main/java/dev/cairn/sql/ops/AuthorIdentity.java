package dev.cairn.sql.ops;

import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.repo.Config;
import dev.cairn.repo.Repo;
import dev.cairn.sql.SessionContext;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a new commit, merge or tag is by: {@code --author "Name <email>"} if given, else the
 * {@code user.name} and {@code user.email} settings (local over global); stamped with the
 * session's clock so tests and replays get fixed times.
 */
public final class AuthorIdentity {
    private static final Pattern AUTHOR = Pattern.compile("\\s*([^<>]*?)\\s*<([^<>]*)>\\s*");

    static final String UNKNOWN = "Author identity unknown: set it with "
            + "cairn config --global --add user.name \"Your Name\" and "
            + "cairn config --global --add user.email \"you@example.com\" (omit --global for this database only)";
    static final String BAD_FORMAT = "Author not formatted correctly. Use 'Name <author@example.com>' format";

    private AuthorIdentity() {
    }

    /** The commit metadata for {@code message}, or a user error if no identity is known. */
    public static CommitMeta meta(SessionContext session, Repo repo, String authorFlag, String message) {
        long now = session.clock().millis();
        if (authorFlag != null) {
            Matcher m = AUTHOR.matcher(authorFlag);
            if (!m.matches() || m.group(1).isEmpty()) {
                throw UserErrors.error(BAD_FORMAT);
            }
            return new CommitMeta(m.group(1), m.group(2).trim(), now, message);
        }
        Config config = repo.config();
        Optional<String> name = config.get(Config.USER_NAME).filter(s -> !s.isBlank());
        Optional<String> email = config.get(Config.USER_EMAIL).filter(s -> !s.isBlank());
        if (name.isEmpty() || email.isEmpty()) {
            throw UserErrors.error(UNKNOWN);
        }
        return new CommitMeta(name.get(), email.get(), now, message);
    }
}
